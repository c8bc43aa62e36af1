// Screenshots for looking at pages by hand: node end2end/shots.mjs BASE OUT NAME:PATH:WIDTH:js|nojs ...
import { chromium } from "playwright-core";
const [base, out, ...specs] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking"] });
for (const spec of specs) {
  const [name, path, width, mode] = spec.split("|");
  const js = mode === "js";
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: Number(width), height: 900 } });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log(name, "console:", m.type(), m.text()); });
  page.on("pageerror", (e) => console.log(name, "pageerror:", e.message));
  await page.goto(base + path);
  if (js) { await page.waitForSelector("body[data-hydrated=true]"); await page.waitForTimeout(1500); }
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  await context.close();
}
await browser.close();

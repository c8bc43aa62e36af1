// What each public page loads of the application's code before it is
// interactive: every /pkg/ script and WASM file Chromium fetched until the
// page said it had hydrated (body[data-hydrated=true]), counted at its
// brotli size on disk (target/site/pkg/*.br), as a phone on a real
// connection gets it. Run from end2end/ against a server on BASE.
import { chromium } from "@playwright/test";
import { statSync } from "node:fs";
const BASE = process.env.BASE ?? "http://127.0.0.1:3200";
const PKG = new URL("../target/site/pkg/", import.meta.url).pathname;
const pages = (process.env.PAGES ?? "/ /lang-nghe /lang-nghe/ban-lac /cum-cong-nghiep/cum-cong-nghiep-chi-ne /tim-kiem?q=tho+cam /ban-do /en/products /en/craft-villages/ban-lac").split(" ");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const size = (path) => {
  // /pkg/<version>/name or /pkg/name
  const name = path.split("/").pop();
  try { return statSync(PKG + name + ".br").size; } catch { return statSync(PKG + name).size; }
};
console.log(`${"page".padEnd(44)} ${"files".padStart(5)} ${"wasm br".padStart(9)} ${"js br".padStart(7)} ${"total br".padStart(9)}`);
let worst = 0;
for (const path of pages) {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  const seen = new Set();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/pkg/") && /\.(wasm|js)$/.test(u.pathname)) seen.add(u.pathname);
  });
  await page.goto(path);
  await page.locator("body[data-hydrated=true]").waitFor({ timeout: 30000 });
  let wasm = 0, js = 0;
  for (const p of seen) (p.endsWith(".wasm") ? (wasm += size(p)) : (js += size(p)));
  worst = Math.max(worst, wasm + js);
  console.log(`${path.padEnd(44)} ${String(seen.size).padStart(5)} ${String(wasm).padStart(9)} ${String(js).padStart(7)} ${String(wasm + js).padStart(9)}`);
  await context.close();
}
console.log(`largest: ${worst} B brotli`);
await browser.close();

// Screenshots of the staff area for review (not part of the test suite):
// BASE_URL=… E2E_PASSWORD=… node staff-shots.mjs OUTDIR (after end2end/run.sh-style accounts exist)
import { chromium } from "@playwright/test";
const base = process.env.BASE_URL;
const out = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function session(email, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(process.env.E2E_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/quan-tri/);
  return page;
}
const partner = await session("partner@e2e.example", 1280);
await partner.goto(`${base}/quan-tri/village`);
await partner.getByRole("link", { name: "Làng nghề dệt thổ cẩm Bản Lác" }).click();
await partner.getByLabel("Tên (tiếng Anh)").fill("Ban Lac brocade village (proposed)");
await partner.getByRole("button", { name: "Gửi đề xuất" }).click();
await partner.getByRole("status").waitFor();
const editor = await session("editor@e2e.example", 360);
await editor.screenshot({ path: `${out}/dashboard-360.png`, fullPage: true });
await editor.goto(`${base}/quan-tri/village`);
await editor.getByRole("link", { name: "Làng nghề dệt thổ cẩm Bản Lác" }).click();
await editor.getByLabel("Năm được công nhận").fill("20x8");
await editor.getByLabel("Vĩ độ").fill("48.85");
await editor.getByLabel("Kinh độ").fill("2.35");
await editor.getByRole("button", { name: "Lưu", exact: true }).click();
await editor.locator(".field-error").first().waitFor();
await editor.screenshot({ path: `${out}/edit-errors-360.png`, fullPage: true });
const admin = await session("admin@e2e.example", 1280);
await admin.goto(`${base}/nguoi-dung`);
await admin.screenshot({ path: `${out}/accounts-1280.png`, fullPage: true });
const anon = await browser.newPage({ viewport: { width: 360, height: 740 } });
await anon.goto(`${base}/dang-nhap`);
await anon.screenshot({ path: `${out}/sign-in-360.png` });
await browser.close();

// Screenshots of the staff screens added in the last session, for review
// (not part of the test suite):
// BASE_URL=… E2E_PASSWORD=… node new-shots.mjs OUTDIR
import { chromium } from "@playwright/test";
const base = process.env.BASE_URL;
const out = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function session(email, width, js = true) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: js });
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(process.env.E2E_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/quan-tri|tai-khoan/);
  return page;
}
const editor = await session("editor@e2e.example", 1280);
// A product form: producer and village links, and the archive button.
await editor.goto(`${base}/quan-tri/product`);
await editor.locator(".staff-table a").first().click();
await editor.getByLabel("Chủ thể sản xuất (doanh nghiệp, HTX)").fill("khong-co-that");
await editor.getByRole("button", { name: "Lưu", exact: true }).click();
await editor.locator(".field-error").first().waitFor();
await editor.locator("#f-producer_id").scrollIntoViewIfNeeded();
await editor.screenshot({ path: `${out}/product-link-error-1280.png` });
await editor.locator(".archive-form").scrollIntoViewIfNeeded();
await editor.screenshot({ path: `${out}/product-archive-1280.png` });
// Photos: two uploads, then the gallery with its controls at 360 px.
const phone = await session("editor@e2e.example", 360, false);
await phone.goto(`${base}/quan-tri/village`);
await phone.getByRole("link", { name: "Làng nghề dệt thổ cẩm Bản Lác" }).click();
for (const alt of ["Khung cửi dệt thổ cẩm", "Sợi lanh phơi trước nhà sàn"]) {
  await phone.getByLabel("Tệp ảnh").setInputFiles("fixtures/loom.png");
  await phone.getByLabel("Mô tả ảnh (tiếng Việt) *").fill(alt);
  await phone.getByRole("button", { name: "Tải ảnh lên" }).click();
  await phone.locator("#photos .form-saved").waitFor();
}
await phone.locator(".staff-gallery > li").nth(1).getByRole("button", { name: "Lên trước" }).click();
await phone.locator("#photos").waitFor();
await phone.locator("#photos").scrollIntoViewIfNeeded();
await phone.screenshot({ path: `${out}/photos-360.png`, fullPage: true });
// Admin: reset a password; the audit log.
const admin = await session("admin@e2e.example", 1280);
await admin.goto(`${base}/nguoi-dung`);
const partnerId = await admin.locator("#reset-account option", { hasText: "partner@" }).getAttribute("value");
await admin.locator("#reset-account").selectOption(partnerId);
await admin.getByLabel("Mật khẩu tạm thời").fill("12345678");
await admin.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
await admin.locator("#reset-new-error").waitFor();
await admin.locator("#reset-password").scrollIntoViewIfNeeded();
await admin.screenshot({ path: `${out}/reset-error-1280.png` });
await admin.goto(`${base}/nhat-ky`);
await admin.screenshot({ path: `${out}/audit-1280.png` });
await admin.goto(`${base}/en/audit-log?loai=photos`);
await admin.screenshot({ path: `${out}/audit-en-photos-1280.png` });
await browser.close();

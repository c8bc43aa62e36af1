// Screenshots of issue 17's import pages and the open data page (run from
// end2end/ against a server on BASE with an editor@shot.example account):
// the index, a preview with errors, a near duplicate and an unsure column,
// at 1280 and 360 px, JavaScript on and off, in both languages.
import { chromium } from "@playwright/test";
import * as XLSX from "xlsx";
const BASE = process.env.BASE ?? "http://127.0.0.1:3200";
const PW = "Tre-dan-Mai-Chau-2025";
const OUT = process.env.OUT ?? "/tmp/lh/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
let desk = 1;
async function page(js, width) {
  const c = await browser.newContext({ baseURL: BASE, javaScriptEnabled: js, viewport: { width, height: 900 } });
  const p = await c.newPage();
  await p.setExtraHTTPHeaders({ "X-Forwarded-For": `10.67.0.${desk++}` });
  return p;
}
async function signIn(p, next) {
  await p.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await p.getByLabel("Thư điện tử").fill("editor@shot.example");
  await p.getByLabel("Mật khẩu").fill(PW);
  await p.getByRole("button", { name: "Đăng nhập" }).click();
  await p.waitForURL((url) => url.pathname === next);
}
// Enterprises: one fine, a wrong tax code, the same tax code twice, a
// name one letter from Bản Lác's cooperative, an old commune name, a
// column header with a typo.
const rows = [
  ["Tên (tiếng Việt)", "Tên (tiếng Anh)", "Loại hình", "Mã số thuế", "Xã/phường", "Năm thành lậpp", "Nguồn (địa chỉ web)"],
  ["Hợp tác xã Dệt thổ cẩm Thử Nghiệm", "Test Brocade Cooperative", "Hợp tác xã", "5400123453", "Xã Mai Hạ", "2015", "https://sct.phutho.gov.vn/"],
  ["Hợp tác xã Mây tre Thử", "Test Rattan Cooperative", "Hợp tác xã", "5400123459", "Xã Mai Hạ", "20x5", "https://sct.phutho.gov.vn/"],
  ["Hợp tác xã Rượu Thử", "Test Rice Wine Cooperative", "Hợp tác xã", "5400123453", "Xã Chiềng Châu", "2019", "https://sct.phutho.gov.vn/"],
  ["Hộ kinh doanh Thử", "Test household", "Hộ kinh doanh", "", "Không có xã này", "", ""],
];
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Dữ liệu");
const file = XLSX.write(book, { type: "buffer", bookType: "xlsx" });

const first = await page(true, 1280);
await signIn(first, "/nhap-du-lieu");
await first.screenshot({ path: `${OUT}/import-index-1280.png`, fullPage: true });
await first.getByLabel("Loại mục").selectOption("enterprise");
await first.getByLabel("Tệp", { exact: true }).setInputFiles({ name: "doanh-nghiep.xlsx", mimeType: "application/octet-stream", buffer: file });
await first.getByRole("button", { name: "Tải lên và xem trước" }).click();
await first.waitForURL(/\/nhap-du-lieu\/\d+$/);
const preview = new URL(first.url()).pathname;
for (const [js, width] of [[true, 1280], [false, 1280], [true, 360], [false, 360]]) {
  for (const lang of ["vi", "en"]) {
    const p = await page(js, width);
    await signIn(p, "/quan-tri");
    const path = lang === "vi" ? preview : preview.replace("/nhap-du-lieu", "/en/import");
    await p.goto(path);
    await p.screenshot({ path: `${OUT}/import-preview-${lang}-${width}-${js ? "js" : "nojs"}.png`, fullPage: true });
    // A phone's screens one after another, at their own size.
    if (width === 360 && lang === "vi" && !js) {
      const height = await p.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; y < height; y += 900, n++) {
        await p.screenshot({ path: `${OUT}/import-preview-360-part${n}.png`, clip: { x: 0, y, width: 360, height: 900 }, fullPage: true });
      }
    }
    await p.context().close();
  }
}
for (const width of [1280, 360]) {
  const p = await page(false, width);
  await p.goto("/du-lieu-mo");
  await p.screenshot({ path: `${OUT}/open-data-${width}.png`, fullPage: true });
  await p.context().close();
}
await browser.close();

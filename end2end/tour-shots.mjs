// Screenshots of issue 16's tours and partner pages (run from end2end/ against a
// server on BASE with editor/partner/admin@shot.example accounts; SETUP=1
// first creates an organisation, three tours, approvals and clicks).
import { chromium } from "@playwright/test";
const BASE = process.env.BASE ?? "http://127.0.0.1:3200";
const PW = "Tre-dan-Mai-Chau-2025";
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
const OUT = process.env.OUT ?? "/tmp/lh/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
let desk = 1;
async function page(js = true, width = 1280) {
  const c = await browser.newContext({ baseURL: BASE, javaScriptEnabled: js, userAgent: PHONE, viewport: { width, height: 900 } });
  const p = await c.newPage();
  await p.setExtraHTTPHeaders({ "X-Forwarded-For": `10.66.0.${desk++}` });
  return p;
}
async function signIn(p, email, next) {
  await p.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await p.getByLabel("Thư điện tử").fill(email);
  await p.getByLabel("Mật khẩu").fill(PW);
  await p.getByRole("button", { name: "Đăng nhập" }).click();
  await p.waitForURL(new RegExp(next + "$"));
}
if (process.env.SETUP) {
  const admin = await page(false);
  await signIn(admin, "admin@shot.example", "/luot-gioi-thieu");
  await admin.getByLabel("Tên tổ chức").fill("Mai Châu Travel");
  await admin.getByLabel("Loại hình").selectOption("agency");
  await admin.getByRole("button", { name: "Thêm tổ chức" }).click();
  await admin.getByLabel("Tài khoản đối tác").selectOption({ index: 0 });
  await admin.getByRole("combobox", { name: "Tổ chức đối tác" }).last().selectOption({ label: "Mai Châu Travel" });
  await admin.getByRole("button", { name: "Gắn", exact: true }).click();
  const partner = await page(false);
  await signIn(partner, "partner@shot.example", "/tour-doi-tac");
  await partner.getByLabel("Hoạt động ở đâu").fill("Mai Châu và Pà Cò (Phú Thọ)");
  await partner.getByLabel("Điện thoại").fill("0912 345 678");
  await partner.getByLabel("Thư điện tử").fill("datour@maichau-travel.example");
  await partner.getByLabel("Trang web").fill("https://maichau-travel.example");
  await partner.getByLabel("Ngôn ngữ").first().fill("vi, en, fr");
  await partner.getByRole("button", { name: "Lưu thông tin tổ chức" }).click();
  for (const [name, en, stops, days, hours, low, high] of [
    ["Một ngày dệt thổ cẩm Mai Châu", "A day of Mai Chau brocade weaving", ["ban-lac", "ban-nhot"], "1", "", "650000", "900000"],
    ["Hai ngày nhà sàn và rượu cần", "Two days of stilt houses and rice wine", ["ban-lac", "chieng-ha", "ban-nhot"], "2", "", "1500000", ""],
    ["Nửa ngày đạp xe Bản Lác", "", ["ban-lac"], "", "4", "", ""],
  ]) {
    await partner.goto("/tour-doi-tac");
    await partner.getByLabel("Tên (tiếng Việt)").fill(name);
    await partner.getByLabel("Tên (tiếng Anh)").fill(en);
    for (const [i, s] of stops.entries()) await partner.getByLabel(`Điểm ${i + 1}`, { exact: true }).selectOption(s);
    if (days) await partner.getByLabel("Số ngày").fill(days);
    if (hours) await partner.getByLabel("Số giờ").fill(hours);
    if (low) await partner.getByLabel("Giá từ").fill(low);
    if (high) await partner.getByLabel("Giá đến").fill(high);
    await partner.getByLabel("Ngôn ngữ").last().fill("vi, en");
    await partner.getByLabel("Trang đặt tour").fill(`https://maichau-travel.example/tour/${stops.join("-")}`);
    await partner.getByRole("button", { name: "Gửi duyệt" }).click();
    await partner.waitForLoadState();
  }
  // A photo of the first tour (the test fixture; screenshots only).
  await partner.goto("/tour-doi-tac");
  await partner.getByRole("link", { name: "Một ngày dệt thổ cẩm Mai Châu" }).click();
  await partner.getByLabel("Tệp ảnh").setInputFiles("fixtures/loom.png");
  await partner.getByLabel("Mô tả ảnh (tiếng Việt) *").fill("Khung dệt thổ cẩm (ảnh thử)");
  await partner.getByLabel("Mô tả ảnh (tiếng Anh)").fill("A brocade loom (test photo)");
  await partner.getByRole("button", { name: "Tải ảnh lên" }).click();
  await partner.waitForLoadState();
  const editor = await page(false);
  await signIn(editor, "editor@shot.example", "/tour-doi-tac");
  for (const n of [0, 1]) {
    await editor.getByTestId("tour-review").filter({ hasText: "Chờ duyệt" }).first().getByRole("button", { name: "Duyệt và đăng" }).click();
    await editor.waitForLoadState();
  }
  for (const ip of [1, 2, 3]) {
    const v = await page(false);
    await v.setExtraHTTPHeaders({ "X-Forwarded-For": `10.55.0.${ip}` });
    await v.route("https://maichau-travel.example/**", (r) => r.fulfill({ status: 200, body: "ok" }));
    await v.goto("/lang-nghe/ban-lac");
    await v.getByTestId("tour").first().getByRole("link", { name: "Đặt tour trên trang của đối tác" }).click();
  }
  await browser.close();
  process.exit(0);
}
const slug = process.env.SLUG ?? "mai-chau-travel";
const shots = [
  ["village-tours", "/lang-nghe/ban-lac", "#tours", null],
  ["village-tours-en", "/en/craft-villages/ban-lac", "#tours", null],
  ["partner", `/doi-tac/${slug}`, null, null],
  ["partner-en", `/en/partners/${slug}`, null, null],
  ["tours-partner", "/tour-doi-tac", null, "partner@shot.example"],
  ["tours-partner-en", "/en/partner-tours", null, "partner@shot.example"],
  ["tours-editor", "/tour-doi-tac", null, "editor@shot.example"],
  ["tour-photos", "/tour-doi-tac?tour=1", "#photos", "partner@shot.example"],
  ["referrals", "/luot-gioi-thieu", null, "partner@shot.example"],
];
for (const width of [360, 1280]) {
  for (const js of [true, false]) {
    for (const [name, path, anchor, who] of shots) {
      if (!js && !["village-tours", "partner", "tours-partner", "tour-photos"].includes(name)) continue;
      const p = await page(js, width);
      if (who) await signIn(p, who, "/tour-doi-tac");
      await p.goto(path);
      if (js) await p.locator("body[data-hydrated=true]").waitFor({ timeout: 10000 }).catch(() => {});
      if (anchor) await p.locator(anchor).scrollIntoViewIfNeeded();
      const file = `${OUT}/${name}-${width}${js ? "" : "-nojs"}.png`;
      if (anchor) await p.locator(anchor).screenshot({ path: file });
      else await p.screenshot({ path: file, fullPage: true });
      await p.context().close();
    }
  }
}
await browser.close();

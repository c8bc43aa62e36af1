import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { axeViolations, hydrated, signIn, waitForHydration } from "./helpers";

// Tourism partners' links (issue 16), with and without JavaScript: an
// administrator creates a partner organisation and attaches the partner
// account; the partner's QR code decodes to the village's address with its
// referral code; a card embedded in a page of another origin loads in its
// iframe, a click through it opens the village page and is counted; the
// partner's figures show the visit.

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
// A phone's browser (Chromium's headless marker would be taken for a bot,
// and bots are not counted).
const PHONE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

async function newPage(browser: Browser, js: boolean) {
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: js, userAgent: PHONE });
  return context.newPage();
}

// The administrator creates an organisation and attaches the partner
// account to it; its referral code.
async function createOrganisation(browser: Browser, js: boolean, org: string) {
  const admin = await newPage(browser, js);
  await signIn(admin, js, "admin@e2e.example", "/luot-gioi-thieu");
  await admin.getByLabel("Tên tổ chức").fill(org);
  await admin.getByLabel("Loại hình").selectOption("agency");
  await admin.getByRole("button", { name: "Thêm tổ chức" }).click();
  const row = admin.getByTestId("partner-orgs").getByRole("row").filter({ hasText: org });
  await expect(row).toHaveCount(1);
  const code = (await row.locator("code").textContent())!.trim();
  expect(code).toMatch(/^[a-z0-9-]*\d{4}$/);
  await waitForHydration(admin, js);
  await admin.getByLabel("Tài khoản đối tác").selectOption({ index: 0 });
  await admin.getByRole("combobox", { name: "Tổ chức đối tác" }).last().selectOption({ label: org });
  await admin.getByRole("button", { name: "Gắn", exact: true }).click();
  await expect(row).toContainText(/partner/i);
  await admin.context().close();
  return code;
}

test("a partner's QR code and embed card bring visits that its figures show", async ({ browser }, info) => {
  const js = hydrated(info.project.name);
  test.setTimeout(90_000);
  const org = `Mai Châu Travel (${info.project.name})`;

  const code = await createOrganisation(browser, js, org);
  expect(code).toMatch(/^mai-chau-travel-[a-z-]*\d{4}$/);

  // The partner sees its code; its QR code carries it.
  const partner = await newPage(browser, js);
  await signIn(partner, js, "partner@e2e.example", "/luot-gioi-thieu");
  await expect(partner.getByTestId("referral-code")).toContainText(code);
  const qr = await partner.request.get("/qr/village/ban-lac.png");
  expect(qr.status()).toBe(200);
  const png = PNG.sync.read(await qr.body());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${BASE}/lang-nghe/ban-lac?ref=${code}`);

  // A visitor on the partner's own site: a page served from another local
  // origin (a server of this test on another port; Chromium keeps pages it
  // cannot place from framing local ones). The embedded card loads in its
  // iframe; its link opens the village page, counted.
  const host = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html lang="vi"><head><title>Homestay</title></head><body>
      <h1>Homestay Bản Lác</h1>
      <iframe src="${BASE}/nhung/lang-nghe/ban-lac?ref=${code}" width="480" height="220" title="Bản Lác"></iframe>
      </body></html>`);
  });
  await new Promise<void>((done) => host.listen(0, "127.0.0.1", done));
  const port = (host.address() as AddressInfo).port;
  const visitor = await newPage(browser, js);
  await visitor.goto(`http://127.0.0.1:${port}/`);
  const card = visitor.frameLocator("iframe").getByTestId("embed-card");
  await expect(card).toContainText("Bản Lác");
  const [opened] = await Promise.all([
    visitor.context().waitForEvent("page"),
    visitor.frameLocator("iframe").getByTestId("embed-open").click(),
  ]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(`${BASE}/lang-nghe/ban-lac?ref=${code}`);
  await expect(opened.getByRole("heading", { level: 1 })).toContainText("Bản Lác");
  host.close();

  // The partner's figures show the visit, by day and by page.
  await partner.reload();
  await expect(partner.getByRole("heading", { name: "1 lượt truy cập trong 30 ngày" })).toBeVisible();
  await expect(partner.getByTestId("referral-chart").locator("svg rect")).toHaveCount(30);
  await expect(partner.getByTestId("referral-listings")).toContainText("Bản Lác");
  await expect(partner.getByTestId("referral-csv")).toHaveAttribute("href", /luot-gioi-thieu\.csv/);
});

test("the Visit section and the share panel's embed code on a village page", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.goto("/lang-nghe/ban-lac");
  await waitForHydration(page, js);
  const visit = page.getByTestId("visit");
  await expect(visit.getByRole("heading", { level: 2 })).toHaveText("Đến thăm");
  await expect(visit.getByTestId("experiences")).toContainText("500.000–1.000.000 đồng (năm 2016)");
  await expect(page.getByTestId("not-recorded")).toContainText("Giờ mở cửa");
  await expect(page.getByTestId("embed-code")).toContainText(`<iframe src="${BASE}/nhung/lang-nghe/ban-lac"`);
  // Copy buttons with JavaScript; without it the address is selected at
  // one tap and no button shows.
  const copy = page.getByTestId("share").getByRole("button", { name: "Sao chép" });
  if (js) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
    await copy.first().click();
    await expect(page.getByTestId("share").getByRole("button", { name: "Đã sao chép" })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${BASE}/lang-nghe/ban-lac`);
  } else {
    await expect(copy).toHaveCount(0);
  }
  const preview = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(preview).toBe(`${BASE}/og/village/ban-lac`);
  const image = await page.request.get(preview!);
  expect(image.headers()["content-type"]).toBe("image/png");
});

test("a partner's tour: sent, approved by an editor, on both village pages, its booking click counted", async ({ browser }, info) => {
  const js = hydrated(info.project.name);
  test.setTimeout(120_000);
  const org = `Lữ hành Bản Lác (${info.project.name})`;
  const tour = `Một ngày dệt thổ cẩm (${info.project.name})`;
  const booking = `https://booking.e2e.example/det-tho-cam-${info.project.name}`;
  await createOrganisation(browser, js, org);

  // The partner sends a tour visiting two villages, in order.
  const partner = await newPage(browser, js);
  await signIn(partner, js, "partner@e2e.example", "/tour-doi-tac");
  await partner.getByLabel("Tên (tiếng Việt)").fill(tour);
  await partner.getByLabel("Điểm 1", { exact: true }).selectOption("ban-lac");
  await partner.getByLabel("Điểm 2", { exact: true }).selectOption("ban-nhot");
  await partner.getByLabel("Số ngày").fill("1");
  await partner.getByLabel("Giá từ").fill("650000");
  await partner.getByLabel("Giá đến").fill("900000");
  await partner.getByLabel("Ngôn ngữ").first().fill("vi, en");
  await partner.getByLabel("Trang đặt tour").fill(booking);
  await partner.getByRole("button", { name: "Gửi duyệt" }).click();
  const mine = partner.getByTestId("own-tours").getByRole("row").filter({ hasText: tour });
  await expect(mine.getByTestId("tour-status")).toHaveText("Chờ duyệt");
  // Not public before an editor approves it.
  const before = await partner.request.get("/lang-nghe/ban-nhot");
  expect(await before.text()).not.toContain(tour);

  // A photo of the tour, added on its own form (a plain upload, with and
  // without JavaScript).
  const photoText = `Khung dệt của tour (${info.project.name})`;
  await mine.getByRole("link", { name: tour }).click();
  await waitForHydration(partner, js);
  await partner.getByLabel("Tệp ảnh").setInputFiles("fixtures/loom.png");
  await partner.getByLabel("Mô tả ảnh (tiếng Việt) *").fill(photoText);
  await partner.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(partner.locator("#photos").getByRole("status")).toHaveText("Đã thêm ảnh.");
  await expect(partner.getByTestId("tour-photos").getByRole("img", { name: photoText })).toBeVisible();
  const tourForm = new URL(partner.url()).pathname + new URL(partner.url()).search;

  // An editor approves it.
  const editor = await newPage(browser, js);
  await signIn(editor, js, "editor@e2e.example", "/tour-doi-tac");
  const waiting = editor.getByTestId("tour-review").filter({ hasText: tour });
  // The villages in order (another spec may have renamed Bản Nhót).
  await expect(waiting).toContainText(/Bản Lác → \S/);
  await waiting.getByRole("button", { name: "Duyệt và đăng" }).click();
  await expect(editor.getByTestId("tour-review").filter({ hasText: tour })).toContainText("Đã đăng");

  // On both village pages; the booking link leads to the partner's page
  // and the click is counted.
  const visitor = await newPage(browser, js);
  await visitor.route("https://booking.e2e.example/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>Đặt tour</title><h1>Đặt tour</h1>" }),
  );
  for (const village of ["ban-nhot", "ban-lac"]) {
    await visitor.goto(`/lang-nghe/${village}`);
    await waitForHydration(visitor, js);
    const card = visitor.getByTestId("tours").getByTestId("tour").filter({ hasText: tour });
    await expect(card).toContainText("650.000–900.000 đồng một người");
    await expect(card.getByRole("img", { name: photoText })).toBeVisible();
    await expect(card.getByRole("link", { name: org })).toHaveAttribute("href", /^\/doi-tac\//);
  }
  const card = visitor.getByTestId("tours").getByTestId("tour").filter({ hasText: tour });
  await card.getByRole("link", { name: "Đặt tour trên trang của đối tác" }).click();
  await expect(visitor).toHaveURL(booking);
  await visitor.goto("/lang-nghe/ban-lac");
  await visitor.getByTestId("tour").filter({ hasText: tour }).getByRole("link", { name: org }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(org);
  await expect(visitor.getByTestId("tour").filter({ hasText: tour })).toBeVisible();

  await partner.goto("/luot-gioi-thieu");
  await expect(partner.locator(".chart-legend")).toContainText("lượt bấm đặt tour (1)");
  await expect(partner.getByTestId("referral-tours")).toContainText(tour);

  // axe-core on what this added: the partner's page, a village's tours,
  // the partner's own tours page (hydrated, phone and desktop widths).
  if (js) {
    const partnerPage = visitor.url();
    const found: string[] = [];
    for (const width of [360, 1280]) {
      for (const [page, path] of [[visitor, partnerPage], [visitor, partnerPage.replace("/doi-tac/", "/en/partners/")], [visitor, "/lang-nghe/ban-nhot"], [visitor, "/en/craft-villages/ban-nhot"], [partner, "/tour-doi-tac"], [partner, "/en/partner-tours"], [partner, tourForm]] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(path);
        await waitForHydration(page, js);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > width) found.push(`${width}px ${path}: scrolls sideways (${scroll} px)`);
        for (const v of await axeViolations(page)) found.push(`${width}px ${path} — ${v}`);
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  }
});

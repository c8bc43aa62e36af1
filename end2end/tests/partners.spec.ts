import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { hydrated, signIn, waitForHydration } from "./helpers";

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

test("a partner's QR code and embed card bring visits that its figures show", async ({ browser }, info) => {
  const js = hydrated(info.project.name);
  test.setTimeout(90_000);
  const org = `Mai Châu Travel (${info.project.name})`;

  // The administrator creates the organisation and attaches the account.
  const admin = await newPage(browser, js);
  await signIn(admin, js, "admin@e2e.example", "/luot-gioi-thieu");
  await admin.getByLabel("Tên tổ chức").fill(org);
  await admin.getByLabel("Loại hình").selectOption("agency");
  await admin.getByRole("button", { name: "Thêm tổ chức" }).click();
  const row = admin.getByTestId("partner-orgs").getByRole("row").filter({ hasText: org });
  await expect(row).toHaveCount(1);
  const code = (await row.locator("code").textContent())!.trim();
  expect(code).toMatch(/^mai-chau-travel-[a-z-]*\d{4}$/);
  await waitForHydration(admin, js);
  await admin.getByLabel("Tài khoản đối tác").selectOption({ index: 0 });
  await admin.getByRole("combobox", { name: "Tổ chức đối tác" }).last().selectOption({ label: org });
  await admin.getByRole("button", { name: "Gắn", exact: true }).click();
  await expect(row).toContainText(/partner/i);

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
  const preview = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(preview).toBe(`${BASE}/og/village/ban-lac`);
  const image = await page.request.get(preview!);
  expect(image.headers()["content-type"]).toBe("image/png");
});

import { expect, test, type Page } from "@playwright/test";

// A listing name written by an attacker with an editor's (or an accepted
// partner's) hand: it must stay text everywhere the page puts it — the
// title, the head tags, the JSON-LD and the body — for the first visitor
// (rendered) and the next (from the page cache).
const HOSTILE =
  'Bản </title><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/evil"><!--<script>alert(1)</script> & co';
const PASSWORD = process.env.E2E_PASSWORD ?? "";
const hydrated = (name: string) => name === "hydrated";

async function waitForHydration(page: Page, js: boolean) {
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

async function checkProfile(page: Page, path: string, js: boolean, cache: string) {
  const response = await page.goto(path);
  expect(response?.headers()["x-cache"]).toBe(cache);
  await waitForHydration(page, js);
  // No refresh to elsewhere, no script run.
  await page.waitForTimeout(1200);
  expect(new URL(page.url()).pathname).toBe(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOSTILE);
  expect(await page.title()).toBe(`${HOSTILE} — Làng nghề Hòa Bình`);
  const head = await page.evaluate(() => ({
    refresh: document.querySelectorAll("meta[http-equiv]").length,
    titles: document.querySelectorAll("title").length,
    og: document.querySelector('meta[property="og:title"]')?.getAttribute("content"),
    ld: JSON.parse(
      document.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}",
    ).name,
  }));
  expect(head).toEqual({
    refresh: 0,
    titles: 1,
    og: `${HOSTILE} — Làng nghề Hòa Bình`,
    ld: HOSTILE,
  });
  // The page goes on after the head: nothing swallowed it.
  await expect(page.locator("footer")).toBeVisible();
}

test("a hostile listing name stays text in the title, head tags, JSON-LD and body", async ({ browser, page }, info) => {
  const js = hydrated(info.project.name);
  const [slug, name] = js
    ? ["xom-bui", "Làng nghề mây tre đan Xóm Bui"]
    : ["ban-nhot", "Làng nghề dệt thổ cẩm Bản Nhót"];
  await page.goto(`/dang-nhap?next=${encodeURIComponent("/quan-tri/village")}`);
  await waitForHydration(page, js);
  await page.getByLabel("Thư điện tử").fill("editor@e2e.example");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/village$/);
  await page.getByRole("link", { name }).click();
  await waitForHydration(page, js);
  await page.getByLabel("Tên (tiếng Việt) *").fill(HOSTILE);
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu.");

  // A visitor without a cookie: rendered, then from the page cache.
  const visitor = await browser.newContext({ javaScriptEnabled: js });
  const anonymous = await visitor.newPage();
  let dialogs = 0;
  anonymous.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await checkProfile(anonymous, `/lang-nghe/${slug}`, js, "miss");
  await checkProfile(anonymous, `/lang-nghe/${slug}`, js, "hit");
  expect(dialogs).toBe(0);
  await visitor.close();
});

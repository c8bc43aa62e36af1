import { expect, test, type Page } from "@playwright/test";

const hydrated = (name: string) => name === "hydrated";

// Content-Security-Policy violations the page reports (console errors).
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

// A parameter with nothing after its `=` (`?q=ruou&craft=&=`).
const noEmptyParameter = /[?&][^=&]*=(&|$)/;

async function waitForHydration(page: Page, js: boolean) {
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

test("home → list → filter → profile → switch language", async ({ page }, info) => {
  const js = hydrated(info.project.name);

  await page.goto("/");
  await waitForHydration(page, js);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page).toHaveTitle("Làng nghề Hòa Bình");
  await expect(page.getByTestId("stat-villages")).toHaveText("11");

  await page.getByRole("navigation").getByRole("link", { name: "Làng nghề" }).click();
  await expect(page).toHaveURL(/\/lang-nghe$/);
  await expect(page.getByTestId("result-count")).toHaveText("11 làng nghề");
  await waitForHydration(page, js);

  await page.getByLabel("Nghề", { exact: true }).selectOption("da-canh");
  if (!js) await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/craft=da-canh/);
  await expect(page.getByTestId("result-count")).toHaveText("2 làng nghề");
  await expect(page.getByTestId("search-results").getByRole("listitem")).toHaveCount(2);
  // The address carries only what was chosen (left out by the page's
  // script, or by the server's redirect without JavaScript).
  expect(page.url()).not.toMatch(noEmptyParameter);
  // Keyboard users keep their place: the changed filter has the focus again.
  if (js) await expect(page.getByLabel("Nghề", { exact: true })).toBeFocused();

  await page.getByRole("link", { name: "Làng nghề đá cảnh Xóm Sòi" }).click();
  await expect(page).toHaveURL(/\/lang-nghe\/xom-soi$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Làng nghề đá cảnh Xóm Sòi");
  await expect(page.getByTestId("commune-now")).toHaveText("Xã An Nghĩa");
  await expect(page.getByTestId("former-district")).toHaveText("Huyện Lạc Thủy");
  await expect(page.getByTestId("criteria")).toContainText("Chưa đủ dữ liệu");
  await expect(page.getByTestId("criteria-overall")).toContainText("Chưa đủ dữ liệu");

  await page.getByTestId("lang-switch").click();
  await expect(page).toHaveURL(/\/en\/craft-villages\/xom-soi$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xóm Sòi ornamental stone village");
  await expect(page.getByTestId("former-district")).toHaveText("Lạc Thủy District");
  await expect(page.getByTestId("criteria")).toContainText("Not enough data");
});

test("English list filters by former district and keeps the filter across languages", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.goto("/en/craft-villages");
  await waitForHydration(page, js);
  await page.getByLabel("Former district (before 1 July 2025)").selectOption("156");
  if (!js) await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page.getByTestId("result-count")).toHaveText("5 craft villages");
  await page.getByTestId("lang-switch").click();
  await expect(page).toHaveURL(/\/lang-nghe\?.*district=156/);
  await expect(page.getByTestId("result-count")).toHaveText("5 làng nghề");
});

test("unknown pages show the not-found page", async ({ page }) => {
  const response = await page.goto("/lang-nghe/khong-co-lang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
});

test("search from the header without diacritics finds the accented village", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  // A profile: list pages have their own search box instead of the header's.
  await page.goto("/lang-nghe/ban-lac");
  await waitForHydration(page, js);
  const box = page.getByRole("banner").getByRole("search").getByLabel("Tìm kiếm");
  await box.fill("ruou mai ha");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/tim-kiem\?q=ruou\+mai\+ha/);
  // The listing named exactly so comes first, then its village.
  const links = page.getByTestId("search-results").getByRole("link");
  await expect(links.first()).toHaveText("Rượu Mai Hạ");
  await expect(links.nth(1)).toHaveText("Làng nghề rượu Mai Hạ Chiềng Hạ");
  expect(page.url()).not.toMatch(noEmptyParameter);
  await links.nth(1).click();
  await expect(page).toHaveURL(/\/lang-nghe\/chieng-ha$/);
});

test("typing in the search box offers suggestions once hydrated", async ({ page }, info) => {
  test.skip(!hydrated(info.project.name), "suggestions need JavaScript");
  await page.goto("/en");
  await waitForHydration(page, true);
  await page.getByRole("banner").getByRole("search").getByLabel("Search").pressSequentially("chieng");
  await expect(page.locator("#header-search-suggestions option").first()).toHaveAttribute(
    "value",
    /Chiềng/,
  );
});

test("search from the header, apply two facets, open a result, come back with the facets kept", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.goto("/");
  await waitForHydration(page, js);
  const box = page.getByRole("banner").getByRole("search").getByLabel("Tìm kiếm");
  await box.fill("mai chau");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/tim-kiem\?q=mai\+chau/);
  await expect(page.getByTestId("search-results").getByRole("listitem").first()).toBeVisible();

  await page.getByLabel("Loại thông tin", { exact: true }).selectOption("product");
  if (!js) await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/kind=product/);
  await expect(page.getByTestId("result-count")).toHaveText("6 kết quả");

  await page.getByLabel("Xã/phường", { exact: true }).selectOption("05251");
  if (!js) await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/commune=05251/);
  await expect(page.getByTestId("result-count")).toHaveText("4 kết quả");
  expect(page.url()).not.toMatch(noEmptyParameter);
  if (js) await expect(page.getByLabel("Xã/phường", { exact: true })).toBeFocused();

  await page.getByRole("link", { name: "Rượu Mai Hạ", exact: true }).click();
  await expect(page).toHaveURL(/\/san-pham\/ruou-mai-ha$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rượu Mai Hạ");
  await expect(page.getByTestId("ocop")).toContainText("OCOP 3 sao");

  await page.goBack();
  await expect(page).toHaveURL(/kind=product/);
  await expect(page).toHaveURL(/commune=05251/);
  await expect(page.getByTestId("result-count")).toHaveText("4 kết quả");
  await expect(page.getByLabel("Loại thông tin", { exact: true })).toHaveValue("product");
  await expect(page.getByLabel("Xã/phường", { exact: true })).toHaveValue("05251");
});

test("a cluster profile shows the Decree 32 expansion panel, in both languages", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.goto("/cum-cong-nghiep");
  await waitForHydration(page, js);
  await page.getByLabel("Tình trạng", { exact: true }).selectOption("operating");
  if (!js) await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page.getByTestId("result-count")).toHaveText("3 kết quả");
  await page.getByRole("link", { name: "Khu công nghiệp Lương Sơn", exact: true }).click();
  await expect(page.getByTestId("expansion")).toContainText("khu công nghiệp theo quy định riêng");
  await page.getByTestId("lang-switch").click();
  await expect(page).toHaveURL(/\/en\/industrial-clusters\/khu-cong-nghiep-luong-son$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lương Sơn Industrial Park");
});

test("the map: a cluster zooms in, the list follows; without JavaScript an SVG map", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  const violations = cspViolations(page);
  // At zoom 8 some clusters hold listings at different points.
  await page.goto("/ban-do?zoom=8");
  await waitForHydration(page, js);
  const count = page.getByTestId("map-count");
  await expect(count).toContainText("55 địa điểm trong khung nhìn (trên tổng số 122 kết quả)");
  await expect(page.getByTestId("map-unlocated")).toContainText("67 kết quả không có trên bản đồ");
  const groups = page.getByTestId("map-groups").locator(":scope > li");
  await expect(groups.first()).toBeVisible();

  if (js) {
    const live = page.getByTestId("live-map");
    await expect(live).toBeVisible();
    await expect(page.getByTestId("svg-map")).toBeHidden();
    // Every marker is a keyboard-focusable button whose label says its count.
    const cluster = live.locator('.leaflet-marker-icon[data-expandable="true"]').first();
    await expect(cluster).toHaveAttribute("aria-label", /^\d+ địa điểm: .* — phóng to$/);
    // The list highlights the marker of a listing that gets the focus.
    const first = page.getByTestId("map-groups").locator("a[data-marker]").first();
    const key = await first.getAttribute("data-marker");
    await first.focus();
    await expect(live.locator(`.leaflet-marker-icon[data-marker="${key}"]`)).toHaveClass(/is-highlighted/);
    // Enter on a cluster zooms into it; the URL and the list follow.
    await cluster.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/bbox=.*zoom=\d+/);
    await expect(count).not.toContainText("55 địa điểm trong khung nhìn");
    await expect(count).toContainText(/^\d+ địa điểm trong khung nhìn/);
  } else {
    const svg = page.getByTestId("svg-map");
    await expect(svg).toBeVisible();
    await expect(svg.locator("circle.commune-dot")).toHaveCount(46);
    await expect(page.getByTestId("live-map")).toBeHidden();
    const cluster = svg.locator("a.cluster-link[aria-label*='phóng to']").first();
    await cluster.click();
    await expect(page).toHaveURL(/\/ban-do\?bbox=/);
    await expect(count).not.toContainText("55 địa điểm trong khung nhìn");
    await expect(page.getByTestId("svg-map")).toBeVisible();
  }
  const remaining = await groups.count();
  expect(remaining).toBeGreaterThan(0);

  // Back to the list with the same query.
  await page.getByTestId("open-list").click();
  await expect(page).toHaveURL(/\/tim-kiem/);
  // The wasm, Leaflet and the map's requests all run under the page's CSP.
  expect(violations).toEqual([]);
});

test("a search opens as a map and a profile opens the map around it", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.goto("/tim-kiem?kind=village");
  await waitForHydration(page, js);
  await page.getByTestId("open-map").click();
  await expect(page).toHaveURL(/\/ban-do\?kind=village(&|$)/);
  await expect(page.getByTestId("map-count")).toContainText("11 địa điểm trong khung nhìn (trên tổng số 11 kết quả)");
  await expect(page.getByLabel("Loại thông tin")).toHaveValue("village");

  await page.goto("/lang-nghe/xom-soi");
  await waitForHydration(page, js);
  await page.getByTestId("nearby-map").click();
  await expect(page).toHaveURL(/\/ban-do\?bbox=/);
  await expect(page.getByTestId("map-groups")).toContainText("Làng nghề đá cảnh Xóm Sòi");
});

import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

// Every public page kind, in both languages: axe-core finds no violation
// (hydrated), nothing scrolls sideways at 360 px (with and without
// JavaScript), and the phone menu opens without JavaScript.

const hydrated = (name: string) => name === "hydrated";
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type Lang = "vi" | "en";
const lists: Record<Lang, string[]> = {
  vi: ["/lang-nghe", "/cum-cong-nghiep", "/doanh-nghiep", "/san-pham"],
  en: ["/en/craft-villages", "/en/industrial-clusters", "/en/enterprises", "/en/products"],
};
const fixed: Record<Lang, string[]> = {
  vi: ["/", "/tim-kiem?q=tho+cam", "/tim-kiem?q=zzqxw", "/ban-do", "/lang-nghe/khong-co-lang-nay", "/dang-nhap", "/gop-y?kind=village&slug=ban-lac", "/lang-nghe/ban-lac", "/du-lieu-mo"],
  en: ["/en", "/en/search?q=tho+cam", "/en/search?q=zzqxw", "/en/map", "/en/craft-villages/no-such-village", "/en/sign-in", "/en/suggest?kind=village&slug=ban-lac", "/en/craft-villages/ban-lac", "/en/open-data"],
};

// The pages to check: the fixed ones, each list, and the first profile of
// each list (so a profile of every kind).
async function pagesOf(page: Page, lang: Lang): Promise<string[]> {
  const out = [...fixed[lang]];
  for (const list of lists[lang]) {
    out.push(list);
    await page.goto(list);
    const href = await page.locator(".card h3 a").first().getAttribute("href");
    expect(href, `a profile on ${list}`).toBeTruthy();
    out.push(href!);
  }
  return out;
}

async function waitForHydration(page: Page, js: boolean) {
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

for (const lang of ["vi", "en"] as Lang[]) {
  test(`axe-core finds no violation on any public page (${lang})`, async ({ page }, info) => {
    test.skip(!hydrated(info.project.name), "axe-core runs in the hydrated page");
    test.setTimeout(120_000);
    const found: string[] = [];
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of await pagesOf(page, lang)) {
        await page.goto(path);
        await waitForHydration(page, true);
        // Evaluated by the browser's debugger, so the page's CSP does not
        // apply to axe's own script.
        await page.evaluate(axeSource);
        // Leaflet's markers are left out of the target-size rule only: two
        // nearby markers can overlap on a small map, and WCAG 2.5.8's
        // "equivalent" exception applies (every listing in view is a 24 px
        // link in the list beside the map, and the zoom buttons zoom). The
        // SVG map shown without JavaScript gives each mark a tap area of
        // 24 px or more by construction (map/svg.rs, HIT_RADIUS).
        const violations = await page.evaluate(async () => {
          const axe = (window as any).axe;
          axe.configure({ rules: [{ id: "target-size", selector: "*:not(.leaflet-marker-icon)" }] });
          const result = await axe.run(document, {
            runOnly: {
              type: "tag",
              values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
          });
          return result.violations.map(
            (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).slice(0, 3).join(", ")}`,
          );
        });
        for (const v of violations) found.push(`${width}px ${path} — ${v}`);
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  });

  test(`no page scrolls sideways at 360 px (${lang})`, async ({ page }, info) => {
    const js = hydrated(info.project.name);
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 360, height: 740 });
    const wide: string[] = [];
    for (const path of await pagesOf(page, lang)) {
      await page.goto(path);
      await waitForHydration(page, js);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) wide.push(`${path}: ${width} px`);
    }
    expect(wide, wide.join("\n")).toEqual([]);
  });
}

test("on a phone the header is one row and its menu opens and leads on", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await waitForHydration(page, js);
  // Site name, language switch and menu in one row, the search box below:
  // half the height of the four wrapped rows it replaced (300 px).
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height, "the header's height on a phone").toBeLessThan(150);
  const brand = await page.locator(".brand").boundingBox();
  const summary = await page.locator(".site-menu > summary").boundingBox();
  const lang = await page.getByTestId("lang-switch").boundingBox();
  for (const box of [summary!, lang!]) expect(box.y).toBeLessThan(brand!.y + brand!.height);
  const menu = page.locator(".site-menu");
  await expect(menu.getByRole("link", { name: "Làng nghề" })).toBeHidden();
  await menu.locator("summary").click();
  await menu.getByRole("link", { name: "Cụm & khu công nghiệp" }).click();
  await expect(page).toHaveURL(/\/cum-cong-nghiep$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The menu is closed again on the new page, and the list has one search box.
  await expect(page.locator(".site-menu").getByRole("link", { name: "Làng nghề" })).toBeHidden();
  await expect(page.locator("input[type=search]")).toHaveCount(1);
});

test("on a phone the filters fold behind a toggle that counts them", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/lang-nghe");
  await waitForHydration(page, js);
  await expect(page.getByLabel("Nghề", { exact: true })).toBeHidden();
  const first = await page.locator(".card").first().boundingBox();
  expect(first!.y, "the first result on a phone").toBeLessThan(740);
  await page.getByTestId("filters-toggle").click();
  await page.getByLabel("Nghề", { exact: true }).selectOption("da-canh");
  if (!js) await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/\/lang-nghe\?craft=da-canh$/);
  await expect(page.getByTestId("result-count")).toHaveText("2 làng nghề");
  await expect(page.getByTestId("filters-toggle")).toHaveText("Bộ lọc (1)");
});

import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

// What the staff specs share: the accounts' password (end2end/run.sh makes
// the accounts), the project's mode, hydration and signing in.
export const PASSWORD = process.env.E2E_PASSWORD ?? "";
export const hydrated = (name: string) => name === "hydrated";

export async function waitForHydration(page: Page, js: boolean) {
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

// Each sign-in comes from an address of its own (through the proxy header
// run.sh trusts), as staff at their own desks would: the sign-in limit of
// ten a minute per address is for attackers, not for this suite.
let desk = 0;

export async function signIn(page: Page, js: boolean, email: string, next: string) {
  desk += 1;
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.77.${Math.floor(desk / 250)}.${(desk % 250) + 1}` });
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await waitForHydration(page, js);
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

// axe-core's violations on the page as it is (WCAG 2.2 AA and best
// practice), one line each.
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).slice(0, 3).join(", ")}`,
    );
  });
}

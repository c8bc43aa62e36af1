import { expect, test } from "@playwright/test";
import { hydrated, signIn, waitForHydration } from "./helpers";

// "Suggest a correction" from a public profile, without an account, and the
// editors' queue. A spec of its own: the sign-in limit per address (10 a
// minute) is shared by every spec, which all come from 127.0.0.1.
test("anyone suggests a correction from a profile, and an editor handles it", async ({ page }, info) => {
  const js = hydrated(info.project.name);
  // Each project sends its own message: the runs share one database.
  const text = js ? "Bản Lác có 126 hộ (có JavaScript)." : "Bản Lác có 125 hộ (không JavaScript).";
  await page.goto("/lang-nghe/ban-lac");
  await waitForHydration(page, js);
  await page.getByTestId("suggest-link").click();
  await expect(page).toHaveURL(/\/gop-y\?kind=village&slug=ban-lac$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Góp ý về");
  await waitForHydration(page, js);
  await page.getByLabel("Góp ý về mục").selectOption({ label: "Tổng số hộ" });
  await page.getByLabel("Nội dung góp ý").fill(text);
  await page.getByLabel("Tên của bạn (không bắt buộc)").fill("Hà Thị Lan");
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await expect(page).toHaveURL(/sent=1$/);
  await expect(page.getByTestId("suggest-thanks")).toContainText("Cảm ơn bạn");
  await page.getByRole("link", { name: "Quay lại hồ sơ" }).first().click();
  await expect(page).toHaveURL(/\/lang-nghe\/ban-lac$/);
  await expect(page.locator("body")).not.toContainText("Hà Thị Lan");

  await signIn(page, js, "editor@e2e.example", "/quan-tri");
  const message = page.getByTestId("suggestion").filter({ hasText: text });
  await expect(message).toContainText("Tổng số hộ");
  await expect(message).toContainText("Hà Thị Lan");
  await waitForHydration(page, js);
  await message.getByRole("button", { name: "Đã xử lý" }).click();
  await expect(page.getByTestId("suggestion").filter({ hasText: text })).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("suggestions")).toBeVisible();
  await expect(page.getByTestId("suggestion").filter({ hasText: text })).toHaveCount(0);
});

import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import * as XLSX from "xlsx";
import { axeViolations, hydrated, signIn, waitForHydration } from "./helpers";

// Bulk import (issue 17), with and without JavaScript: an editor downloads
// the villages' template, fills three rows (one with an error), sees the
// preview with the error at its cell, fixes the file, uploads it again,
// applies it, finds the new villages on the public pages, and undoes the
// import.

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";

async function template(page: Page): Promise<XLSX.WorkBook> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tệp mẫu: Làng nghề" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("langnghe-mau-village.xlsx");
  const book = XLSX.read(readFileSync(await download.path()), { type: "buffer" });
  expect(book.SheetNames.slice(0, 3)).toEqual(["Dữ liệu", "Ghi chú", "Xã phường"]);
  return book;
}

// The template with three villages in place of its example row; the third
// one's year is `year`.
function filled(book: XLSX.WorkBook, names: string[], year: string): Buffer {
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets["Dữ liệu"], { header: 1, defval: "" });
  const header = rows[0];
  const communes = XLSX.utils.sheet_to_json<string[]>(book.Sheets["Xã phường"], { header: 1, defval: "" });
  const commune = communes[1][0];
  const column = (label: string) => {
    const at = header.findIndex((h) => h.startsWith(label));
    expect(at, label).toBeGreaterThanOrEqual(0);
    return at;
  };
  const cells: [string, (i: number) => string][] = [
    ["Tên (tiếng Việt)", (i) => names[i]],
    ["Tên (tiếng Anh)", (i) => `Test village ${i + 1}`],
    ["Trạng thái", () => "Đã đăng"],
    ["Tên địa danh", (i) => `Xóm thử ${i + 1}`],
    ["Xã/phường", () => commune],
    ["Năm hình thành nghề", (i) => (i === 2 ? year : "1990")],
    ["Nguồn", () => "https://sct.phutho.gov.vn/"],
  ];
  // The example row is replaced: three rows of only these cells.
  const data = [0, 1, 2].map((i) => {
    const row = header.map(() => "");
    for (const [label, value] of cells) row[column(label)] = value(i);
    return row;
  });
  const out = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet([header, ...data]), "Dữ liệu");
  for (const name of book.SheetNames.slice(1)) XLSX.utils.book_append_sheet(out, book.Sheets[name], name);
  return XLSX.write(out, { type: "buffer", bookType: "xlsx" });
}

async function upload(page: Page, file: Buffer, name: string) {
  await page.getByLabel("Loại mục").first().selectOption("village");
  await page.getByLabel("Tệp", { exact: true }).first().setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).first().click();
  await expect(page).toHaveURL(/\/nhap-du-lieu\/\d+$/);
}

test("an editor imports villages from the template, fixes an error, applies and undoes", async ({ browser }, info) => {
  const js = hydrated(info.project.name);
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: js, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, js, "editor@e2e.example", "/nhap-du-lieu");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhập dữ liệu từ bảng tính");
  if (js) expect(await axeViolations(page)).toEqual([]);

  const tag = js ? "JS" : "HTML";
  const names = [1, 2, 3].map((n) => `Làng thử nhập ${tag} ${n}`);
  const book = await template(page);
  await upload(page, filled(book, names, "20x5"), "lang-nghe.xlsx");

  // The preview: two to create, one error at its cell with what was typed.
  const counts = page.getByTestId("import-counts");
  await expect(counts.getByRole("link", { name: /Tạo mới 2/ })).toBeVisible();
  await expect(counts.getByRole("link", { name: /Lỗi 1/ })).toBeVisible();
  const bad = page.getByTestId("import-rows").getByRole("row").filter({ hasText: names[2] });
  await expect(bad).toContainText("Cột");
  await expect(bad).toContainText("«Năm hình thành nghề» (đã nhập “20x5”)");
  await expect(page.getByTestId("import-apply")).toHaveCount(0);
  await waitForHydration(page, js);
  if (js) expect(await axeViolations(page)).toEqual([]);

  // Fixed and uploaded again from the preview's own form.
  const fixed = filled(book, names, "2005");
  await upload(page, fixed, "lang-nghe-da-sua.xlsx");
  await expect(counts.getByRole("link", { name: /Tạo mới 3/ })).toBeVisible();
  await expect(counts.getByRole("link", { name: /Lỗi 0/ })).toBeVisible();
  const importPage = page.url();
  await page.getByTestId("import-apply").click();
  await expect(page.getByText("Đã áp dụng lần nhập.")).toBeVisible();
  await expect(page.getByTestId("import-applied")).toContainText("Tạo mới 3");

  // On the public pages.
  const visitor = await browser.newPage({ baseURL: BASE, javaScriptEnabled: js });
  await visitor.goto(`/lang-nghe?q=${encodeURIComponent(names[0])}`);
  const card = visitor.getByRole("link", { name: names[0] });
  await expect(card).toBeVisible();
  const profile = await card.getAttribute("href");
  await visitor.goto(profile!);
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText(names[0]);

  // Undone: the villages are gone.
  await page.goto(importPage);
  await page.getByText("Hoàn tác lần nhập này").click();
  await page.getByRole("button", { name: "Chắc chắn hoàn tác" }).click();
  await expect(page.getByText("Đã hoàn tác lần nhập.")).toBeVisible();
  const gone = await visitor.goto(profile!);
  expect(gone!.status()).toBe(404);
  await context.close();
  await visitor.close();
});

/**
 * The production pane under its Content-Security-Policy, in a real browser (Debian's chromium
 * through playwright-core, dist/ served as the other pane tests serve it). Office.js is
 * requested from Microsoft's CDN (the harness answers with the npm copy, as this machine has
 * no internet); every violation of the policy is a console error (test/support/browser.ts).
 * A whole session (the reference, trying a function, both downloads, an .xlsx import) must
 * raise none, load nothing from another origin, and fetch exceljs once. `npm test` builds dist/ first.
 */
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { OFFICE_JS_CDN_FOLDER, OFFICE_TELEMETRY, openPaneBrowser, type PaneBrowser } from "../support/browser";

jest.setTimeout(120_000);

let browser: PaneBrowser;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  browser = await openPaneBrowser({ acceptDownloads: true });
  ({ context, base } = browser);
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the pane; collects console errors (CSP violations among them), page errors, failed requests, and every URL requested. */
async function openPane(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${base}taskpane.html`);
  await page.locator("#status").filter({ hasText: "Ready." }).waitFor();
  return { page, problems, requests };
}

test("a whole session runs under the policy: no violation, nothing from another origin, Office.js from the CDN, exceljs's one chunk fetched once by each realm", async () => {
  const { page, problems, requests } = await openPane();
  await expect(page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).resolves.toBe("object");

  // The reference: open a function and try it (the engine computes in the page).
  const item = page.locator("#fn-FLEXCOST");
  await item.locator("button").first().click();
  await item.locator('fluent-text-input[data-param="actions"] input').fill("53000");
  await expect(page.locator("#result-FLEXCOST").textContent()).resolves.toMatch(/→\s*5300$/);

  // Both downloads, then an .xlsx log: the writer (the page) and the reader (the log reader's Web Worker, under the same policy) share one exceljs chunk.
  for (const label of ["Workbook with AWU formulas", "Portable workbook"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-controls fluent-button", { hasText: label }).click()]);
    expect(await download.path()).toBeTruthy();
  }
  const log = new ExcelJS.Workbook();
  const sheet = log.addWorksheet("Usage");
  sheet.addRow(["Timestamp", "Agent", "Credits", "Status"]);
  sheet.addRow([new Date(Date.UTC(2026, 10, 3, 14, 5)), "Scout", 12.5, "validated"]);
  await page.locator("#import-file").setInputFiles({ name: "usage.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await log.xlsx.writeBuffer()) });
  await page.locator("#import-counts").waitFor();

  expect(problems).toEqual([]);
  // Office.js may open its telemetry frame (Microsoft's, allowed by the policy's frame-src): not the pane's request.
  expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith(OFFICE_JS_CDN_FOLDER) && !url.startsWith(OFFICE_TELEMETRY) && !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
  expect(requests).toContain(`${OFFICE_JS_CDN_FOLDER}office.js`);
  expect(requests.filter((url) => url.startsWith(base) && /office\.js$/.test(url))).toEqual([]);
  // One chunk, fetched once by the page (the downloads) and once by the log reader's worker: a worker is its own realm, with its own modules.
  expect(requests.filter((url) => /exceljs/.test(url))).toEqual([`${base}exceljs.js`, `${base}exceljs.js`]);
  expect(requests).toContain(`${base}log-reader.js`);
  await page.close();
});

test("the policy is in force: a script from another origin and an inline script are refused, and reported", async () => {
  const { page, problems } = await openPane();
  await page.evaluate(() => {
    const remote = document.createElement("script");
    remote.src = "https://scripts.example.com/x.js";
    document.head.append(remote);
    const inline = document.createElement("script");
    inline.textContent = "window.inlineRan = true;";
    document.head.append(inline);
  });
  // The reports arrive as console messages, after the elements were added.
  const reported = (): number => problems.filter((p) => p.includes("CSP violation")).length;
  for (let waited = 0; reported() < 2 && waited < 5000; waited += 50) await page.waitForTimeout(50);
  // Chromium's own report is a console error too.
  expect(problems).toContainEqual(expect.stringMatching(/Loading the script 'https:\/\/scripts\.example\.com\/x\.js' violates the following Content Security Policy/));
  expect(problems.filter((p) => p.includes("CSP violation"))).toEqual([
    expect.stringContaining("script-src-elem blocked https://scripts.example.com/x.js"),
    expect.stringContaining("script-src-elem blocked inline"),
  ]);
  await expect(page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).resolves.toBeUndefined();
  await page.close();
});

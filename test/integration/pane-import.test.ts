/**
 * The Import usage log section of the built pane, in a real browser (Debian's chromium through
 * playwright-core, dist/ served as browser.test.ts serves it). Outside Office: a fixture log is
 * picked, the mapping is proposed, the preview shows the counts and the first rejects, and
 * Import is disabled with its reason. In Excel (a stand-in office.js whose workbook records
 * every call): Import writes through the importer's Office.js side and saves the mapping.
 * `npm test` builds dist/ first.
 */
import path from "path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { WORKBOOK_MESSAGES } from "../../src/messages/workbook";
import { IMPORT_MESSAGES, importNoteMessage, importRefusalMessage } from "../../src/messages/import";
import { IMPORT_COLUMNS, LEDGER_COLUMNS, loadLog, planImport, proposeMapping } from "../../src/import";
import { OFFICE_JS_ROUTE, RESULTS, ROOT, openPaneBrowser, type PaneBrowser } from "../support/browser";
import { RECORDING_EXCEL, rowsOn } from "../support/recording-excel";

const FIXTURES = path.join(ROOT, "test/import/fixtures");
const I = IMPORT_MESSAGES;
const P = I.pane;

jest.setTimeout(120_000);

let browser: PaneBrowser;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  browser = await openPaneBrowser();
  ({ context, base } = browser);
});

afterAll(async () => {
  await browser?.close();
});

async function openPane(officeJs?: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  if (officeJs !== undefined) await page.route(OFFICE_JS_ROUTE, (route) => route.fulfill({ contentType: "text/javascript", body: officeJs }));
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(`${base}taskpane.html`);
  await page.locator("#status").filter({ hasText: "Ready." }).waitFor();
  return { page, problems };
}

/** Picks a fixture log with the section's file input and waits for its preview. */
async function pickLog(page: Page, fixture: string): Promise<void> {
  await page.locator("#import-file").setInputFiles(path.join(FIXTURES, fixture));
  await page.locator("#import-counts").waitFor();
}

const value = (page: Page, id: string): Promise<string> => page.locator(`#${id}`).inputValue();

/** Waits for the pane's task to finish (a preview after a mapping change runs in the log reader): main is aria-busy while one runs. */
const settled = (page: Page): Promise<unknown> => page.locator("#main:not([aria-busy])").waitFor({ state: "attached" });

/** Changes a mapping select and waits for the preview it runs. */
async function choose(page: Page, id: string, option: string): Promise<void> {
  await page.locator(`#${id}`).selectOption(option);
  await settled(page);
}

// vendor-export.csv as test/import/fixtures.test.ts reads it: 16 rows, 7 accepted, 9 rejected, 2 blank lines.
const VENDOR_COUNTS = P.counts(16, 7, 9, 2);

describe("Import usage log outside Office (preview mode)", () => {
  test("the importer is not in the first load: its chunk comes with the first file", async () => {
    const { page, problems } = await openPane();
    const scripts = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name.split("/").pop()));
    await expect(scripts()).resolves.not.toContain("log-import.js");
    await pickLog(page, "vendor-export.csv");
    await expect(scripts()).resolves.toContain("log-import.js");
    expect(problems).toEqual([]);
    await page.close();
  });

  test("a picked log: mapping proposed, counts and the first reject reasons shown, Import disabled with the reason; fits 320 px", async () => {
    const { page, problems } = await openPane();
    await pickLog(page, "vendor-export.csv");
    const proposed: Record<string, string> = {
      timestamp: "Date/Time",
      agent: "Agent Name",
      job: "Workflow",
      actionType: "Action",
      units: "Credits Consumed",
      status: "Outcome",
      escalated: "Escalated",
      rerun: "Retry",
      reviewMinutes: "",
      team: "",
    };
    for (const [field, header] of Object.entries(proposed)) await expect(value(page, `map-${field}`)).resolves.toBe(header);
    await expect(value(page, "map-dateOrder")).resolves.toBe("auto");
    await expect(value(page, "map-decimal")).resolves.toBe("auto");
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(VENDOR_COUNTS);
    const rejects = await page.locator("#import-rejects li").allTextContents();
    expect(rejects).toEqual([
      P.rejectLine(10, [{ code: "notAStatus", header: "Outcome", text: "maybe" }]),
      P.rejectLine(11, [{ code: "negative", header: "Credits Consumed", text: "-3" }]),
      P.rejectLine(12, [{ code: "blankRequired", header: "Credits Consumed", field: "units" }]),
    ]);
    // The first accepted row as the ledger will hold it: "1,200" read as 1200.
    await expect(page.locator("#import-rows tbody tr").count()).resolves.toBe(5);
    await expect(page.locator("#import-rows tbody tr").first().locator("td").allTextContents()).resolves.toEqual(["2", "2026-11-03 14:05:00", "Scout · Research, EMEA · search", "1200", "succeeded"]);
    const importButton = page.locator("#import-button");
    await expect(importButton.getAttribute("disabled")).resolves.toBe("");
    await expect(page.locator("#import-needs-excel").textContent()).resolves.toBe(P.needsExcel);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.locator("#import-section").screenshot({ path: path.join(RESULTS, "pane-import.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the mapping is keyboard-usable and re-runs the preview: units unmapped is refused in the catalogue's words, mapped back it reads again", async () => {
    const { page } = await openPane();
    await pickLog(page, "vendor-export.csv");
    await page.locator("#import-controls fluent-button").focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("map-timestamp");
    await choose(page, "map-units", "");
    await expect(page.locator("#import-problem").textContent()).resolves.toBe(importRefusalMessage({ code: "unmappedRequired", fields: ["units"] }));
    await expect(page.locator("#import-button").count()).resolves.toBe(0);
    await choose(page, "map-units", "Credits Consumed");
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(VENDOR_COUNTS);
    await page.close();
  });

  test("a day-first log: the date order and decimal comma come from the file and can be fixed in the mapping", async () => {
    const { page } = await openPane();
    await pickLog(page, "european.csv");
    await expect(value(page, "map-units")).resolves.toBe("credits_used");
    const auto = await page.locator("#import-counts").textContent();
    await choose(page, "map-dateOrder", "MDY");
    await expect(page.locator("#import-counts").textContent()).resolves.not.toBe(auto);
    await page.close();
  });

  test("an .xlsx log reads too (its reader chunk loaded on demand): typed cells, one reject", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Usage");
    sheet.addRow(["Timestamp", "Agent", "Credits", "Status"]);
    sheet.addRow([new Date(Date.UTC(2026, 10, 3, 14, 5)), "Scout", 12.5, "validated"]);
    sheet.addRow([new Date(Date.UTC(2026, 10, 3, 15, 0)), "Scout", "lots", "ok"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { page, problems } = await openPane();
    await page.locator("#import-file").setInputFiles({ name: "usage.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.locator("#import-counts").waitFor();
    await expect(value(page, "map-units")).resolves.toBe("Credits");
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(P.counts(2, 1, 1, 0));
    await expect(page.locator("#import-rejects li").allTextContents()).resolves.toEqual([P.rejectLine(3, [{ code: "notANumber", header: "Credits", text: "lots", decimal: "." }])]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("Import usage log in Excel (office.js stubbed, recording)", () => {
  test("Import writes the records, rejects and stamp through the importer and saves the mapping", async () => {
    const { page, problems } = await openPane(RECORDING_EXCEL);
    await pickLog(page, "vendor-export.csv");
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    await page.locator("#import-done").waitFor();
    await expect(page.locator("#import-done").textContent()).resolves.toBe(importNoteMessage({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 }));
    const calls = (await page.evaluate(() => (window as unknown as { calls: { path: string; args: unknown[] }[] }).calls)) ?? [];
    expect(rowsOn(calls, "Ledger Rows")).toBe(7);
    expect(rowsOn(calls, "Rejects")).toBe(9);
    expect(rowsOn(calls, "Imports")).toBe(1);
    const saved = calls.find((c) => c.path === "context.workbook.settings.add");
    expect(saved?.args[0]).toBe("AWU.ImportMappings");
    expect(JSON.parse(String(saved?.args[1])).mappings[0].columns.units).toBe("Credits Consumed");
    await expect(page.locator("[data-action][disabled]").count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("a mapping saved in the workbook for these columns is filled in instead of the proposal", async () => {
    const headers = ["Date/Time", "Agent Name", "Workflow", "Action", "Credits Consumed", "Outcome", "Escalated", "Retry"];
    const mapping = { version: 1, columns: { timestamp: "Date/Time", units: "Credits Consumed", job: "Action" }, delimiter: "auto", decimal: ".", dateOrder: "MDY", headers };
    const withSaved = `window.savedMappings = ${JSON.stringify(JSON.stringify({ version: 1, mappings: [mapping] }))};\n${RECORDING_EXCEL}`;
    const { page, problems } = await openPane(withSaved);
    await pickLog(page, "vendor-export.csv");
    await expect(page.locator("#import-mapping").textContent()).resolves.toContain(P.savedMapping);
    await expect(value(page, "map-job")).resolves.toBe("Action");
    await expect(value(page, "map-status")).resolves.toBe("");
    await expect(value(page, "map-dateOrder")).resolves.toBe("MDY");
    await expect(value(page, "map-decimal")).resolves.toBe(".");
    expect(problems).toEqual([]);
    await page.close();
  });

  test("a day exported again with other figures: the pane asks, and Replace appends the later row and the earlier one's reversal", async () => {
    // The workbook holds the noon export's row for 3 November, as the importer wrote it (import 1).
    const header = "Timestamp,Job,Count,Units";
    const noon = await loadLog({ name: "noon.csv", bytes: new TextEncoder().encode(`${header}\n2026-11-03,Research,40,200\n`) });
    if ("ok" in noon) throw new Error(importRefusalMessage(noon.problem));
    const plan = planImport({ keys: new Set(), stamps: [], summaries: [] }, noon, proposeMapping(noon.table.headers).mapping, { now: new Date(2026, 10, 3, 13, 0) });
    if ("ok" in plan) throw new Error(importRefusalMessage(plan.problem));
    const ledger = { headers: [...LEDGER_COLUMNS], rows: plan.ledger.map((row) => LEDGER_COLUMNS.map((c) => (row as Record<string, unknown>)[c] ?? "")) };
    const imports = { headers: [...IMPORT_COLUMNS], rows: [IMPORT_COLUMNS.map((c) => (plan.stamp as Record<string, unknown>)[c] ?? "")] };
    const { page, problems } = await openPane(`window.tables = ${JSON.stringify({ Ledger: ledger, Imports: imports })};\n${RECORDING_EXCEL}`);
    await page.locator("#import-file").setInputFiles({ name: "later.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n2026-11-03,Research,90,450\n`) });
    await page.locator("#import-counts").waitFor();
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    const replace = page.locator("#import-result fluent-button", { hasText: P.replacePeriods });
    await replace.waitFor();
    await expect(page.locator("#import-result fluent-button", { hasText: P.keepPeriods }).count()).resolves.toBe(1);
    await expect(page.locator("#message fluent-message-bar").textContent()).resolves.toBe(
      importRefusalMessage({ code: "periodsChanged", periods: 1, rows: 1, imports: [1], first: { day: 46329, job: "Research" } }),
    );
    await page.locator("#import-section").screenshot({ path: path.join(RESULTS, "pane-import-periods.png") });
    const before = (await page.evaluate(() => (window as unknown as { calls: unknown[] }).calls.length)) ?? 0;
    await replace.click();
    await page.locator("#import-done").waitFor();
    const calls = ((await page.evaluate(() => (window as unknown as { calls: { path: string; args: unknown[] }[] }).calls)) ?? []).slice(before);
    const added = calls.filter((c) => c.path === 'context.workbook.tables.getItem("Ledger").rows.add').flatMap((c) => c.args[1] as unknown[][]);
    const count = LEDGER_COLUMNS.indexOf("Count");
    const key = LEDGER_COLUMNS.indexOf("Key");
    expect(added.map((row) => [row[count], String(row[key]).startsWith("rev:")])).toEqual([
      [90, false],
      [-40, true],
    ]);
    await expect(page.locator("#import-result").textContent()).resolves.toContain(importNoteMessage({ code: "periodsReplaced", periods: 1, rows: 1, imports: [1] }));
    expect(problems).toEqual([]);
    await page.close();
  });

  test("when Excel refuses, the import says so in the catalogue's words and the pane is usable again", async () => {
    const refusing = `${RECORDING_EXCEL}
      window.Excel = { run() { const error = new Error("Access denied."); error.code = "AccessDenied"; return Promise.reject(error); } };`;
    const { page } = await openPane(refusing);
    await pickLog(page, "vendor-export.csv");
    // No saved mapping could be read: the proposal stands.
    await expect(value(page, "map-units")).resolves.toBe("Credits Consumed");
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    const alert = page.locator("#message fluent-message-bar");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(WORKBOOK_MESSAGES.refusal.protectedSheet);
    await expect(page.locator("#import-done").count()).resolves.toBe(0);
    await expect(page.locator("[data-action][disabled]").count()).resolves.toBe(0);
    await page.close();
  });
});

/**
 * The built task pane in a real browser (Debian's chromium through playwright-core), served
 * from dist/ by a tiny static server, outside Office: preview mode. It must load without
 * console errors, compute functions with the engine, download both workbooks as valid
 * .xlsx files, be usable by keyboard with a visible focus, and fit 320 px.
 * `npm test` builds dist/ first. Set AWU_UPDATE_DOCS=1 to refresh docs/pane.png too.
 */
import fs from "fs";
import path from "path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { messageFor } from "../../src/messages";
import { COUNT } from "../../src/functions/params";
import { WORKBOOK_MESSAGES } from "../../src/messages/workbook";
import { DIST, OFFICE_IN_EXCEL, OFFICE_JS_ROUTE, PANE_WIDTH, RESULTS, ROOT, openPaneBrowser, type PaneBrowser } from "../support/browser";
import { SHEETS } from "../../src/template/sheets/template";

/** The pane's own lines, from the catalogue. */
const P = WORKBOOK_MESSAGES.pane;

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

/**
 * office.js standing in for Excel: Office.onReady says Excel, and Excel.run hands the batch a
 * workbook with one template sheet ("Inputs") that refuses every change as a protected
 * workbook would (AccessDenied), and an active cell that records the formulas written to it.
 */
const EXCEL_STUB = `
  window.inserted = [];
  ${OFFICE_IN_EXCEL}
  const refuse = () => { const error = new Error("Access denied."); error.code = "AccessDenied"; throw error; };
  const denied = new Proxy({}, { get: refuse });
  const collection = (items) => ({ items, load() { return this; }, add: refuse, getItem: refuse, getItemOrNullObject: refuse });
  window.Excel = { run(options, batch) {
    const workbook = {
      worksheets: collection([{ name: "Inputs", protection: { protected: false } }]),
      tables: collection([]),
      names: collection([]),
      protection: { protected: false, load() { return this; } },
      getActiveCell: () => ({ address: "Sheet1!B2", load() { return this; }, set formulas(value) { window.inserted.push(value[0][0]); } }),
    };
    return Promise.resolve().then(() => batch({ workbook, application: denied, sync: async () => {} }));
  } };
`;

/** Opens the pane and waits for it to be ready; collects every console error, page error and failed request. */
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
  await page.locator("#status").filter({ hasText: P.ready }).waitFor();
  return { page, problems };
}

/** The text of the result of trying a function, after typing into one of its arguments. */
async function tryArgument(page: Page, id: string, param: string, text: string): Promise<string> {
  const item = page.locator(`#fn-${id}`);
  if ((await item.getAttribute("expanded")) === null) await item.locator("button").first().click();
  // CSS locators pierce the open shadow root: this is the <input> inside fluent-text-input.
  await item.locator(`fluent-text-input[data-param="${param}"] input`).fill(text);
  return (await page.locator(`#result-${id}`).textContent()) ?? "";
}

describe("the task pane outside Office (preview mode)", () => {
  test("loads with no console errors, says it is a preview, and hides what needs Excel", async () => {
    const { page, problems } = await openPane();
    await expect(page.locator("#mode").textContent()).resolves.toBe(P.preview);
    for (const id of ["build-section", "refresh-section", "check-section", "rates-section"]) await expect(page.locator(`#${id}`).isHidden()).resolves.toBe(true);
    // No Insert buttons without a workbook to insert into.
    await expect(page.locator("fluent-button", { hasText: "Insert" }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("lists every function of the built functions.json", async () => {
    const { page } = await openPane();
    const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string }[] };
    const shown = await page.locator("#reference fluent-accordion-item").evaluateAll((items) => items.map((item) => item.id));
    expect(shown).toEqual(metadata.functions.map((f) => `fn-${f.id}`));
    await page.close();
  });

  test("computes a function on typed arguments, and shows an error with the catalogue's message", async () => {
    const { page, problems } = await openPane();
    const result = await tryArgument(page, "FLEXCOST", "actions", "53000");
    expect(result).toContain("=AWU.FLEXCOST(53000)");
    expect(result).toMatch(/→\s*5300$/);
    const error = await tryArgument(page, "FLEXCOST", "actions", "-5");
    expect(error).toContain("#VALUE!");
    expect(error).toContain(messageFor({ code: "outOfBounds", arg: "actions", input: -5, bounds: COUNT }));
    // A table spills as a table; a range argument is read as Excel reads an array constant.
    await expect(tryArgument(page, "MIXACTIONS", "interactions", "20000")).resolves.toMatch(/→\s*106000$/);
    await page.locator("#fn-COMPARE button").first().click();
    await expect(page.locator("#result-COMPARE table tr").count()).resolves.toBe(5);
    expect(problems).toEqual([]);
    await page.close();
  });

  test.each([
    ["Workbook with AWU formulas", "AWU Budget.xlsx", false],
    ["Portable workbook", "AWU Budget (portable).xlsx", true],
  ])("the download %s is a valid .xlsx with the template's sheets", async (label, name, portable) => {
    const { page, problems } = await openPane();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-controls fluent-button", { hasText: label }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const file = path.join(RESULTS, name);
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(Object.values(SHEETS)));
    const formulas: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) formulas.push(cell.formula);
        }),
      ),
    );
    expect(formulas.length).toBeGreaterThan(0);
    // Portable means no AWU function anywhere; the other workbook calls them as Excel stores them (_xldudf_AWU_NAME), never as typed.
    expect(formulas.some((f) => f.includes("_xldudf_AWU_"))).toBe(!portable);
    expect(formulas.filter((f) => /AWU\./i.test(f))).toEqual([]);
    await expect(page.locator("#status").textContent()).resolves.toBe(P.downloaded(name));
    expect(problems).toEqual([]);
    await page.close();
  });

  test("work taking over half a second shows the progress bar and says what is happening", async () => {
    const { page } = await openPane();
    // The file writer's chunk, held back a second, makes the download slow on purpose.
    await page.route("**/file-writer*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    const downloaded = page.waitForEvent("download");
    // By keyboard: focus must come back to the button once the work is done.
    await page.locator("#download-controls fluent-button", { hasText: "Portable workbook" }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#progress").waitFor({ state: "visible" });
    await expect(page.locator("#status").textContent()).resolves.toBe(P.writingWorkbook(true));
    await expect(page.locator("#main").getAttribute("aria-busy")).resolves.toBe("true");
    await downloaded;
    await page.locator("#progress").waitFor({ state: "hidden" });
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Portable workbook");
    await page.close();
  });

  test.each([
    ["outside Office", undefined],
    ["in Excel", EXCEL_STUB],
  ])("Tab reaches every control, each with a visible focus style (%s)", async (_mode, officeJs) => {
    const { page } = await openPane(officeJs);
    await page.locator("#fn-FLEXCOST button").first().click();
    // The item opens on the next render: measure only once its inputs are laid out.
    await page.locator("#fn-FLEXCOST fluent-text-input").first().waitFor({ state: "visible" });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Every visible control, numbered, with its box on the page.
    const controls = await page.evaluate(() => {
      const selector = "fluent-button, fluent-checkbox, fluent-text-input, fluent-accordion-item, a[href], button, input, select, textarea";
      return [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.checkVisibility() && !el.hasAttribute("disabled"))
        .map((el, k) => {
          el.dataset.k = String(k);
          // An expanded accordion item: only its heading is the control.
          const box = (el.shadowRoot?.querySelector(".heading") ?? el).getBoundingClientRect();
          return { k, label: `${el.tagName.toLowerCase()} ${(el.textContent ?? "").trim().slice(0, 40)}`, x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height };
        });
    });
    expect(controls.length).toBeGreaterThan(20);
    const clipOf = (c: (typeof controls)[number]) => ({ x: Math.max(0, c.x - 4), y: Math.max(0, c.y - 4), width: Math.min(PANE_WIDTH, c.width + 8), height: c.height + 8 });
    const unfocused = new Map<number, Buffer>();
    for (const c of controls) unfocused.set(c.k, await page.screenshot({ fullPage: true, clip: clipOf(c) }));

    const reached = new Set<number>();
    const invisible: string[] = [];
    for (let step = 0; step < controls.length * 3 && reached.size < controls.length; step++) {
      await page.keyboard.press("Tab");
      const k = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k);
      if (k === undefined) continue;
      const control = controls[Number(k)];
      if (!control || reached.has(control.k)) continue;
      reached.add(control.k);
      const focused = await page.screenshot({ fullPage: true, clip: clipOf(control) });
      if (focused.equals(unfocused.get(control.k) as Buffer)) invisible.push(control.label);
    }
    expect(controls.filter((c) => !reached.has(c.k)).map((c) => c.label)).toEqual([]);
    expect(invisible).toEqual([]);
    await page.close();
  });

  test.each([
    ["outside Office", undefined, "pane.png"],
    ["in Excel", EXCEL_STUB, "pane-excel.png"],
  ])(`fits ${PANE_WIDTH} px %s: no horizontal scrollbar, even with tables open; screenshot saved`, async (_mode, officeJs, screenshot) => {
    const { page } = await openPane(officeJs);
    for (const id of ["FLEXCOST", "COMPARE", "RATES"]) await page.locator(`#fn-${id} button`).first().click();
    await page.locator("#result-RATES table").waitFor({ state: "visible" });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // The screenshot shows the pane as it opens, with one function open.
    await page.reload();
    await page.locator("#status").filter({ hasText: P.ready }).waitFor();
    await page.locator("#fn-FLEXCOST button").first().click();
    await page.locator("#fn-FLEXCOST fluent-text-input").first().waitFor({ state: "visible" });
    await page.screenshot({ path: path.join(RESULTS, screenshot), fullPage: officeJs !== undefined });
    if (process.env.AWU_UPDATE_DOCS === "1" && officeJs === undefined) fs.copyFileSync(path.join(RESULTS, screenshot), path.join(ROOT, "docs", "pane.png"));
    await page.close();
  });
});

describe("the task pane in Excel (office.js stubbed)", () => {
  test("shows the workbook sections and inserts an example into the selected cell", async () => {
    const { page, problems } = await openPane(EXCEL_STUB);
    await expect(page.locator("#mode").textContent()).resolves.toBe(P.connected);
    for (const id of ["build-section", "refresh-section", "check-section", "rates-section"]) await expect(page.locator(`#${id}`).isVisible()).resolves.toBe(true);
    await page.locator("#fn-FLEXCOST button").first().click();
    await page.locator("#fn-FLEXCOST fluent-button", { hasText: "Insert" }).first().click();
    await page.locator("#status").filter({ hasText: P.inserted("=AWU.FLEXCOST(53000)", "Sheet1!B2") }).waitFor();
    await expect(page.evaluate(() => (window as unknown as { inserted: string[] }).inserted)).resolves.toEqual(["=AWU.FLEXCOST(53000)"]);
    await expect(page.locator("#status").textContent()).resolves.toBe(P.inserted("=AWU.FLEXCOST(53000)", "Sheet1!B2"));
    expect(problems).toEqual([]);
    await page.close();
  });

  test("asks before building over the template's sheets (the build's conflicts refusal, as data); cancel changes nothing", async () => {
    const { page } = await openPane(EXCEL_STUB);
    await page.locator("#build-controls fluent-button").click();
    await page.locator("#build-choice").waitFor({ state: "visible" });
    // The question names what the refusal found: the stub's one template sheet.
    await expect(page.locator("#build-choice-text").textContent()).resolves.toBe(P.choose([{ item: "sheet", name: "Inputs" }]));
    await expect(page.locator("#status").textContent()).resolves.toBe(P.chooseStatus);
    // A question, not an error: nothing in the message bar.
    await expect(page.locator("#message fluent-message-bar").count()).resolves.toBe(0);
    await page.locator("#build-choice fluent-button", { hasText: "Cancel" }).click();
    await expect(page.locator("#build-choice").isHidden()).resolves.toBe(true);
    await expect(page.locator("#status").textContent()).resolves.toBe(P.cancelled);
    await page.close();
  });

  test("when Excel refuses, says so in the catalogue's words", async () => {
    const { page } = await openPane(EXCEL_STUB);
    await page.locator("#build-controls fluent-button").click();
    await page.locator("#build-choice fluent-button", { hasText: "Write beside" }).click();
    const alert = page.locator("#message fluent-message-bar");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(WORKBOOK_MESSAGES.refusal.protectedSheet);
    await expect(alert.getAttribute("role")).resolves.toBe("alert");
    // The pane is usable again: no button left disabled.
    await expect(page.locator("[data-action][disabled]").count()).resolves.toBe(0);
    await page.close();
  });
});

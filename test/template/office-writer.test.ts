/**
 * The Office.js writer against a test double of Excel (test/support/excel-double.ts):
 * what it writes (sheets, tables, exact formulas, formats, validation, chart, conditional
 * formats), how many round trips and bytes it takes for 10 and 1,000 job rows, that it
 * never overwrites the template or touches the analyst's sheets without a choice, that a
 * refresh writes only the result columns and the stamp, and that check finds each kind of
 * breakage and repair fixes only that.
 */
import { offset, rangeOf } from "../../src/template/model/address";
import { tableHeaderCell } from "../../src/template/model/layout";
import { FORMATS, type ChartBlock, type TableBlock, type TemplateDescription } from "../../src/template/model/description";
import { computeScenarios } from "../../src/template/actions/scenarios";
import { SCENARIO_RESULT_COLUMNS, SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import {
  DEFAULT_BUDGET_BYTES,
  REQUEST_LIMIT_BYTES,
  STAMP_NAMES,
  applyRateCard,
  buildInWorkbook,
  builtInRateRows,
  checkWorkbook,
  diffRateCard,
  Refusal,
  refusalOf,
  freeCopyNumber,
  inspectWorkbook,
  inventory,
  refreshScenarios,
  renameDescription,
  repair,
  runBuild,
  suffixRenames,
  type BuildResult,
  type ExcelRunner,
  type Repaired,
  type TemplateDefect,
  type ScenarioCompute,
} from "../../src/template/actions/index";
import { walk } from "../../src/template/model/formula";
import {
  WORKBOOK_MESSAGES,
  defectMessage,
  rateCardMessage,
  rateCardStampMessage,
  refreshMessages,
  repairedMessage,
  scenarioChangeMessage,
  type ScenarioChange,
  type WorkbookRefusal,
} from "../../src/messages/workbook";
import { refusalMessage } from "../../src/messages/refusals";
import { DoubleContext, ExcelDouble, ExcelDoubleError, SheetModel, parseArea, type WorkbookModel } from "../support/excel-double";
import { FIXTURE_FORMULAS, FIXTURE_TASKS, fixtureDescription, measureBuild, templateWithJobs } from "./office-fixture";

const AS_OF = "2026-11-23";
const asContext = (ctx: DoubleContext): Excel.RequestContext => ctx as unknown as Excel.RequestContext;

/** A fresh double with the 4 MB limit enforced and a user's own sheet. */
function newExcel(): ExcelDouble {
  const excel = new ExcelDouble(["My notes"], { requestLimit: REQUEST_LIMIT_BYTES });
  excel.model.sheet("My notes").type("A1", "The analyst's own sheet");
  excel.model.sheet("My notes").type("B2", 42);
  return excel;
}

async function build(excel: ExcelDouble, description: TemplateDescription, choice: "fresh" | "rebuild" | "beside" = "fresh"): Promise<{ result: BuildResult; ctx: DoubleContext; syncs: number }> {
  const ctx = excel.context();
  const sync = jest.spyOn(ctx, "sync");
  const result = await buildInWorkbook(asContext(ctx), description, choice);
  return { result, ctx, syncs: sync.mock.calls.length };
}

/** Every cell of the chosen sheets, as comparable text. */
function cellsOf(model: WorkbookModel, sheets: (s: SheetModel) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const sheet of model.sheets.filter(sheets)) for (const [k, c] of sheet.cells) out.set(`${sheet.name}!${k}`, JSON.stringify([c.value, c.formula, c.numberFormat, c.format]));
  return out;
}

/** Keys whose contents differ between two snapshots. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

const key = (sheet: string, address: string): string => {
  const a = parseArea(address);
  return `${sheet}!${a.r1},${a.c1}`;
};

/** Keys of every cell in a range. */
function keysOf(sheet: string, range: string): string[] {
  const a = parseArea(range);
  const out: string[] = [];
  for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) out.push(`${sheet}!${r},${c}`);
  return out;
}

const tableOf = (d: TemplateDescription, name: string): TableBlock => {
  for (const s of d.sheets) for (const b of s.blocks) if (b.kind === "table" && b.name === name) return b;
  throw new Error(`no table ${name}`);
};

// ---- The double itself --------------------------------------------------------------------

describe("the Excel double keeps Office.js's batching rules", () => {
  test("a property is unreadable before load and sync, queued writes apply at sync", async () => {
    const excel = new ExcelDouble();
    const ctx = excel.context();
    const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    range.values = [[1, "x"]];
    expect(excel.model.sheet("Sheet1").content("A1")).toBe("");
    range.load("values");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(range.values).toEqual([[1, "x"]]);
  });

  test("a range's wrap and vertical alignment are write-only until loaded, applied at sync, and load as Excel reads them", async () => {
    const excel = new ExcelDouble();
    const ctx = excel.context();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    const range = sheet.getRange("A1:B1");
    range.format.wrapText = true;
    range.format.verticalAlignment = "Bottom";
    range.format.autofitRows();
    expect(() => range.format.wrapText).toThrow(/PropertyNotLoaded/);
    expect(excel.model.sheet("Sheet1").cell("A1").format).toEqual({});
    await ctx.sync();
    // Each is one queued action, counted in the request.
    expect(ctx.requests[0]?.labels.slice(-4)).toEqual(["Worksheet.getRange", "RangeFormat.wrapText", "RangeFormat.verticalAlignment", "RangeFormat.autofitRows"]);
    expect(excel.model.sheet("Sheet1").cell("B1").format).toEqual({ wrapText: true, verticalAlignment: "Bottom" });
    expect([...excel.model.sheet("Sheet1").autofitRows]).toEqual([1]);
    const mixed = sheet.getRange("A1:C1");
    mixed.format.load("wrapText,verticalAlignment");
    range.format.load("wrapText");
    await ctx.sync();
    expect([range.format.wrapText, mixed.format.wrapText, mixed.format.verticalAlignment]).toEqual([true, null, "Bottom"]);
  });

  test("a failing action rejects the sync with Excel's code; a wrong-sized array is refused", async () => {
    const ctx = new ExcelDouble().context();
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("frozen panes and the page layout apply at sync, replace what was there, and are refused on a protected sheet", async () => {
    const excel = new ExcelDouble(["Sheet1", "Locked"]);
    const ctx = excel.context();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.freezePanes.freezeAt("A1:B5");
    sheet.pageLayout.orientation = "Landscape";
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    sheet.pageLayout.setPrintTitleRows("$1:$5");
    expect(excel.model.sheet("Sheet1").frozen).toEqual({ rows: 0, columns: 0 });
    expect(excel.model.sheet("Sheet1").pageLayout).toEqual({});
    await ctx.sync();
    expect(excel.model.sheet("Sheet1").frozen).toEqual({ rows: 5, columns: 2 });
    expect(excel.model.sheet("Sheet1").pageLayout).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$5" });
    sheet.freezePanes.freezeRows(3);
    await ctx.sync();
    expect(excel.model.sheet("Sheet1").frozen).toEqual({ rows: 3, columns: 0 });
    // Print titles are whole rows; a freeze starts at A1.
    sheet.pageLayout.setPrintTitleRows("A1:B5");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.freezePanes.freezeAt("B2:C3");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    excel.model.sheet("Locked").protected = true;
    ctx.workbook.worksheets.getItem("Locked").freezePanes.freezeRows(1);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    ctx.workbook.worksheets.getItem("Locked").pageLayout.orientation = "Landscape";
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("text that starts like a formula becomes one, an ISO date in a general cell becomes a serial", async () => {
    const excel = new ExcelDouble();
    const ctx = excel.context();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:C1").values = [["-abc", "2025-05-15", "'-abc"]];
    await ctx.sync();
    const s = excel.model.sheet("Sheet1");
    expect(s.cell("A1").formula).toBe("=-abc");
    expect(s.cell("B1").value).toBe(45792);
    expect(s.cell("C1").value).toBe("-abc");
  });
});

// ---- Writing the fixture: every kind of block ---------------------------------------------

describe("building the fixture (every kind of block)", () => {
  let excel: ExcelDouble;
  let syncs: number;
  let ctx: DoubleContext;
  const description = fixtureDescription();
  beforeAll(async () => {
    excel = newExcel();
    ({ ctx, syncs } = await build(excel, description));
  });
  const setup = (): SheetModel => excel.model.sheet("Setup");
  const work = (): SheetModel => excel.model.sheet("Work Plan");

  test("three round trips: inspect, write, verify; the write suspends calculation and screen updating", () => {
    expect(syncs).toBe(3);
    const write = ctx.requests[1]?.labels ?? [];
    expect(write.slice(0, 2)).toEqual(["Application.suspendApiCalculationUntilNextSync", "Application.suspendScreenUpdatingUntilNextSync"]);
    // The first request only reads.
    expect(ctx.requests[0]?.labels.every((l) => l.endsWith(".load"))).toBe(true);
  });

  test("each sheet has its title, purpose line, tab colour and column widths, after the analyst's sheet", () => {
    expect(excel.model.sheets.map((s) => s.name)).toEqual(["My notes", "Setup", "Work Plan"]);
    expect(setup().content("A1")).toBe("Setup");
    expect(setup().content("A2")).toBe(description.sheets[0]?.purpose);
    expect(setup().cell("A1").format).toMatchObject({ bold: true, size: 14 });
    expect(setup().tabColor).toBe("#FFC000");
    // 30 characters → (30 × 7 + 5) × 0.75 points.
    expect(setup().columnWidths.get(1)).toBe(161.25);
    expect([...work().columnWidths.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("labelled cells: label, value, note, number format, input look, defined names", () => {
    expect(setup().content("A4")).toBe("Settings");
    expect(setup().cell("A4").format.fill).toBe("#D9E1F2");
    expect([setup().content("A5"), setup().content("B5"), setup().content("C5")]).toEqual(["Weeks per month", 4.33, "52 ÷ 12"]);
    expect(setup().cell("B5").numberFormat).toBe(FORMATS.decimal);
    expect(setup().cell("B6").numberFormat).toBe(FORMATS.count);
    expect(setup().cell("B5").format).toMatchObject({ fill: "#FFF2CC", fontColor: "#1F4E79" });
    expect(setup().cell("B9").format).toMatchObject({ fill: "#F2F2F2", bold: true });
    expect(setup().content("B9")).toBe(FIXTURE_FORMULAS.weeklySeats);
    const names = excel.model.names.map((n) => [n.name, n.value, n.comment]);
    expect(names).toEqual([
      ["Weeks", "Setup!$B$5", "Weeks per month"],
      ["Seats", "Setup!$B$6", "Seats"],
      ["Model", "Setup!$B$7", "Model"],
      ["Code", "Setup!$B$8", "Code"],
      ["WeeklySeats", "Setup!$B$9", "Weekly seats"],
    ]);
  });

  test("text that looks like a formula or a number is written as text", () => {
    expect(setup().cell("B8")).toMatchObject({ value: "-42 or =not a formula", formula: null, numberFormat: "@" });
    expect(setup().cell("C8")).toMatchObject({ value: "+ text that starts like a formula", formula: null });
  });

  test("data validation of each kind, with its prompt", () => {
    expect(setup().validationAt("B5")).toMatchObject({
      rule: { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      prompt: { showPrompt: true, title: "Weeks per month", message: "Weeks in a month." },
      errorAlert: { showAlert: true, style: "Stop" },
    });
    expect(setup().validationAt("B6")?.rule).toEqual({ wholeNumber: { formula1: 0, formula2: 1000, operator: "Between" } });
    expect(setup().validationAt("B7")?.rule).toEqual({ list: { inCellDropDown: true, source: "Flex Credits,Per user" } });
    expect(setup().validationAt("B9")).toBeUndefined();
    // A table column's validation covers its data rows.
    expect(work().validationAt("C6:C7")?.rule).toEqual({ decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
  });

  test("the table: name, header, rows, formula columns as structured references, total row, formats", () => {
    const table = excel.model.table("Tasks");
    expect(table.sheet.name).toBe("Work Plan");
    expect([table.top, table.left, table.dataRows, table.showTotals]).toEqual([5, 1, 2, true]);
    expect(table.headers()).toEqual(FIXTURE_TASKS.columns.map((c) => c.header));
    expect(work().content("A4")).toBe("Tasks (one row each)");
    expect(["A6", "B6", "C6", "D6", "E6", "F6"].map((a) => work().content(a))).toEqual(["Example", "Enrichment", 250, FIXTURE_FORMULAS.perMonth, FIXTURE_FORMULAS.cost, ""]);
    expect(work().content("D7")).toBe(FIXTURE_FORMULAS.perMonth);
    expect(["A8", "B8", "C8", "D8", "E8", "F8"].map((a) => work().content(a))).toEqual(["", "Total", FIXTURE_FORMULAS.totalPerWeek, "=SUBTOTAL(109,Tasks[[Per month]])", FIXTURE_FORMULAS.averageCost, ""]);
    expect(["A6", "C6", "D6", "E6"].map((a) => work().cell(a).numberFormat)).toEqual([FORMATS.text, FORMATS.decimal, FORMATS.decimal, FORMATS.usd]);
    expect(work().cell("E8").numberFormat).toBe(FORMATS.usd);
  });

  test("the table's column headers wrap in the header style and their row is autofitted; the block heading does not wrap", () => {
    const header = ["A5", "B5", "C5", "D5", "E5", "F5"];
    expect(header.map((a) => work().content(a))).toEqual(FIXTURE_TASKS.columns.map((c) => c.header));
    for (const a of header) expect([a, work().cell(a).format]).toEqual([a, { fill: "#D9E1F2", fontColor: "#1F3864", bold: true, wrapText: true, verticalAlignment: "Bottom" }]);
    expect([...work().autofitRows]).toEqual([5]);
    // The heading band: same look, one line.
    for (const a of ["A4", "F4"]) expect([a, work().cell(a).format]).toEqual([a, { fill: "#D9E1F2", fontColor: "#1F3864", bold: true }]);
    expect(setup().cell("A4").format.wrapText).toBeUndefined();
  });

  test("example rows are marked; inputs look like inputs and formulas like outputs", () => {
    expect(work().cell("A6").format).toMatchObject({ italic: true, fontColor: "#C65911" });
    expect(work().cell("C6").format).toMatchObject({ fill: "#FFF2CC" });
    expect(work().cell("D6").format).toMatchObject({ fill: "#F2F2F2", bold: true });
  });

  test("the grid: corner, inputs, formulas with mixed references, formats", () => {
    expect(work().content("A11")).toBe("Cost by volume × seats");
    expect(["A12", "B12", "C12", "D12", "A13", "A14"].map((a) => work().content(a))).toEqual(["Volume \\ seats", 1, 2, 3, 100, 200]);
    expect(work().content("B13")).toBe(FIXTURE_FORMULAS.gridFirst);
    expect(work().content("D14")).toBe("='Work Plan'!$A14*'Work Plan'!D$12");
    expect(work().cell("B13").numberFormat).toBe(FORMATS.usd);
    expect(work().cell("A13").numberFormat).toBe(FORMATS.count);
  });

  test("the chart plots the described ranges where described", () => {
    expect(work().charts).toEqual([
      {
        type: "ColumnClustered",
        source: parseArea("E6:E7"),
        seriesBy: "Columns",
        title: "Cost per task",
        legendVisible: false,
        seriesName: "Cost",
        xValues: parseArea("B6:B7"),
        from: "H4",
        to: "N18",
      },
    ]);
  });

  test("conditional formats: one rule each, in order, first match wins", () => {
    expect(work().conditionalFormats).toEqual([
      { area: parseArea("D6:D7"), type: "Custom", formula: FIXTURE_FORMULAS.light, fill: "#F8CBAD", font: "#9C0006", stopIfTrue: true, priority: 0 },
      { area: parseArea("D6:D7"), type: "Custom", formula: "='Work Plan'!$D6>=0", fill: "#C6EFCE", font: "#006100", stopIfTrue: true, priority: 1 },
    ]);
  });

  test("the analyst's own sheet is untouched", () => {
    expect(excel.model.sheet("My notes").content("A1")).toBe("The analyst's own sheet");
    expect(excel.model.sheet("My notes").content("B2")).toBe(42);
    expect(excel.model.sheet("My notes").cells.size).toBe(2);
  });
});

// ---- The real template: round trips and bytes ---------------------------------------------

describe.each([10, 1000])("the real template with %i job rows", (rows) => {
  let excel: ExcelDouble;
  let run: { result: BuildResult; ctx: DoubleContext; syncs: number };
  const description = templateWithJobs(rows);
  beforeAll(async () => {
    excel = newExcel();
    run = await build(excel, description);
  });

  test("is written in 3 syncs, no request above 4 MB, calculation and screen updating suspended", () => {
    expect(run.syncs).toBe(3);
    expect(run.result.writes.syncs).toBe(1);
    for (const r of run.ctx.requests) expect(r.bytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    const write = run.ctx.requests[1];
    expect(write?.labels).toContain("Application.suspendApiCalculationUntilNextSync");
    expect(write?.labels).toContain("Application.suspendScreenUpdatingUntilNextSync");
  });

  test("the writer's estimate of each request is at least what was sent", () => {
    expect(run.result.writes.requests[0]).toBeGreaterThanOrEqual(run.ctx.requests[1]?.bytes ?? Infinity);
  });

  test("one range write per block: the Jobs rows go as 2-D arrays, not cell by cell", () => {
    const writes = run.ctx.requests[1]?.labels.filter((l) => l === "Range.formulas").length ?? 0;
    // A fixed count whatever the number of rows (the Jobs body in at most a few chunks): 54 before the
    // Governance sheet (+6 writes, its five blocks) and the Summary (+9); 69 with 10 rows, 70 with 1,000;
    // the Vendors sheet (+7: two cell blocks, three tables): 76 and 77.
    expect(writes).toBeLessThan(82);
  });

  test("every job row has the column formulas, and the total row sums them", () => {
    const jobs = excel.model.table(TABLES.jobs);
    expect(jobs.dataRows).toBe(rows);
    const sheet = jobs.sheet;
    const block = tableOf(description, TABLES.jobs);
    const column = (header: string): number => block.columns.findIndex((c) => c.header === header);
    const at = (row: number, header: string): string => offset(tableHeaderCell(block), 1 + row, column(header));
    expect(sheet.content(at(rows - 1, "Items per month"))).toBe("=Jobs[@[Volume per week]]*WeeksPerMonth");
    expect(sheet.content(at(0, "Total cost per month"))).toBe("=Jobs[@[AI cost per month]]+Jobs[@[Human review cost per month]]");
    expect(sheet.content(at(rows, "Total cost per month"))).toBe("=SUBTOTAL(109,Jobs[[Total cost per month]])");
    expect(sheet.content(at(rows - 1, "Job"))).toBe(`${String(block.rows[(rows - 1) % 3]?.Job)}`.replace(/ \d+$/, "") + ` ${rows}`);
  });

  test("every defined name points at its described cell", () => {
    for (const n of inventory(description).names) expect([n.name, excel.model.findName(n.name)?.value]).toEqual([n.name, `${n.sheet}!${n.address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`]);
  });

  test("every table's column headers wrap in the header style, in an autofitted row; block headings do not wrap", () => {
    const problems: string[] = [];
    for (const spec of description.sheets)
      for (const block of spec.blocks) {
        if (block.kind !== "table") continue;
        const sheet = excel.model.sheet(spec.name);
        const header = tableHeaderCell(block);
        block.columns.forEach((column, i) => {
          const format = sheet.cell(offset(header, 0, i)).format;
          if (format.wrapText !== true || format.verticalAlignment !== "Bottom" || format.bold !== true || format.fill !== "#D9E1F2" || format.fontColor !== "#1F3864")
            problems.push(`${spec.name}!${offset(header, 0, i)} (${column.header}): ${JSON.stringify(format)}`);
        });
        if (!sheet.autofitRows.has(parseArea(header).r1)) problems.push(`${spec.name}: header row of ${block.name} not autofitted`);
        if (sheet.cell(block.anchor).format.wrapText !== undefined || sheet.cell(block.anchor).format.fill !== "#D9E1F2") problems.push(`${spec.name}!${block.anchor}: heading ${JSON.stringify(sheet.cell(block.anchor).format)}`);
      }
    expect(problems).toEqual([]);
  });

  test("every sheet's panes are frozen as described; it prints landscape, one page wide and as many tall, the frozen rows atop each page", () => {
    expect(description.sheets.every((s) => s.freeze)).toBe(true);
    for (const spec of description.sheets) {
      const sheet = excel.model.sheet(spec.name);
      const rows = spec.freeze?.rows ?? 0;
      expect([spec.name, sheet.frozen]).toEqual([spec.name, spec.freeze]);
      expect([spec.name, sheet.pageLayout]).toEqual([spec.name, { orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$1:$${rows}` }]);
    }
  });

  test("a row's own formula in a column of given values looks like an output; the given values like inputs", () => {
    const block = tableOf(description, TABLES.comparison);
    const sheet = excel.model.sheet(SHEETS.pricing);
    const fills = (header: string): unknown[] => block.rows.map((_, r) => sheet.cell(offset(tableHeaderCell(block), 1 + r, block.columns.findIndex((c) => c.header === header))).format.fill);
    expect(fills("Monthly cost")).toEqual(block.rows.map(() => "#F2F2F2"));
    expect(fills("Model")).toEqual(block.rows.map(() => "#FFF2CC"));
  });

  test("the Summary's charts: each series added on its described range over the months or scenarios, stacked where described", () => {
    const summary = description.sheets.find((s) => s.name === SHEETS.summary);
    const blocks = (summary?.blocks ?? []).filter((b): b is ChartBlock => b.kind === "chart");
    expect(blocks.length).toBe(3);
    expect(excel.model.sheet(SHEETS.summary).charts).toEqual(
      blocks.map((b) => ({
        type: `${b.type === "bar" ? "Bar" : "Column"}${b.stacked ? "Stacked" : "Clustered"}`,
        source: parseArea(b.values),
        seriesBy: "Columns",
        title: b.title,
        legendVisible: (b.moreSeries ?? []).length > 0,
        seriesName: b.seriesName,
        xValues: parseArea(b.categories),
        from: b.from,
        to: b.to,
        ...(b.moreSeries ? { more: b.moreSeries.map((m) => ({ name: m.name, values: parseArea(m.values), xValues: parseArea(b.categories) })) } : {}),
      })),
    );
    expect(excel.model.sheet(SHEETS.summary).charts.map((c) => c.type)).toEqual(["ColumnStacked", "ColumnClustered", "BarClustered"]);
  });

  test("the rate card's dates stay text (formats are written before values)", () => {
    const card = excel.model.table(TABLES.rateCard);
    const asOf = card.headers().indexOf("As of");
    const first = card.sheet.cellAt(card.top + 1, card.left + asOf);
    expect(typeof first?.value).toBe("string");
  });
});

test("measureBuild reports syncs and bytes for the bench", async () => {
  const small = await measureBuild(10);
  const large = await measureBuild(1000);
  expect(small.syncs).toBe(3);
  expect(large.syncs).toBe(3);
  expect(large.maxRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
  expect(large.totalBytes).toBeGreaterThan(small.totalBytes);
  // Printed for the report: 10 and 1,000 rows.
  console.log(`build: 10 rows ${JSON.stringify(small)}; 1,000 rows ${JSON.stringify(large)}`);
});

test("without examples: empty tables get one blank row with their formulas, and check finds nothing amiss", async () => {
  const description = describeTemplate({ examples: false, currency: "EUR", asOf: AS_OF });
  const excel = newExcel();
  const { syncs } = await build(excel, description);
  expect(syncs).toBe(3);
  const jobs = excel.model.table(TABLES.jobs);
  expect(jobs.dataRows).toBe(1);
  const block = tableOf(description, TABLES.jobs);
  expect(jobs.sheet.content(offset(tableHeaderCell(block), 1, block.columns.findIndex((c) => c.header === "Items per month")))).toBe("=Jobs[@[Volume per week]]*WeeksPerMonth");
  expect(jobs.sheet.content(offset(tableHeaderCell(block), 1, 1))).toBe("");
  // The currency is the workbook's (not an input), and its money shows euros.
  expect(excel.model.sheet("Inputs").content("B5")).toBe('="EUR"');
  const enablement = inventory(description).names.find((n) => n.name === "EnablementCost");
  expect(excel.model.sheet("Inputs").cell(enablement?.address ?? "").numberFormat).toBe('"€"#,##0');
  expect(await checkWorkbook(asContext(excel.context()), description)).toEqual([]);
});

test("checking 1,000 job rows reads in two syncs with a response well under the limit", async () => {
  const description = templateWithJobs(1000);
  const excel = newExcel();
  await build(excel, description);
  const ctx = excel.context();
  expect(await checkWorkbook(asContext(ctx), description)).toEqual([]);
  expect(ctx.requests).toHaveLength(2);
  expect(Math.max(...ctx.requests.map((r) => r.responseBytes))).toBeLessThan(REQUEST_LIMIT_BYTES / 2);
});

test("a write larger than the budget is split into requests that each fit, with the same result", async () => {
  const description = templateWithJobs(1000);
  const whole = newExcel();
  await build(whole, description);
  const split = newExcel();
  const ctx = split.context();
  const result = await buildInWorkbook(asContext(ctx), description, "fresh", { budget: 300_000 });
  expect(result.writes.syncs).toBeGreaterThan(3);
  for (const r of ctx.requests) expect(r.bytes).toBeLessThanOrEqual(300_000 + 10_000);
  // Each batch suspends again: suspension lasts only until the next sync.
  const writeRequests = ctx.requests.slice(1, -1);
  for (const r of writeRequests) expect(r.labels).toContain("Application.suspendApiCalculationUntilNextSync");
  expect(changed(cellsOf(whole.model), cellsOf(split.model))).toEqual([]);
  expect(DEFAULT_BUDGET_BYTES).toBeLessThan(REQUEST_LIMIT_BYTES);
});

// ---- Never overwriting without a choice -----------------------------------------------------

describe("building into a workbook that already has the template", () => {
  const description = templateWithJobs(4);
  let excel: ExcelDouble;
  beforeEach(async () => {
    excel = newExcel();
    await build(excel, description);
    // The analyst's work on a template sheet.
    excel.model.sheet("Jobs").type("B6", "Our own job");
  });

  test("inspect reports what exists in one sync", async () => {
    const ctx = excel.context();
    const report = await inspectWorkbook(asContext(ctx), description);
    expect(ctx.requests).toHaveLength(1);
    expect(report.conflicts).toBe(true);
    expect(report.existing.sheets).toEqual(Object.values(SHEETS));
    expect(report.existing.tables.map((t) => t.name)).toContain("Jobs");
    expect(report.existing.names).toHaveLength(inventory(description).names.length);
    expect(report.outside).toEqual([]);
  });

  test("fresh refuses with a clear message and changes nothing", async () => {
    const before = cellsOf(excel.model);
    const ctx = excel.context();
    const error = await buildInWorkbook(asContext(ctx), description, "fresh").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    const problem = refusalOf(error);
    expect(problem.code).toBe("conflicts");
    // Every template item already there, the sheets first, as data; the words come from the catalogue.
    const { items } = problem as Extract<WorkbookRefusal, { code: "conflicts" }>;
    const own = inventory(description);
    const sheets = Object.values(SHEETS);
    expect(items.slice(0, sheets.length)).toEqual(sheets.map((name) => ({ item: "sheet", name })));
    expect(new Set(items.slice(sheets.length).map((i) => i.name))).toEqual(new Set([...own.tables.map((t) => t.name), ...own.names.map((n) => n.name)]));
    expect(items).toContainEqual({ item: "table", name: "Jobs", sheet: "Jobs" });
    expect(refusalMessage(problem)).toBe(WORKBOOK_MESSAGES.refusal.conflicts(items));
    expect(ctx.requests).toHaveLength(1);
    expect(changed(before, cellsOf(excel.model))).toEqual([]);
  });

  test("beside writes a numbered copy with its own sheet, table and name names, formulas rewritten", async () => {
    const before = cellsOf(excel.model);
    const { result, syncs } = await build(excel, description, "beside");
    expect(syncs).toBe(3);
    expect(result.copy).toBe(2);
    expect(excel.model.sheets.map((s) => s.name)).toEqual([
      "My notes",
      ...Object.values(SHEETS),
      ...Object.values(SHEETS).map((s) => `${s} (2)`),
    ]);
    expect(excel.model.table("Jobs_2").sheet.name).toBe("Jobs (2)");
    expect(excel.model.findName("WeeksPerMonth_2")?.value).toBe("'Inputs (2)'!$B$6");
    const copy = excel.model.sheet("Jobs (2)");
    const block = tableOf(result.written, "Jobs_2");
    const items = block.columns.findIndex((c) => c.header === "Items per month");
    expect(copy.content(offset(tableHeaderCell(block), 1, items))).toBe("=Jobs_2[@[Volume per week]]*WeeksPerMonth_2");
    // The sensitivity grid's first cell: its row and column headers are the copy's own cells.
    const roi = result.written.sheets.find((s) => s.name === "ROI (2)");
    const grid = roi?.blocks.find((b) => b.kind === "grid");
    expect(excel.model.sheet("ROI (2)").content(offset(grid?.anchor ?? "A1", 2, 1))).toMatch(/^=AWU\.BLENDED\(HumanCostPerCase_2,AiCostPerCase_2,'ROI \(2\)'!\$A\d+,'ROI \(2\)'!B\$\d+\)$/);
    // Nothing of the original (nor the analyst's sheet) changed.
    const after = cellsOf(excel.model, (s) => !s.name.endsWith("(2)"));
    expect(changed(before, after)).toEqual([]);
    // A second copy is numbered 3.
    const third = await build(excel, description, "beside");
    expect(third.result.copy).toBe(3);
  });

  test("rebuild replaces only the template's sheets; the analyst's own sheet is untouched", async () => {
    const notes = cellsOf(excel.model, (s) => s.name === "My notes");
    const namesBefore = excel.model.names.length;
    const { syncs } = await build(excel, description, "rebuild");
    expect(syncs).toBe(3);
    expect(excel.model.sheets.map((s) => s.name)).toEqual(["My notes", ...Object.values(SHEETS)]);
    expect(excel.model.sheet("Jobs").content("B6")).toBe("Customer service conversations 1");
    expect(excel.model.names.length).toBe(namesBefore);
    expect(excel.model.names.every((n) => n.sheet !== null)).toBe(true);
    expect(changed(notes, cellsOf(excel.model, (s) => s.name === "My notes"))).toEqual([]);
  });

  test("rebuild refuses to delete a template-named table on the analyst's sheet", async () => {
    const other = newExcel();
    other.model.addTable("My notes", "Scenarios", "D1", ["What", "If"], [["a", 1]]);
    const before = cellsOf(other.model);
    const error = await buildInWorkbook(asContext(other.context()), description, "rebuild").catch((e: unknown) => e);
    expect(refusalOf(error)).toEqual({ code: "rebuildWouldTouch", items: [{ item: "table", name: "Scenarios", sheet: "My notes" }] });
    expect(changed(before, cellsOf(other.model))).toEqual([]);
    // Beside still works, and leaves that table alone.
    const { result } = await build(other, description, "beside");
    expect(result.written.sheets.map((s) => s.name)).toContain("Scenarios (2)");
    expect(other.model.table("Scenarios").sheet.name).toBe("My notes");
  });

  test("rebuild refuses when a template sheet is protected; nothing is built into a protected workbook", async () => {
    excel.model.sheet("Jobs").protected = true;
    await expect(buildInWorkbook(asContext(excel.context()), description, "rebuild")).rejects.toMatchObject({ problem: { code: "protectedSheets" } });
    const locked = newExcel();
    locked.model.protected = true;
    await expect(buildInWorkbook(asContext(locked.context()), description, "fresh")).rejects.toMatchObject({ problem: { code: "workbookProtected" } });
    expect(refusalMessage({ code: "workbookProtected" })).toBe(WORKBOOK_MESSAGES.refusal.workbookProtected);
  });

  test("an analyst's name that a template table needs counts as a conflict", async () => {
    const other = newExcel();
    const ctx = other.context();
    ctx.workbook.names.add("Jobs", ctx.workbook.worksheets.getItem("My notes").getRange("B2"), "");
    await ctx.sync();
    await expect(buildInWorkbook(asContext(other.context()), description, "fresh")).rejects.toMatchObject({ problem: { code: "conflicts" } });
  });
});

// ---- Excel's refusals in words ------------------------------------------------------------

describe("runBuild runs in Excel.run with delayForCellEdit and explains Excel's refusals", () => {
  const description = fixtureDescription();
  const runner =
    (excel: ExcelDouble, options: { delayForCellEdit?: boolean } = { delayForCellEdit: true }, afterFirstSync?: (model: WorkbookModel) => void): ExcelRunner =>
    (batch) =>
      excel.run(options, async (ctx) => {
        if (afterFirstSync) {
          const sync = ctx.sync.bind(ctx);
          let first = true;
          jest.spyOn(ctx, "sync").mockImplementation(async () => {
            await sync();
            if (first) afterFirstSync(excel.model);
            first = false;
          });
        }
        return batch(asContext(ctx));
      });

  test("in cell-edit mode Excel waits (delayForCellEdit) and the build completes", async () => {
    const excel = newExcel();
    excel.model.cellEditMode = true;
    const progress: string[] = [];
    const outcome = await runBuild(description, "fresh", (p) => progress.push(p.code), runner(excel));
    expect(outcome.ok).toBe(true);
    expect(excel.delayedRuns).toBe(1);
    expect(progress).toEqual(["inspect", "write", "verify", "done"]);
  });

  test("without the delay, cell-edit mode is explained", async () => {
    const excel = newExcel();
    excel.model.cellEditMode = true;
    expect(await runBuild(description, "fresh", undefined, runner(excel, {}))).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "InvalidOperationInCellEditMode" } });
  });

  test("a request above Excel's limit is explained", async () => {
    const excel = new ExcelDouble(["Sheet1"], { requestLimit: 1_000_000 });
    expect(await runBuild(templateWithJobs(1000), "fresh", undefined, runner(excel))).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "RequestPayloadSizeLimitExceeded" } });
  });

  test("a sheet added by someone else between inspect and write is explained", async () => {
    const excel = newExcel();
    const outcome = await runBuild(description, "fresh", undefined, runner(excel, undefined, (m) => m.sheets.push(new SheetModel("Setup"))));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "ItemAlreadyExists" } });
  });

  test("protection switched on between inspect and write is explained", async () => {
    const excel = newExcel();
    const outcome = await runBuild(description, "fresh", undefined, runner(excel, undefined, (m) => (m.protected = true)));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "excelRefused", excelCode: "AccessDenied" } });
  });

  test("every code the pane explains comes from the catalogue; others name their code", () => {
    const say = (error: unknown): string => refusalMessage(refusalOf(error));
    expect(say(new ExcelDoubleError("ItemNotFound", "x"))).toBe(WORKBOOK_MESSAGES.refusal.missingPart);
    expect(say(new ExcelDoubleError("AccessDenied", "x"))).toBe(WORKBOOK_MESSAGES.refusal.protectedSheet);
    expect(say(new ExcelDoubleError("InvalidOperationInCellEditMode", "x"))).toBe(WORKBOOK_MESSAGES.refusal.cellEditMode);
    expect(say(new ExcelDoubleError("RequestPayloadSizeLimitExceeded", "x"))).toBe(WORKBOOK_MESSAGES.refusal.payloadTooLarge);
    expect(say(new ExcelDoubleError("ItemAlreadyExists", "x"))).toBe(WORKBOOK_MESSAGES.refusal.itemAlreadyExists);
    expect(refusalOf(new ExcelDoubleError("GeneralException", "boom"))).toEqual({ code: "excelRefused", excelCode: "GeneralException", detail: "GeneralException: boom" });
    expect(say(new ExcelDoubleError("GeneralException", "boom"))).toBe(WORKBOOK_MESSAGES.refusal.unknown("GeneralException", "GeneralException: boom"));
  });
});

// ---- Refresh scenarios --------------------------------------------------------------------

describe("refresh scenarios", () => {
  const description = templateWithJobs(4);
  const own = inventory(description);
  let excel: ExcelDouble;

  /** What the double can't compute: the formula-valued names compute reads. */
  function calculate(model: WorkbookModel): void {
    const values: Record<string, number> = {
      PricePerConversation: 2,
      CreditsPerAction: 20,
      PricePer100kCredits: 500,
      PricePerUserMonth: 125,
      ReviewerHourlyCost: 30,
      HumanCostPerCase: 8,
    };
    for (const [n, v] of Object.entries(values)) {
      const at = own.names.find((x) => x.name === n);
      if (at) model.sheet(at.sheet).calculated(at.address, v);
    }
    // The example jobs' Units per item is the interaction mix's 5.3 actions (=ActionsPerInteraction).
    const jobs = tableOf(description, TABLES.jobs);
    const units = jobs.columns.findIndex((c) => c.header === "Units per item");
    jobs.rows.forEach((row, r) => {
      if (typeof row["Units per item"] === "object") model.sheet(SHEETS.jobs).calculated(offset(tableHeaderCell(jobs), 1 + r, units), 5.3);
    });
  }

  beforeEach(async () => {
    excel = newExcel();
    await build(excel, description);
    calculate(excel.model);
    // The analyst adds a job and a scenario.
    const ctx = excel.context();
    ctx.workbook.tables.getItem("Jobs").rows.add(undefined, [["", "Our own job", "Custom", 100, 1, "", 0.9, 0, 1, "No", "No", 0, 0, "", "", "", "", "", "", "", ""]]);
    ctx.workbook.tables.getItem("Scenarios").rows.add(undefined, [["Half volume", 0.5, "", "", "", "", "", "", "", "", "", "", ""]]);
    await ctx.sync();
  });

  test("one read and one write; only the result columns and the stamp change", async () => {
    const before = cellsOf(excel.model);
    let seen: Parameters<ScenarioCompute>[0] | undefined;
    const firstTime: ScenarioChange = { code: "firstTime", scenario: "Base", row: 1 };
    const compute: ScenarioCompute = (inputs) => {
      seen = inputs;
      return { results: inputs.scenarios.map((_, i) => [100 + i, 1.5, 6, i, 0, 0]), changes: [firstTime] };
    };
    const ctx = excel.context();
    const sync = jest.spyOn(ctx, "sync");
    const result = await refreshScenarios(asContext(ctx), compute, { description, now: new Date(2026, 10, 23, 9, 30) });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(seen?.jobs.map((j) => j.Job)).toEqual(["Customer service conversations 1", "Case follow-up emails 2", "Website sales chat 3", "Customer service conversations 4", "Our own job"]);
    expect(seen?.scenarios.map((s) => s.Scenario)).toEqual(["Base", "Double volume", "Stricter quality bar", "Per-user licences", "Better resolution", "Half volume"]);
    expect(seen?.names.WeeksPerMonth).toBeCloseTo(52 / 12, 12);
    expect(seen?.names.ReviewerHourlyCost).toBe(30);
    const at = new Date(2026, 10, 23, 9, 30);
    expect(result).toMatchObject({ scenarios: 6, changes: [firstTime], refreshedAt: at, rateCard: { differing: 0 } });
    expect(refreshMessages(result)).toEqual({ headline: WORKBOOK_MESSAGES.refresh.done(6, at), lines: [scenarioChangeMessage(firstTime)] });
    expect(refreshMessages(result).headline).toContain("2026-11-23 09:30");

    const table = tableOf(description, TABLES.scenarios);
    const first = table.columns.findIndex((c) => c.header === SCENARIO_RESULT_COLUMNS[0]);
    const results = rangeOf(offset(tableHeaderCell(table), 1, first), 6, SCENARIO_RESULT_COLUMNS.length);
    const stamp = (n: string): string => {
      const at = own.names.find((x) => x.name === n);
      return key(at?.sheet ?? "", at?.address ?? "");
    };
    const allowed = new Set([...keysOf("Scenarios", results), stamp(STAMP_NAMES.at), stamp(STAMP_NAMES.rateCard)]);
    const diff = changed(before, cellsOf(excel.model));
    expect(diff.filter((k) => !allowed.has(k))).toEqual([]);
    // Every result cell now holds the computed figure (the build had written the first refresh's own there).
    const written = Array.from({ length: 6 }, (_, i) => SCENARIO_RESULT_COLUMNS.map((_c, k) => excel.model.sheet("Scenarios").content(offset(tableHeaderCell(table), 1 + i, first + k))));
    expect(written).toEqual(Array.from({ length: 6 }, (_, i) => [100 + i, 1.5, 6, i, 0, 0]));
    // The write request holds only value writes (no formats, no other cells).
    const writes = ctx.requests[1]?.labels.filter((l) => !l.startsWith("Table") && !l.startsWith("NamedItem") && !l.startsWith("Range.get")) ?? [];
    expect(writes).toEqual(["Range.values", "Range.values", "Range.values"]);
    const sheet = excel.model.sheet("Scenarios");
    expect(sheet.content(offset(tableHeaderCell(table), 6, first))).toBe(105);
    const stampAt = own.names.find((x) => x.name === STAMP_NAMES.at);
    expect(sheet.content(stampAt?.address ?? "")).toBeCloseTo(46349 + 9.5 / 24, 9);
    // The stamp is the catalogue's sentence for the facts the refresh decided.
    expect(result.rateCard.rows).toBe(tableOf(description, TABLES.rateCard).rows.length);
    expect(sheet.content(own.names.find((x) => x.name === STAMP_NAMES.rateCard)?.address ?? "")).toBe(rateCardStampMessage(result.rateCard));
  });

  test("with the scenario engine: figures as numbers, the base differences zero", async () => {
    const result = await refreshScenarios(asContext(excel.context()), computeScenarios, { description, now: new Date(2026, 10, 23), builtInRates: builtInRateRows(AS_OF) });
    const table = tableOf(description, TABLES.scenarios);
    const first = table.columns.findIndex((c) => c.header === SCENARIO_RESULT_COLUMNS[0]);
    const sheet = excel.model.sheet("Scenarios");
    const row = (r: number): unknown[] => SCENARIO_RESULT_COLUMNS.map((_, k) => sheet.content(offset(tableHeaderCell(table), 1 + r, first + k)));
    expect(typeof row(0)[0]).toBe("number");
    expect(row(0).slice(3)).toEqual([0, 0, 0]);
    expect(row(5)[0]).toBeLessThan(row(0)[0] as number);
    // The build wrote each example scenario's figures, so only the analyst's new row is computed for the first time.
    expect(result.changes).toContainEqual({ code: "firstTime", scenario: "Half volume", row: 6 });
    expect(result.changes.filter((c) => c.code === "firstTime")).toHaveLength(1);
    expect(refreshMessages(result).lines).toHaveLength(6);
  });

  test("a computation of the wrong shape is refused and nothing is written", async () => {
    const before = cellsOf(excel.model);
    const ctx = excel.context();
    const error = await refreshScenarios(asContext(ctx), () => ({ results: [[1]], changes: [] }), { description }).catch((e: unknown) => e);
    expect(refusalOf(error)).toEqual({ code: "scenarioShapeMismatch", rows: 6, got: 1 });
    expect(ctx.requests).toHaveLength(1);
    expect(changed(before, cellsOf(excel.model))).toEqual([]);
  });
});

// ---- Check and repair ---------------------------------------------------------------------

describe("check finds each kind of breakage and repair fixes only that", () => {
  const description = templateWithJobs(4);
  const own = inventory(description);
  const jobs = tableOf(description, TABLES.jobs);
  const jobsCell = (row: number, header: string): string => offset(tableHeaderCell(jobs), 1 + row, jobs.columns.findIndex((c) => c.header === header));
  const nameAt = (n: string): { sheet: string; address: string } => {
    const at = own.names.find((x) => x.name === n);
    if (!at) throw new Error(n);
    return at;
  };

  async function freshBook(): Promise<ExcelDouble> {
    const excel = newExcel();
    await build(excel, description);
    return excel;
  }

  test("a freshly built workbook has no problems", async () => {
    const excel = await freshBook();
    const ctx = excel.context();
    expect(await checkWorkbook(asContext(ctx), description)).toEqual([]);
    expect(ctx.requests).toHaveLength(2);
  });

  type Breakage = {
    readonly code: TemplateDefect["code"];
    readonly breakIt: (excel: ExcelDouble) => Promise<void> | void;
    /** The defect's sentence, from the catalogue's words for the facts check should find. */
    readonly message: string;
    /** What repair reports having done. */
    readonly done: Repaired;
    /** Cells repair may change (besides rewriting a whole missing sheet). */
    readonly repaired: (excel: ExcelDouble) => string[];
  };
  const run = async (excel: ExcelDouble, fn: (ctx: DoubleContext) => void): Promise<void> => {
    const ctx = excel.context();
    fn(ctx);
    await ctx.sync();
  };

  const breakages: Breakage[] = [
    {
      code: "missingSheet",
      breakIt: (excel) => run(excel, (ctx) => ctx.workbook.worksheets.getItem("Wallet").delete()),
      message: WORKBOOK_MESSAGES.problem.missingSheet("Wallet"),
      done: { code: "sheetWritten", sheet: "Wallet" },
      repaired: () => [],
    },
    {
      code: "renamedTable",
      breakIt: (excel) => run(excel, (ctx) => (ctx.workbook.tables.getItem("Jobs").name = "MyJobs")),
      message: WORKBOOK_MESSAGES.problem.renamedTable("Jobs", "MyJobs", "Jobs"),
      done: { code: "tableRenamed", table: "Jobs" },
      repaired: () => [],
    },
    {
      code: "missingTable",
      breakIt: (excel) => {
        const tables = excel.model.tables;
        tables.splice(tables.indexOf(excel.model.table("InteractionMix")), 1);
        excel.model.sheet("Pricing").type(offset(tableHeaderCell(tableOf(description, "InteractionMix")), 1, 1), 0.5);
      },
      message: WORKBOOK_MESSAGES.problem.missingTable("InteractionMix", "Pricing", "A8:C11"),
      done: { code: "tableWritten", table: "InteractionMix" },
      repaired: () => {
        const block = tableOf(description, "InteractionMix");
        return keysOf("Pricing", rangeOf(block.anchor, 5, 3));
      },
    },
    {
      code: "missingName",
      breakIt: (excel) => run(excel, (ctx) => ctx.workbook.names.getItem("HourlyWage").delete()),
      message: WORKBOOK_MESSAGES.problem.missingName("HourlyWage", "Hourly wage", "Inputs"),
      done: { code: "nameAdded", name: "HourlyWage" },
      repaired: () => [],
    },
    {
      code: "renamedColumn",
      breakIt: (excel) => excel.model.sheet("Jobs").type(offset(tableHeaderCell(jobs), 0, 3), "Weekly volume"),
      message: WORKBOOK_MESSAGES.problem.renamedColumn("Jobs", "Volume per week", "Weekly volume"),
      done: { code: "columnRenamed", table: "Jobs", column: "Volume per week" },
      repaired: () => [key("Jobs", offset(tableHeaderCell(jobs), 0, 3))],
    },
    {
      code: "inputIsText",
      breakIt: (excel) => excel.model.sheet("Inputs").type(nameAt("WeeksPerMonth").address, "about 4"),
      message: WORKBOOK_MESSAGES.problem.inputIsText("Weeks per month", "Inputs", nameAt("WeeksPerMonth").address, "about 4"),
      done: { code: "inputWritten", label: "Weeks per month" },
      repaired: () => [key("Inputs", nameAt("WeeksPerMonth").address)],
    },
    {
      code: "formulaOverwritten",
      breakIt: (excel) => excel.model.sheet("Jobs").type(jobsCell(1, "Items per month"), 1234),
      message: WORKBOOK_MESSAGES.problem.formulaOverwritten("Jobs", "Items per month", [2]),
      done: { code: "formulaWritten", table: "Jobs", column: "Items per month" },
      repaired: () => keysOf("Jobs", rangeOf(jobsCell(0, "Items per month"), 4, 1)),
    },
    {
      code: "outputOverwritten",
      breakIt: (excel) => excel.model.sheet(nameAt("HumanCostPerCase").sheet).type(nameAt("HumanCostPerCase").address, 9.5),
      message: WORKBOOK_MESSAGES.problem.outputOverwritten("Human cost per case", "ROI"),
      done: { code: "outputWritten", label: "Human cost per case" },
      repaired: () => [key("ROI", nameAt("HumanCostPerCase").address)],
    },
  ];

  test.each(breakages.map((b) => [b.code, b] as const))("%s", async (_code, breakage) => {
    const excel = await freshBook();
    const pristine = cellsOf(excel.model);
    await breakage.breakIt(excel);
    const problems = await checkWorkbook(asContext(excel.context()), description);
    expect(problems.map((p) => [p.code, defectMessage(p)])).toEqual([[breakage.code, breakage.message]]);

    const broken = cellsOf(excel.model);
    const ctx = excel.context();
    const done = await repair(asContext(ctx), description, problems);
    expect(done).toEqual([breakage.done]);
    expect(repairedMessage(done[0] as Repaired)).not.toBe("");
    expect(ctx.requests).toHaveLength(1);
    expect(await checkWorkbook(asContext(excel.context()), description)).toEqual([]);

    // Only the broken part was rewritten: every other cell is as the break left it.
    const after = cellsOf(excel.model);
    const allowed = new Set(breakage.repaired(excel));
    const rewrittenSheet = breakage.code === "missingSheet" ? "Wallet!" : "\u0000";
    expect(changed(broken, after).filter((k) => !allowed.has(k) && !k.startsWith(rewrittenSheet))).toEqual([]);
    // And the repaired part is as built.
    if (breakage.code !== "missingTable") expect(changed(pristine, after)).toEqual([]);
  });

  test("a deleted sheet's names are pointed at the rewritten sheet; its other problems wait for it", async () => {
    const excel = await freshBook();
    const ctx = excel.context();
    ctx.workbook.worksheets.getItem("Wallet").delete();
    await ctx.sync();
    expect(excel.model.findName("WalletAlert")?.value).toBe("#REF!");
    const problems = await checkWorkbook(asContext(excel.context()), description);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "missingSheet", staleNames: expect.arrayContaining(["WalletAlert", "CreditAllocation"]) as unknown });
    await repair(asContext(excel.context()), description, problems);
    expect(excel.model.findName("WalletAlert")?.value).toBe(`Wallet!$${nameAt("WalletAlert").address.replace(/(\d+)/, "$$$1")}`);
    expect(excel.model.table("TeamBudgets").sheet.name).toBe("Wallet");
  });

  test("several problems at once are all found and repaired in one write", async () => {
    const excel = await freshBook();
    excel.model.sheet("Jobs").type(jobsCell(0, "Units per month"), 5);
    excel.model.sheet("Inputs").type(nameAt("LicensedUsers").address, "fifty");
    const problems = await checkWorkbook(asContext(excel.context()), description);
    expect(problems.map((p) => p.code).sort()).toEqual(["formulaOverwritten", "inputIsText"]);
    const ctx = excel.context();
    await repair(asContext(ctx), description, problems);
    expect(ctx.requests).toHaveLength(1);
    expect(await checkWorkbook(asContext(excel.context()), description)).toEqual([]);
  });

  test("a copy written beside is checked under its own names", async () => {
    const excel = await freshBook();
    const { result } = await build(excel, description, "beside");
    excel.model.sheet("Jobs (2)").type(jobsCell(2, "Items per month"), 1);
    const problems = await checkWorkbook(asContext(excel.context()), result.written);
    expect(problems).toMatchObject([{ code: "formulaOverwritten", table: "Jobs_2", column: "Items per month", rows: [3] }]);
    expect(problems.map(defectMessage)).toEqual([WORKBOOK_MESSAGES.problem.formulaOverwritten("Jobs_2", "Items per month", [3])]);
    expect(await checkWorkbook(asContext(excel.context()), description)).toEqual([]);
  });

  test("a defect naming a part the template does not have is left alone, and repair says so", async () => {
    const excel = await freshBook();
    const before = cellsOf(excel.model);
    const ctx = excel.context();
    const stray: TemplateDefect[] = [
      { code: "missingTable", table: "NotOurs", sheet: "Jobs", address: "A1:B2" },
      { code: "outputOverwritten", name: "NotOurs", label: "Not ours", sheet: "ROI" },
    ];
    const done = await repair(asContext(ctx), description, stray);
    expect(done).toEqual([
      { code: "skipped", part: { item: "table", name: "NotOurs", sheet: "Jobs" } },
      { code: "skipped", part: { item: "name", name: "NotOurs", sheet: "ROI" } },
    ]);
    expect(done.map(repairedMessage)).toEqual(done.map((d) => WORKBOOK_MESSAGES.repaired.skipped((d as Extract<Repaired, { code: "skipped" }>).part)));
    expect(ctx.requests).toHaveLength(0);
    expect(changed(before, cellsOf(excel.model))).toEqual([]);
  });
});

// ---- The rate card ------------------------------------------------------------------------

describe("the rate card against the built-in card", () => {
  const description = templateWithJobs(1);
  const builtIn = builtInRateRows(AS_OF);
  const card = tableOf(description, TABLES.rateCard);
  const rowOf = (k: string): number => card.rows.findIndex((r) => r.Key === k);
  const cellOf = (k: string, header: string): string => offset(tableHeaderCell(card), 1 + rowOf(k), card.columns.findIndex((c) => c.header === header));

  test("as built, it matches; an override, a removed key and the analyst's own key are told apart", async () => {
    const excel = newExcel();
    await build(excel, description);
    const same = await diffRateCard(asContext(excel.context()), builtIn);
    expect(same.lines).toEqual([{ code: "same" }]);
    expect(same.lines.map(rateCardMessage)).toEqual([WORKBOOK_MESSAGES.rateCard.same]);

    const inputs = excel.model.sheet("Inputs");
    inputs.type(cellOf("conversation.price", "Value"), 2.5);
    const ctx = excel.context();
    ctx.workbook.tables.getItem("RateCard").rows.add(undefined, [["our.own.rate", 7, "USD", "2026-01-01", "us"]]);
    await ctx.sync();
    const extraBuiltIn = [...builtIn, { key: "new.rate", value: 1, unit: "USD", asOf: "2026-11-01", source: "vendor" }];
    const diff = await diffRateCard(asContext(excel.context()), extraBuiltIn);
    const ownRow = card.rows.length + 1;
    expect(diff.lines).toEqual([
      { code: "changed", key: "conversation.price", field: "Value", workbook: 2.5, builtIn: 2 },
      { code: "missing", key: "new.rate" },
      { code: "extra", key: "our.own.rate", row: ownRow },
    ]);
    expect(diff.extra).toEqual([{ key: "our.own.rate", row: ownRow }]);
    expect(diff.lines.map(rateCardMessage)).toEqual([
      WORKBOOK_MESSAGES.rateCard.changed("conversation.price", "value", "2.5", "2"),
      WORKBOOK_MESSAGES.rateCard.missing("new.rate"),
      WORKBOOK_MESSAGES.rateCard.extra("our.own.rate"),
    ]);

    const before = cellsOf(excel.model);
    const applyCtx = excel.context();
    const applied = await applyRateCard(asContext(applyCtx), extraBuiltIn);
    expect(applyCtx.requests).toHaveLength(2);
    expect(applied.applied).toEqual({ code: "applied", changed: 1, added: 1 });
    expect(rateCardMessage(applied.applied)).toBe(WORKBOOK_MESSAGES.rateCard.applied(1, 1));
    expect(inputs.content(cellOf("conversation.price", "Value"))).toBe(2);
    const after = await diffRateCard(asContext(excel.context()), extraBuiltIn);
    expect(after.lines).toEqual([{ code: "extra", key: "our.own.rate", row: ownRow }]);
    // Only the changed row and the appended row were written; the new row's date stays text.
    const table = excel.model.table("RateCard");
    const lastRow = table.top + table.dataRows;
    const touched = changed(before, cellsOf(excel.model)).filter((k) => !k.startsWith(`Inputs!${parseArea(cellOf("conversation.price", "Value")).r1},`) && !k.startsWith(`Inputs!${lastRow},`));
    expect(touched).toEqual([]);
    expect(inputs.cellAt(lastRow, table.left + 3)?.value).toBe("2026-11-01");
  });
});

// ---- Renaming a description ---------------------------------------------------------------

test("a renamed description refers only to the copy's sheets, tables and names", () => {
  const description = templateWithJobs(2);
  const renamed = renameDescription(description, suffixRenames(description, 2));
  const own = inventory(description);
  const originals = new Set([...own.sheets, ...own.tables.map((t) => t.name), ...own.names.map((n) => n.name)]);
  const leftovers: string[] = [];
  for (const sheet of renamed.sheets) {
    for (const block of sheet.blocks) {
      const exprs =
        block.kind === "cells"
          ? block.cells.flatMap((c) => ("formula" in c.value ? [c.value.formula] : []))
          : block.kind === "table"
            ? [...block.columns.flatMap((c) => (c.formula ? [c.formula] : [])), ...block.rows.flatMap((r) => Object.values(r).flatMap((v) => (typeof v === "object" ? [v.formula] : [])))]
            : block.kind === "grid"
              ? block.formulas.flat()
              : [];
      for (const expr of exprs)
        for (const e of walk(expr)) {
          if (e.op === "name" && originals.has(e.name)) leftovers.push(e.name);
          if (e.op === "column" && originals.has(e.table)) leftovers.push(e.table);
          if (e.op === "ref" && originals.has(e.sheet)) leftovers.push(e.sheet);
        }
    }
  }
  expect(leftovers).toEqual([]);
  expect(freeCopyNumber(description, { sheets: ["Jobs (2)"], tablesAndNames: ["WeeksPerMonth_3"] })).toBe(4);
});

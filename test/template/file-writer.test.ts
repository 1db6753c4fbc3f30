/**
 * The file writer renders everything the description says, where cells.ts and layout.ts
 * put it: written, then read back with exceljs (cells, formulas, formats, styles, names,
 * validation) and with jszip (the parts exceljs cannot write or read: table formula columns
 * and totals, colour rules' first-match order, the chart and its wiring).
 */
import fs from "fs";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { address, offset, parseAddress } from "../../src/template/model/address";
import { sheetCells } from "../../src/template/model/cells";
import { CellError, workbookEvaluator } from "../../src/template/render/evaluator";
import { FILE, STORED_AWU_PREFIX, columnRef, renderExpr, sheetPrefix, walk, type Expr } from "../../src/template/model/formula";
import { catalog } from "../../src/functions/catalog";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { dataRowCount, tableHeaderCell, tableRange, valueCell } from "../../src/template/model/layout";
import { FORMATS, STYLES, type ChartBlock, type TableBlock, type TemplateDescription } from "../../src/template/model/description";
import { PORTABLE_FILE } from "../../src/template/render/portable";
import { portableDescription, withBuiltResults } from "../../src/template/render/live";
import { describeTemplate, TABLES } from "../../src/template/sheets/template";
import { AUTO_SHOW_TASKPANE, WEB_EXTENSION, wrappedLines, writeWorkbook } from "../../src/template/writers/file";
import { readText, sheetPaths } from "../../src/template/writers/chart";
import { FIXTURE_SHEETS, fixtureDescription } from "./fixture";

const NOW = new Date(2026, 10, 23, 9, 30);
const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const fixture = fixtureDescription();

interface Written {
  readonly description: TemplateDescription;
  readonly portable: boolean;
  readonly bytes: Uint8Array;
  readonly book: ExcelJS.Workbook;
  readonly zip: JSZip;
}

async function write(description: TemplateDescription, portable: boolean): Promise<Written> {
  const bytes = await writeWorkbook(description, { portable, now: () => NOW });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.slice().buffer);
  return { description, portable, bytes, book, zip: await JSZip.loadAsync(bytes) };
}

let files: Record<"template" | "templatePortable" | "fixture" | "fixturePortable", Written>;
beforeAll(async () => {
  files = {
    template: await write(template, false),
    templatePortable: await write(template, true),
    fixture: await write(fixture, false),
    fixturePortable: await write(fixture, true),
  };
});

const sheetOf = (w: Written, name: string): ExcelJS.Worksheet => {
  const ws = w.book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
const tables = (d: TemplateDescription): { sheet: string; block: TableBlock }[] =>
  d.sheets.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.kind === "table").map((block) => ({ sheet: s.name, block })));
const formulaOf = (cell: ExcelJS.Cell): string | undefined => {
  const v = cell.value;
  return v !== null && typeof v === "object" && "formula" in v ? v.formula : undefined;
};

/** The table parts of a package by table name. */
async function tableParts(zip: JSZip): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for (const file of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await readText(zip, file);
    parts.set(/<table\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] ?? "", xml);
  }
  return parts;
}

/** Every formula the package holds, as text: cells' <f>, tables' column formulas, colour rules' <formula>, defined names. */
async function packageFormulas(zip: JSZip): Promise<{ part: string; formula: string }[]> {
  const found: { part: string; formula: string }[] = [];
  for (const part of Object.keys(zip.files).filter((p) => p.endsWith(".xml"))) {
    const xml = await readText(zip, part);
    for (const m of xml.matchAll(/<(f|calculatedColumnFormula|formula|definedName)\b[^>]*>([\s\S]*?)<\/\1>/g)) found.push({ part, formula: unescape(m[2] ?? "") });
  }
  return found;
}

/** A worksheet's cells as the XML holds them: formula text and cached value, by address. */
function xmlCells(sheetXml: string): Map<string, { formula?: string; cached?: string }> {
  const cells = new Map<string, { formula?: string; cached?: string }>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[2] ?? "";
    const formula = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1];
    const cached = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    cells.set(m[1] as string, { ...(formula === undefined ? {} : { formula: unescape(formula) }), ...(cached === undefined ? {} : { cached }) });
  }
  return cells;
}

/** The AWU functions an expression calls, one entry a call. */
const awuCalls = (expr: Expr): string[] => [...walk(expr)].flatMap((e) => (e.op === "awu" ? [e.fn] : []));

const unescape = (text: string): string => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

describe.each(["template", "fixture"] as const)("the %s written as a file", (which) => {
  const awuFile = (): Written => files[which];
  const portableFile = (): Written => files[`${which}Portable`];
  const description = which === "template" ? template : fixture;
  // What the AWU file writes: the description with the scenarios' results as built.
  const built = withBuiltResults(description);

  test("has the description's sheets in order, with tab colours, column widths, title and purpose", () => {
    const { book } = awuFile();
    expect(book.worksheets.map((w) => w.name)).toEqual(description.sheets.map((s) => s.name));
    for (const spec of description.sheets) {
      const ws = sheetOf(awuFile(), spec.name);
      expect(ws.properties.tabColor).toEqual({ argb: `FF${spec.tabColor}` });
      spec.columnWidths.forEach((width, i) => expect(ws.getColumn(i + 1).width).toBe(width));
      expect(ws.getCell("A1").value).toBe(spec.name);
      expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
      expect(ws.getCell("A2").value).toBe(spec.purpose);
      expect(ws.getCell("A2").font).toMatchObject({ italic: true });
    }
  });

  test("every placed value, number format and style lands where cells.ts puts it", () => {
    const problems: string[] = [];
    for (const spec of built.sheets) {
      const ws = sheetOf(awuFile(), spec.name);
      for (const placed of sheetCells(spec)) {
        const cell = ws.getCell(placed.address);
        const where = `${spec.name}!${placed.address}`;
        // exceljs reads a date-formatted number back as a Date, and General as no format.
        const value = cell.value instanceof Date ? cell.value.getTime() / 86_400_000 + 25_569 : cell.value;
        if (!("formula" in placed.content) && value !== placed.content.value) problems.push(`${where}: ${JSON.stringify(value)} ≠ ${JSON.stringify(placed.content.value)}`);
        if (placed.format && (cell.numFmt ?? FORMATS.general) !== built.formats[placed.format]) problems.push(`${where}: format ${cell.numFmt} ≠ ${built.formats[placed.format]}`);
        const look = placed.style ? STYLES[placed.style] : undefined;
        if (look?.fill) {
          const fill = cell.fill as ExcelJS.FillPattern | undefined;
          if (fill?.fgColor?.argb !== `FF${look.fill}`) problems.push(`${where}: fill ${JSON.stringify(fill)} ≠ ${look.fill} (${placed.style})`);
        }
        if (look?.font && cell.font?.color?.argb !== `FF${look.font}`) problems.push(`${where}: font colour ≠ ${look.font} (${placed.style})`);
        if (Boolean(look?.wrap) !== Boolean(cell.alignment?.wrapText)) problems.push(`${where}: wrap ${String(cell.alignment?.wrapText)} ≠ ${String(look?.wrap)} (${placed.style})`);
        if (look?.vertical && cell.alignment?.vertical !== look.vertical) problems.push(`${where}: vertical ${String(cell.alignment?.vertical)} ≠ ${look.vertical} (${placed.style})`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("table column headers wrap in the header style, in rows as tall as their most wrapped header; block headings do not wrap", () => {
    const { block: first } = tables(description)[0] as { block: TableBlock };
    expect(STYLES.columnHeader).toMatchObject({ ...STYLES.heading, wrap: true });
    const problems: string[] = [];
    for (const { sheet, block } of tables(description)) {
      const ws = sheetOf(awuFile(), sheet);
      const header = tableHeaderCell(block);
      block.columns.forEach((column, i) => {
        const cell = ws.getCell(offset(header, 0, i));
        const where = `${sheet}!${cell.address} (${column.header})`;
        if (cell.value !== column.header) problems.push(`${where}: ${JSON.stringify(cell.value)}`);
        if (cell.alignment?.wrapText !== true || cell.alignment.vertical !== "bottom") problems.push(`${where}: alignment ${JSON.stringify(cell.alignment)}`);
        if (!cell.font?.bold || cell.font.color?.argb !== `FF${STYLES.heading.font}`) problems.push(`${where}: font ${JSON.stringify(cell.font)}`);
        if ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb !== `FF${STYLES.heading.fill}`) problems.push(`${where}: fill ${JSON.stringify(cell.fill)}`);
      });
      // A header row is as tall as its most wrapped header (LibreOffice does not size it on opening); one line keeps Excel's own height.
      const row = ws.getRow(parseAddress(header).row);
      const columnLetter = parseAddress(header).column;
      const spec = description.sheets.find((x) => x.name === sheet);
      const lines = Math.max(...block.columns.map((c, i) => wrappedLines(c.header, spec?.columnWidths[columnLetter - 1 + i] ?? 8.43)));
      const expected = lines > 1 ? lines * 15 : undefined;
      if (row.height !== expected) problems.push(`${sheet} row ${row.number}: height ${row.height} ≠ ${String(expected)}`);
      // The block heading and the band to its right stay on one line.
      for (const at of [block.anchor, offset(block.anchor, 0, 1)]) {
        const cell = ws.getCell(at);
        if (cell.alignment?.wrapText) problems.push(`${sheet}!${at}: the heading wraps`);
        if ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb !== `FF${STYLES.heading.fill}`) problems.push(`${sheet}!${at}: heading fill ${JSON.stringify(cell.fill)}`);
      }
    }
    expect(first.columns.length).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  test("every formula is the description's, rendered for the file; total rows are table subtotals", () => {
    const problems: string[] = [];
    for (const spec of built.sheets) {
      const ws = sheetOf(awuFile(), spec.name);
      for (const placed of sheetCells(spec)) {
        if (!("formula" in placed.content)) continue;
        const actual = formulaOf(ws.getCell(placed.address));
        let expected = renderExpr(placed.content.formula, FILE);
        if (placed.table?.part === "total") {
          const { block } = tables(description).find((t) => t.block.name === placed.table?.name) as { block: TableBlock };
          const column = block.columns[parseAddress(placed.address).column - parseAddress(tableHeaderCell(block)).column] as TableBlock["columns"][number];
          expected = `SUBTOTAL(${column.total === "sum" ? 109 : 101},${columnRef(block.name, column.header, false, "file")})`;
        }
        if (actual !== expected) problems.push(`${spec.name}!${placed.address}: ${actual} ≠ ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("formulas carry the engine's results, for viewers that do not recalculate", () => {
    const evaluator = workbookEvaluator(built, { now: () => NOW });
    const problems: string[] = [];
    for (const spec of built.sheets) {
      const ws = sheetOf(awuFile(), spec.name);
      for (const placed of sheetCells(spec)) {
        if (!("formula" in placed.content)) continue;
        const v = ws.getCell(placed.address).value as ExcelJS.CellFormulaValue;
        const expected = evaluator.cell(spec.name, placed.address);
        // exceljs reads a date-formatted result back as a Date.
        const result = v.result instanceof Date ? v.result.getTime() / 86_400_000 + 25_569 : v.result;
        // exceljs reads a cached 0 back as no result (the file holds <v>0</v>).
        const zeroRead = result === undefined && expected === 0;
        // …and a cached empty text (a blank ratio, <v></v>) as no result too.
        const emptyRead = result === undefined && expected === "";
        const same =
          zeroRead ||
          emptyRead ||
          (expected instanceof CellError
            ? JSON.stringify(result) === JSON.stringify({ error: expected.code })
            : typeof expected === "number" && typeof result === "number"
              ? Math.abs(expected - result) < 1e-6
              : result === expected);
        if (!same) problems.push(`${spec.name}!${placed.address}: cached ${JSON.stringify(result)}, engine ${JSON.stringify(expected)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("defined names are workbook-scoped and point at the labelled cells' values", () => {
    for (const spec of description.sheets)
      for (const block of spec.blocks) {
        if (block.kind !== "cells") continue;
        block.cells.forEach((cell, i) => {
          if (!cell.name) return;
          const target = `${sheetPrefix(spec.name)}${address(parseAddress(valueCell(block, i)), { row: true, column: true })}`;
          expect([cell.name, awuFile().book.definedNames.getRanges(cell.name).ranges]).toEqual([cell.name, [target]]);
        });
      }
  });

  test("tables: name, range, columns, totals and formula columns", async () => {
    const parts = await tableParts(awuFile().zip);
    const all = tables(description);
    expect([...parts.keys()].sort()).toEqual(all.map((t) => t.block.name).sort());
    for (const { block } of all) {
      const xml = parts.get(block.name) as string;
      const ref = /<table\b[^>]*\bref="([^"]+)"/.exec(xml)?.[1] ?? "";
      expect(ref).toBe(tableRange(block));
      const [from, to] = ref.split(":") as [string, string];
      const rows = parseAddress(to).row - parseAddress(from).row + 1;
      expect(rows).toBe(1 + dataRowCount(block) + (block.totalRow ? 1 : 0));
      expect(xml.includes(`totalsRowCount="1"`)).toBe(block.totalRow);
      const columns = [...xml.matchAll(/<tableColumn\b([^>]*?)(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)];
      expect(columns.map((c) => unescape(/name="([^"]*)"/.exec(c[1] ?? "")?.[1] ?? ""))).toEqual(block.columns.map((c) => c.header));
      block.columns.forEach((column, i) => {
        const attributes = columns[i]?.[1] ?? "";
        const formula = /<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/.exec(columns[i]?.[2] ?? "")?.[1];
        expect([column.header, formula === undefined ? undefined : unescape(formula)]).toEqual([column.header, column.kind === "formula" && column.formula ? renderExpr(column.formula, FILE) : undefined]);
        if (block.totalRow && (column.total === "sum" || column.total === "average")) expect(attributes).toContain(`totalsRowFunction="${column.total}"`);
        if (block.totalRow && column.total === "label") expect(attributes).toContain(`totalsRowLabel="Total"`);
      });
    }
  });

  // Excel refuses a formula longer than 8,192 characters (Excel specifications and limits): the portable file's scenarios and plans come nearest.
  test("every formula in both files fits Excel's 8,192 characters", async () => {
    for (const written of [awuFile(), portableFile()]) {
      const formulas = await packageFormulas(written.zip);
      expect(formulas.length).toBeGreaterThan(100);
      expect(formulas.filter((f) => f.formula.length > 8192).map((f) => `${f.part}: ${f.formula.length} characters`)).toEqual([]);
    }
  });

  test("data validation: drop-downs, bounds and prompts on every validated cell", () => {
    const problems: string[] = [];
    for (const spec of description.sheets) {
      const ws = sheetOf(awuFile(), spec.name);
      for (const placed of sheetCells(spec)) {
        const v = placed.validation;
        if (!v) continue;
        const dv = ws.getCell(placed.address).dataValidation;
        const where = `${spec.name}!${placed.address}`;
        if (dv?.type !== v.kind) problems.push(`${where}: ${dv?.type} ≠ ${v.kind}`);
        if (dv?.prompt !== v.prompt.slice(0, 255) || dv.showInputMessage !== true) problems.push(`${where}: prompt ${dv?.prompt}`);
        // A list from a named range (longer than a rule holds) names it; the plan selector's test reads the cells it covers.
        const listed = v.kind === "list" ? (v.source ?? `"${v.choices.join(",")}"`) : undefined;
        if (v.kind === "list" && dv?.formulae?.[0] !== listed) problems.push(`${where}: list ${JSON.stringify(dv?.formulae)}`);
        if (v.kind !== "list") {
          const bounds = [v.min, v.max].filter((b) => b !== undefined);
          if (JSON.stringify((dv?.formulae ?? []).map(Number)) !== JSON.stringify(bounds)) problems.push(`${where}: bounds ${JSON.stringify(dv?.formulae)} ≠ ${JSON.stringify(bounds)}`);
          const operator = v.min !== undefined && v.max !== undefined ? "between" : v.min !== undefined ? "greaterThanOrEqual" : "lessThanOrEqual";
          if (dv?.operator !== operator) problems.push(`${where}: operator ${dv?.operator}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("colour rules: the described ranges, formulas and fills, first match wins", async () => {
    const paths = await sheetPaths(awuFile().zip);
    for (const spec of description.sheets) {
      const xml = await readText(awuFile().zip, paths.get(spec.name) as string);
      const blocks = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)];
      expect(blocks.map((b) => b[1])).toEqual(spec.conditionalFormats.map((cf) => cf.range.replace(/\$/g, "")));
      spec.conditionalFormats.forEach((cf, i) => {
        const rules = [...(blocks[i]?.[2] ?? "").matchAll(/<cfRule ([^>]*)>[\s\S]*?<formula>([\s\S]*?)<\/formula>/g)];
        expect(rules.map((r) => unescape(r[2] ?? ""))).toEqual(cf.rules.map((rule) => renderExpr(rule.when, FILE)));
        for (const rule of rules) expect(rule[1]).toContain(`stopIfTrue="1"`);
      });
    }
  });

  test("panes frozen as described; every sheet prints landscape, one page wide and as many tall, its frozen rows atop each page", async () => {
    const { zip } = awuFile();
    const paths = await sheetPaths(zip);
    const workbookXml = await readText(zip, "xl/workbook.xml");
    const printTitles = new Map([...workbookXml.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [Number(m[1]), unescape(m[2] ?? "")]));
    const attributes = (tag: string | undefined): Record<string, string> => Object.fromEntries([...(tag ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
    for (const [i, spec] of description.sheets.entries()) {
      const xml = await readText(zip, paths.get(spec.name) as string);
      const pane = /<pane\b[^>]*\/>/.exec(xml)?.[0];
      const freeze = spec.freeze;
      if (freeze) {
        const topLeft = address({ row: freeze.rows + 1, column: freeze.columns + 1 });
        expect([spec.name, attributes(pane)]).toEqual([
          spec.name,
          expect.objectContaining({ state: "frozen", ySplit: String(freeze.rows), topLeftCell: topLeft, ...(freeze.columns > 0 ? { xSplit: String(freeze.columns) } : {}) }),
        ]);
        if (freeze.columns === 0) expect(attributes(pane).xSplit).toBeUndefined();
        // Whole rows, the sheet's name always quoted (as Excel accepts it, quoting or not).
        expect([spec.name, printTitles.get(i)]).toEqual([spec.name, `'${spec.name.replace(/'/g, "''")}'!$1:$${freeze.rows}`]);
      } else {
        expect([spec.name, pane, printTitles.get(i)]).toEqual([spec.name, undefined, undefined]);
      }
      expect([spec.name, attributes(/<pageSetup\b[^>]*\/>/.exec(xml)?.[0])]).toEqual([spec.name, expect.objectContaining({ orientation: "landscape", fitToWidth: "1", fitToHeight: "0" })]);
      // Fit-to-page is a sheet property: without it Excel prints at the scale and ignores the fit.
      expect([spec.name, /<sheetPr>[\s\S]*?<pageSetUpPr fitToPage="1"\/>[\s\S]*?<\/sheetPr>/.test(xml)]).toEqual([spec.name, true]);
    }
    // The template freezes every sheet (the fixture, none): both branches above ran.
    if (which === "template") expect(description.sheets.every((s) => s.freeze)).toBe(true);
    else expect(description.sheets.some((s) => s.freeze)).toBe(false);
  });

  test("the chart: a part wired to its sheet, plotting the described ranges", async () => {
    const { zip } = awuFile();
    const charts = description.sheets.flatMap((s) => s.blocks.filter((b): b is ChartBlock => b.kind === "chart").map((block) => ({ sheet: s.name, block })));
    expect(charts.length).toBeGreaterThan(0);
    const types = await readText(zip, "[Content_Types].xml");
    const paths = await sheetPaths(zip);
    for (const [i, { sheet, block }] of charts.entries()) {
      const chart = await readText(zip, `xl/charts/chart${i + 1}.xml`);
      expect(types).toContain(`PartName="/xl/charts/chart${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
      const refs = [...chart.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => unescape(m[1] ?? ""));
      // Each series plots its own range over the chart's categories, named as described, in order.
      const series = [{ values: block.values, name: block.seriesName }, ...(block.moreSeries ?? [])];
      expect(refs).toEqual(series.flatMap((s) => [`${sheetPrefix(sheet)}${block.categories}`, `${sheetPrefix(sheet)}${s.values}`]));
      expect([...chart.matchAll(/<c:tx><c:v>([^<]+)<\/c:v><\/c:tx>/g)].map((m) => unescape(m[1] ?? ""))).toEqual(series.map((s) => s.name));
      expect(chart).toContain(`<c:barDir val="${block.type === "bar" ? "bar" : "col"}"/>`);
      expect(chart).toContain(`<c:grouping val="${block.stacked ? "stacked" : "clustered"}"/>`);
      expect([block.title, chart.includes("<c:overlap val=\"100\"/>"), chart.includes("<c:legend>")]).toEqual([block.title, block.stacked === true, series.length > 1]);
      expect(chart).toContain(`<a:t>${block.title}</a:t>`);
      // The sheet's drawing holds the chart's frame over the described cells.
      const sheetPath = paths.get(sheet) as string;
      const sheetXml = await readText(zip, sheetPath);
      const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
      const rels = await readText(zip, sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels");
      const drawingTarget = new RegExp(`Id="${drawingId}"[^>]*Target="\\.\\./drawings/([^"]+)"`).exec(rels)?.[1];
      const drawing = await readText(zip, `xl/drawings/${drawingTarget}`);
      const from = parseAddress(block.from);
      const to = parseAddress(block.to);
      expect(drawing).toContain(`<xdr:from><xdr:col>${from.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row - 1}</xdr:row>`);
      expect(drawing).toContain(`<xdr:to><xdr:col>${to.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row>`);
      expect(types).toContain(`PartName="/xl/drawings/${drawingTarget}"`);
    }
  });

  test("the worksheets' last elements are in the schema's order", async () => {
    const order = ["<drawing ", "<legacyDrawing ", "<tableParts"];
    for (const w of [awuFile(), portableFile()])
      for (const sheetPath of (await sheetPaths(w.zip)).values()) {
        const xml = await readText(w.zip, sheetPath);
        const positions = order.map((tag) => xml.indexOf(tag)).filter((p) => p >= 0);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
  });

  test("the AWU file stores every AWU call as Excel stores a custom function (_xldudf_AWU_NAME), each with its cached value", async () => {
    const { zip } = awuFile();
    const formulas = await packageFormulas(zip);
    // Typed text (AWU.X) written by another program is not bound to the add-in by Excel.
    expect(formulas.filter((f) => f.formula.includes("AWU.")).map((f) => `${f.part}: ${f.formula}`)).toEqual([]);
    // Every stored name is a function of the catalog.
    const stored = formulas.flatMap((f) => [...f.formula.matchAll(/_xldudf_([A-Za-z0-9_.]*)\(/g)].map((m) => m[1] as string));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((name) => !(name.startsWith("AWU_") && catalog.has(name.slice(4))))).toEqual([]);

    const paths = await sheetPaths(zip);
    const evaluator = workbookEvaluator(description, { now: () => NOW });
    const problems: string[] = [];
    let checked = 0;
    for (const spec of description.sheets) {
      const cells = xmlCells(await readText(zip, paths.get(spec.name) as string));
      for (const placed of sheetCells(spec)) {
        if (!("formula" in placed.content)) continue;
        const calls = awuCalls(placed.content.formula);
        if (calls.length === 0 || placed.table?.part === "total") continue;
        checked++;
        const where = `${spec.name}!${placed.address}`;
        const cell = cells.get(placed.address);
        const written = cell?.formula ?? "";
        // Each call once in its stored form, as many as the description makes.
        for (const fn of new Set(calls)) {
          const count = written.split(`${STORED_AWU_PREFIX}${fn}(`).length - 1;
          const expected = calls.filter((c) => c === fn).length;
          if (count !== expected) problems.push(`${where}: ${expected} × ${STORED_AWU_PREFIX}${fn}( expected in ${written}`);
        }
        // The value a viewer that does not recalculate shows: the engine's, cached.
        const value = evaluator.cell(spec.name, placed.address);
        if (value !== null && cell?.cached === undefined) problems.push(`${where}: no cached value (engine ${JSON.stringify(value)})`);
        if (typeof value === "number" && cell?.cached !== undefined && Math.abs(Number(cell.cached) - value) > 1e-6) problems.push(`${where}: cached ${cell.cached} ≠ ${value}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  test("the portable file holds no AWU call in any form, and no add-in part", async () => {
    const { zip } = portableFile();
    const formulas = await packageFormulas(zip);
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.filter((f) => /AWU\.|_xldudf_/i.test(f.formula)).map((f) => `${f.part}: ${f.formula}`)).toEqual([]);
    expect(Object.keys(zip.files).filter((p) => p.includes("webextension"))).toEqual([]);
    expect(await readText(zip, "_rels/.rels")).not.toContain("webextension");
  });

  test("the portable file has no AWU call; each formula is the portable rendering", () => {
    const problems: string[] = [];
    for (const spec of description.sheets) {
      const ws = sheetOf(portableFile(), spec.name);
      for (const placed of sheetCells(spec)) {
        if (!("formula" in placed.content) || placed.table?.part === "total") continue;
        const actual = formulaOf(ws.getCell(placed.address));
        if (actual?.includes("AWU.")) problems.push(`${spec.name}!${placed.address}: ${actual}`);
        let expected: string | undefined;
        try {
          expected = renderExpr(placed.content.formula, PORTABLE_FILE);
        } catch {
          expected = undefined; // written as a value
        }
        if (actual !== expected) problems.push(`${spec.name}!${placed.address}: ${actual} ≠ ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the AWU file carries the add-in's task pane, tagged to open with it", () => {
  const MANIFEST = fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
  const relationships = (xml: string): { Id: string; Type: string; Target: string }[] => {
    const rel = (parser.parse(xml) as { Relationships: { Relationship: unknown } }).Relationships.Relationship;
    return (Array.isArray(rel) ? rel : [rel]) as { Id: string; Type: string; Target: string }[];
  };

  test("the package points at the task pane part, which points at the add-in part; both are declared and well-formed", async () => {
    const { zip } = files.template;
    const root = relationships(await readText(zip, "_rels/.rels")).filter((r) => r.Type === WEB_EXTENSION.taskpanesRelationship);
    expect(root.map((r) => r.Target)).toEqual([WEB_EXTENSION.taskpanesPart]);
    const taskpanes = await readText(zip, WEB_EXTENSION.taskpanesPart);
    const extension = await readText(zip, WEB_EXTENSION.extensionPart);
    expect([XMLValidator.validate(taskpanes), XMLValidator.validate(extension)]).toEqual([true, true]);
    const paneRels = relationships(await readText(zip, "xl/webextensions/_rels/taskpanes.xml.rels"));
    expect(paneRels.map((r) => [r.Type, r.Target])).toEqual([[WEB_EXTENSION.extensionRelationship, "webextension1.xml"]]);
    const pane = (parser.parse(taskpanes) as { "wetp:taskpanes": { "wetp:taskpane": Record<string, unknown> } })["wetp:taskpanes"]["wetp:taskpane"];
    expect((pane["wetp:webextensionref"] as Record<string, string>)["r:id"]).toBe(paneRels[0]?.Id);
    // Shown where the add-in is installed; never a prompt to install it where it is not.
    expect(pane).toMatchObject({ dockstate: "right", visibility: "0" });
    const types = await readText(zip, "[Content_Types].xml");
    expect(types).toContain(`<Override PartName="/${WEB_EXTENSION.taskpanesPart}" ContentType="${WEB_EXTENSION.taskpanesContentType}"/>`);
    expect(types).toContain(`<Override PartName="/${WEB_EXTENSION.extensionPart}" ContentType="${WEB_EXTENSION.extensionContentType}"/>`);
  });

  test("the add-in part names manifest.xml's add-in and version, and asks for its pane with the document", async () => {
    const extension = parser.parse(await readText(files.template.zip, WEB_EXTENSION.extensionPart)) as { "we:webextension": Record<string, Record<string, unknown>> };
    const web = extension["we:webextension"];
    const manifestId = /<Id>([^<]+)<\/Id>/.exec(MANIFEST)?.[1];
    const manifestVersion = /<Version>([^<]+)<\/Version>/.exec(MANIFEST)?.[1];
    expect(web["we:reference"]).toEqual({ id: manifestId, version: manifestVersion, store: "EXCatalog", storeType: "EXCatalog" });
    expect(web["we:properties"]).toEqual({ "we:property": { name: AUTO_SHOW_TASKPANE, value: "true" } });
    // The manifest's pane is the one Office opens for that tag.
    expect(MANIFEST).toContain(`<TaskpaneId>${AUTO_SHOW_TASKPANE}</TaskpaneId>`);
  });
});

describe("cells with no native formula, in a portable file", () => {
  test("hold the engine's value and a note saying so", () => {
    const ws = sheetOf(files.fixturePortable, FIXTURE_SHEETS.model);
    const block = fixture.sheets[0]?.blocks[0];
    if (block?.kind !== "cells") throw new Error("fixture: first block is not cells");
    const at = (name: string): ExcelJS.Cell => ws.getCell(valueCell(block, block.cells.findIndex((c) => c.name === name)));
    expect(at("TokenCost").value).toBeCloseTo(0.0044, 12);
    expect(String(at("TokenCost").note)).toMatch(/A value, not a formula: AWU\.TOKENCOST/);
    expect(at("RateCredits").value).toBe(20);
    expect(formulaOf(at("FlexList"))).toBe("IF(Actions<0,#VALUE!,Actions*20*500/100000*(1-0))");
  });

  test("a table column of them keeps no column formula; its rows hold values", async () => {
    const mix = tables(fixture).find((t) => t.block.name === "Mix")?.block as TableBlock;
    const xml = (await tableParts(files.fixturePortable.zip)).get("Mix") as string;
    expect(xml).toMatch(/name="Weighted"[^>]*><calculatedColumnFormula>/);
    expect(xml).toMatch(/<tableColumn id="6" name="Token cost"\/>/);
    const ws = sheetOf(files.fixturePortable, FIXTURE_SHEETS.model);
    const column = mix.columns.findIndex((c) => c.header === "Token cost");
    const values = mix.rows.map((_, r) => ws.getCell(offset(tableHeaderCell(mix), 1 + r, column)).value);
    expect(values).toEqual([3, 7, 14].map((a) => (a * 1000 * 0.5 + 500 * 3) / 1e6));
  });

  test("an error the engine gives is written as that error", () => {
    const ws = sheetOf(files.fixturePortable, FIXTURE_SHEETS.model);
    const returns = fixture.sheets[0]?.blocks[2];
    if (returns?.kind !== "cells") throw new Error("fixture: third block is not cells");
    const noPayback = ws.getCell(valueCell(returns, returns.cells.findIndex((c) => c.name === "NoPayback"))).value as ExcelJS.CellFormulaValue;
    expect(noPayback.result).toEqual({ error: "#N/A" });
  });
});

describe("the template without examples", () => {
  test("keeps one blank row in each empty table, with its formula columns", async () => {
    const bare = describeTemplate({ examples: false, asOf: "2026-11-23" });
    const written = await write(bare, false);
    const jobs = tables(bare).find((t) => t.block.name === TABLES.jobs)?.block as TableBlock;
    expect(jobs.rows).toEqual([]);
    const ws = sheetOf(written, "Jobs");
    const items = jobs.columns.findIndex((c) => c.header === "Items per month");
    expect(formulaOf(ws.getCell(offset(tableHeaderCell(jobs), 1, items)))).toBe(renderExpr(jobs.columns[items]?.formula as NonNullable<TableBlock["columns"][number]["formula"]>, FILE));
    const xml = (await tableParts(written.zip)).get(TABLES.jobs) as string;
    expect(/ref="([^"]+)"/.exec(xml)?.[1]).toBe(tableRange(jobs));
  });
});

test("a header wraps at words into lines of 85 % of its column's width, a long word broken across lines", () => {
  // 13 characters wide: 11 a line.
  expect(wrappedLines("Cost per validated outcome", 13)).toBe(3); // "Cost per" / "validated" / "outcome"
  expect(wrappedLines("Units attempted", 13)).toBe(2);
  expect(wrappedLines("Job", 24)).toBe(1);
  expect(wrappedLines("Cost", 4)).toBe(2); // 3 a line
  expect(wrappedLines("Supercalifragilistic", 8)).toBe(4); // 20 characters, 6 a line
  expect(wrappedLines("a Supercalifragilistic", 8)).toBe(5);
});

test("the writer uses nothing of Node's (the pane's download runs it in the browser)", () => {
  for (const file of ["writers/file.ts", "writers/chart.ts", "render/evaluator.ts", "render/portable.ts"]) {
    const source = fs.readFileSync(path.resolve(__dirname, "../../src/template", file), "utf8");
    expect([file, source.match(/from "(fs|path|os|buffer|stream|child_process|util)"|\bBuffer\.|\bprocess\./g)]).toEqual([file, null]);
  }
});

test("the workbook says what built it and recalculates on opening", async () => {
  const core = await readText(files.template.zip, "docProps/core.xml");
  expect(core).toContain(`AWU Budget template ${template.version}`);
  const workbook = await readText(files.template.zip, "xl/workbook.xml");
  expect(workbook).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
});

describe("a workbook in euros", () => {
  const euros = describeTemplate({ examples: true, currency: "EUR", asOf: "2026-11-23" });
  let written: Written;
  beforeAll(async () => {
    written = await write(euros, true);
  });

  test("every money cell shows euros, and no format in the file shows dollars", async () => {
    const problems: string[] = [];
    let money = 0;
    for (const spec of euros.sheets) {
      const ws = sheetOf(written, spec.name);
      for (const placed of sheetCells(spec)) {
        if (placed.format !== "usd" && placed.format !== "usdWhole") continue;
        money++;
        const expected = placed.format === "usd" ? '"€"#,##0.00' : '"€"#,##0';
        if (ws.getCell(placed.address).numFmt !== expected) problems.push(`${spec.name}!${placed.address}: ${ws.getCell(placed.address).numFmt}`);
      }
    }
    expect(problems).toEqual([]);
    expect(money).toBeGreaterThan(40);
    const styles = await readText(written.zip, "xl/styles.xml");
    expect(unescape(styles)).toContain('formatCode=""€"#,##0.00"');
    expect(styles).not.toContain("$");
  });

  test("the chart's value axis counts in euros", async () => {
    // The Pricing sheet's chart: its values are money with cents.
    const parts = await Promise.all(Object.keys(written.zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).map((f) => readText(written.zip, f)));
    const chart = parts.find((part) => part.includes("Monthly cost by pricing model")) ?? "";
    expect(unescape(chart)).toContain('<c:formatCode>"€"#,##0.00</c:formatCode>');
    expect(unescape(chart)).toContain('<c:numFmt formatCode=""€"#,##0" sourceLinked="0"/>');
  });
});

describe("the Summary's charts in the portable file", () => {
  let written: Written;
  beforeAll(async () => {
    written = await write(template, true);
  });
  const summary = template.sheets[0];
  const charts = (summary?.blocks ?? []).filter((b): b is ChartBlock => b.kind === "chart");

  test("the months are numbers in their date format, on an axis that shows them as dates", async () => {
    // The Summary's charts are the package's first parts: its sheet is written first.
    for (const i of [1, 2]) {
      const chart = unescape(await readText(written.zip, `xl/charts/chart${i}.xml`));
      // Three series each, every one over the months.
      expect(chart.match(/<c:cat><c:numRef>/g)?.length).toBe(3);
      expect(chart).toContain(`<c:formatCode>${FORMATS.date}</c:formatCode>`);
      expect(chart).toContain(`<c:numFmt formatCode="${FORMATS.date}" sourceLinked="0"/>`);
    }
    // Text categories (the scenarios' names) stay text.
    expect(await readText(written.zip, "xl/charts/chart3.xml")).toContain("<c:cat><c:strRef>");
  });

  test("each series caches the values the evaluator computes for its range", async () => {
    const evaluator = workbookEvaluator(portableDescription(template));
    for (const [i, block] of charts.entries()) {
      const chart = await readText(written.zip, `xl/charts/chart${i + 1}.xml`);
      const caches = [...chart.matchAll(/<c:val><c:numRef>[\s\S]*?<\/c:numRef><\/c:val>/g)].map((m) => new Map([...m[0].matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((p) => [Number(p[1]), Number(p[2])])));
      const ranges = [block.values, ...(block.moreSeries ?? []).map((s) => s.values)];
      expect(caches.length).toBe(ranges.length);
      ranges.forEach((range, s) => {
        const [from, to] = range.replace(/\$/g, "").split(":") as [string, string];
        const a = parseAddress(from);
        const rows = parseAddress(to).row - a.row + 1;
        for (let r = 0; r < rows; r++) {
          const v = evaluator.cell(summary?.name ?? "", address({ row: a.row + r, column: a.column }));
          expect([block.title, s, r, caches[s]?.get(r)]).toEqual([block.title, s, r, typeof v === "number" ? v : undefined]);
        }
      });
    }
  });
});

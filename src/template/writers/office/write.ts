/**
 * Writing the description's blocks with Office.js. Structure goes first (sheets, tables,
 * defined names) and content after, so a formula is typed only once every table and name
 * it refers to exists; Excel refuses a formula that names a table it does not know.
 * Each block's cells go as one 2-D write (a big table in row chunks that fit a request).
 */
import { columnLetters, offset, rangeOf } from "../../model/address";
import { columnRef } from "../../model/formula";
import { dataRowCount, gridCorner, tableHeaderCell, valueCell } from "../../model/layout";
import { PRINT, type CellBlock, type ChartBlock, type ConditionalFormat, type GridBlock, type NumberFormats, type Panes, type SheetSpec, type TableBlock, type TableColumn } from "../../model/description";
import { tableCellStyle } from "../../model/cells";
import { ACTION_BYTES, chunkRows, cost, jsonBytes, type Batcher } from "../../../excel/batch";
import { VALIDATION_ACTIONS, applyStyle, applyValidation, formulaText, styleWrites, widthInPoints } from "./format";
import { literal, type CellContent } from "../../../excel/literals";

export interface Writer {
  readonly context: Excel.RequestContext;
  readonly batch: Batcher;
  /** The description's number formats: money in its currency. */
  readonly formats: NumberFormats;
}

/** Queue a range write of `value` (two actions: the range and the property). */
const reserveWrite = (w: Writer, value: unknown): Promise<void> => w.batch.reserve(cost(value, 2));
/** Queue a style on one range: the range, one action per style write, and `extra` more on that range. */
const reserveStyle = (w: Writer, style: Parameters<typeof styleWrites>[0], extra = 0): Promise<void> =>
  w.batch.reserve((styleWrites(style).length + 1 + extra) * ACTION_BYTES);

// ---- Pure layouts of each block's cells -------------------------------------------------

/** Header row to last data row: what tables.add takes (the total row is added by showTotals). */
export const tableAddress = (block: TableBlock): string => rangeOf(tableHeaderCell(block), 1 + dataRowCount(block), block.columns.length);

export const bodyAddress = (block: TableBlock, from = 0, to = dataRowCount(block)): string =>
  rangeOf(offset(tableHeaderCell(block), 1 + from, 0), to - from, block.columns.length);

export const columnBodyAddress = (block: TableBlock, index: number, rows = dataRowCount(block)): string => rangeOf(offset(tableHeaderCell(block), 1, index), rows, 1);

export const totalRowAddress = (block: TableBlock): string => rangeOf(offset(tableHeaderCell(block), 1 + dataRowCount(block), 0), 1, block.columns.length);

/** A data row's cell for a column: the column's formula, the row's own value or formula, or blank. */
export function tableCell(block: TableBlock, column: TableColumn, rowIndex: number): CellContent {
  if (column.kind === "formula" && column.formula) return formulaText(column.formula);
  const given = block.rows[rowIndex]?.[column.header];
  if (given === undefined) return "";
  return typeof given === "object" ? formulaText(given.formula) : literal(given);
}

export function tableBodyRow(block: TableBlock, rowIndex: number): CellContent[] {
  return block.columns.map((c) => tableCell(block, c, rowIndex));
}

export function totalRow(block: TableBlock): CellContent[] {
  return block.columns.map((c) => {
    if (c.total === "label") return "Total";
    if (c.total === "sum") return `=SUBTOTAL(109,${columnRef(block.name, c.header, false, "grid")})`;
    if (c.total === "average") return `=SUBTOTAL(101,${columnRef(block.name, c.header, false, "grid")})`;
    return "";
  });
}

/** Label, value and note for each labelled cell. */
export function cellBlockBody(block: CellBlock, formats: NumberFormats): { cells: CellContent[][]; formats: string[][] } {
  return {
    cells: block.cells.map((c) => [literal(c.label), "formula" in c.value ? formulaText(c.value.formula) : literal(c.value.input), literal(c.note ?? "")]),
    formats: block.cells.map((c) => ["General", formats[c.format], "General"]),
  };
}

/** The corner and column inputs, then each row input with its formulas. */
export function gridBody(block: GridBlock, formats: NumberFormats): { cells: CellContent[][]; formats: string[][] } {
  return {
    cells: [[literal(block.corner), ...block.columnValues], ...block.rowValues.map((v, i) => [v, ...(block.formulas[i] ?? []).map(formulaText)])],
    formats: [
      ["General", ...block.columnValues.map(() => formats[block.columnFormat])],
      ...block.rowValues.map(() => [formats[block.rowFormat], ...block.columnValues.map(() => formats[block.cellFormat])]),
    ],
  };
}

// ---- Structure ----------------------------------------------------------------------------

/** Tab colour, column widths, title and purpose line. */
export async function writeSheetFrame(w: Writer, sheet: Excel.Worksheet, spec: SheetSpec): Promise<void> {
  await w.batch.reserve(cost(spec.tabColor));
  sheet.tabColor = `#${spec.tabColor}`;
  for (const [i, width] of spec.columnWidths.entries()) {
    await w.batch.reserve(2 * ACTION_BYTES);
    const letters = columnLetters(i + 1);
    sheet.getRange(`${letters}:${letters}`).format.columnWidth = widthInPoints(width);
  }
  const heading = [[literal(spec.name)], [literal(spec.purpose)]];
  await reserveWrite(w, heading);
  sheet.getRange("A1:A2").values = heading;
  await reserveStyle(w, "title");
  applyStyle(sheet.getRange("A1"), "title");
  await reserveStyle(w, "purpose");
  applyStyle(sheet.getRange("A2"), "purpose");
  if (spec.freeze) await writeFreeze(w, sheet, spec.freeze);
  await writePrint(w, sheet, spec.freeze);
}

/** The frozen rows and columns (ExcelApi 1.7): freezeAt takes the top-left block that stays in view. */
async function writeFreeze(w: Writer, sheet: Excel.Worksheet, freeze: Panes): Promise<void> {
  const { rows, columns } = freeze;
  await w.batch.reserve(cost(freeze, 2));
  if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(rangeOf("A1", rows, columns));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
}

/** Landscape, fit to the page's width, the frozen rows atop every page (ExcelApi 1.9). */
async function writePrint(w: Writer, sheet: Excel.Worksheet, freeze: Panes | undefined): Promise<void> {
  const titleRows = freeze?.rows ?? 0;
  await w.batch.reserve(cost(PRINT, titleRows > 0 ? 4 : 3));
  const layout = sheet.pageLayout;
  layout.orientation = PRINT.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom = { horizontalFitToPages: PRINT.pagesWide, verticalFitToPages: PRINT.pagesTall };
  if (titleRows > 0) layout.setPrintTitleRows(`$1:$${titleRows}`);
}

/** The header row and the table object over header and data rows, named as described. */
export async function writeTableFrame(w: Writer, sheet: Excel.Worksheet, block: TableBlock): Promise<Excel.Table> {
  const headers = [block.columns.map((c) => literal(c.header))];
  // Headers are text: set the format first so a header like "2026" stays a header.
  await reserveWrite(w, headers);
  sheet.getRange(rangeOf(tableHeaderCell(block), 1, block.columns.length)).numberFormat = [block.columns.map(() => "@")];
  await reserveWrite(w, headers);
  sheet.getRange(rangeOf(tableHeaderCell(block), 1, block.columns.length)).values = headers;
  await w.batch.reserve(cost(block.name, 4));
  const table = sheet.tables.add(`${tableAddress(block)}`, true);
  table.name = block.name;
  table.showTotals = block.totalRow;
  return table;
}

export async function addDefinedName(w: Writer, sheet: Excel.Worksheet, name: string, address: string, comment: string): Promise<void> {
  await w.batch.reserve(cost([name, address, comment], 3));
  w.context.workbook.names.add(name, sheet.getRange(address), comment);
}

/** Every defined name of a cell block. */
export async function addBlockNames(w: Writer, sheet: Excel.Worksheet, block: CellBlock): Promise<void> {
  for (const [i, cell] of block.cells.entries()) if (cell.name) await addDefinedName(w, sheet, cell.name, valueCell(block, i), cell.label);
}

/** Every defined name on a table column's data cells (the table exists). */
export async function addColumnNames(w: Writer, sheet: Excel.Worksheet, block: TableBlock): Promise<void> {
  for (const [i, column] of block.columns.entries()) if (column.name) await addDefinedName(w, sheet, column.name, columnBodyAddress(block, i), column.header);
}

// ---- Content ------------------------------------------------------------------------------

async function writeHeading(w: Writer, sheet: Excel.Worksheet, anchor: string, heading: string, span: number): Promise<void> {
  await reserveWrite(w, heading);
  sheet.getRange(anchor).values = [[literal(heading)]];
  await reserveStyle(w, "heading");
  applyStyle(sheet.getRange(rangeOf(anchor, 1, Math.max(1, span))), "heading");
}

export async function writeCellBlock(w: Writer, sheet: Excel.Worksheet, block: CellBlock): Promise<void> {
  await writeHeading(w, sheet, block.anchor, block.heading, 3);
  if (block.cells.length === 0) return;
  const body = cellBlockBody(block, w.formats);
  const area = rangeOf(offset(block.anchor, 1, 0), block.cells.length, 3);
  // Formats before contents: a value typed into a text cell stays text.
  await reserveWrite(w, body.formats);
  sheet.getRange(area).numberFormat = body.formats;
  await reserveWrite(w, body.cells);
  sheet.getRange(area).formulas = body.cells;
  for (const [i, cell] of block.cells.entries()) await writeLabelledCellLook(w, sheet, block, i, cell.style);
  await reserveStyle(w, "note");
  applyStyle(sheet.getRange(rangeOf(offset(block.anchor, 1, 2), block.cells.length, 1)), "note");
}

async function writeLabelledCellLook(w: Writer, sheet: Excel.Worksheet, block: CellBlock, index: number, style: "input" | "output"): Promise<void> {
  const cell = block.cells[index];
  if (!cell) return;
  const address = valueCell(block, index);
  await reserveStyle(w, style);
  applyStyle(sheet.getRange(address), style);
  if (cell.validation) {
    await w.batch.reserve(cost(cell.validation, VALIDATION_ACTIONS + 1));
    applyValidation(sheet.getRange(address), cell.validation, cell.label);
  }
}

/** A table's data rows, total row, column looks and validation (the table object exists). */
export async function writeTableContent(w: Writer, sheet: Excel.Worksheet, block: TableBlock): Promise<void> {
  await writeHeading(w, sheet, block.anchor, block.heading, block.columns.length);
  await writeColumnHeaders(w, sheet, block);
  const rows = dataRowCount(block);
  const formats = block.columns.map((c) => w.formats[c.format]);
  const bodyRows = Array.from({ length: rows }, (_, r) => tableBodyRow(block, r));
  const rowBytes = bodyRows.map((row) => jsonBytes(row) + jsonBytes(formats));
  // A quarter of the budget per write: a chunk never fills a request on its own.
  for (const [from, to] of chunkRows(rowBytes, w.batch.budget / 4)) {
    const address = bodyAddress(block, from, to);
    const chunkFormats = bodyRows.slice(from, to).map(() => formats);
    await reserveWrite(w, chunkFormats);
    sheet.getRange(address).numberFormat = chunkFormats;
    const chunk = bodyRows.slice(from, to);
    await reserveWrite(w, chunk);
    sheet.getRange(address).formulas = chunk;
  }
  if (block.totalRow) {
    const total = totalRow(block);
    await w.batch.reserve(cost([formats, total], 4));
    sheet.getRange(totalRowAddress(block)).numberFormat = [formats];
    sheet.getRange(totalRowAddress(block)).formulas = [total];
  }
  for (const [i, column] of block.columns.entries()) await writeColumnLook(w, sheet, block, i, column);
  const examples = Math.min(block.exampleRows, block.rows.length);
  if (examples > 0) {
    const marker = block.columns.findIndex((c) => c.header === "Example");
    const range = marker >= 0 ? columnBodyAddress(block, marker, examples) : bodyAddress(block, 0, examples);
    await reserveStyle(w, "example");
    applyStyle(sheet.getRange(range), "example");
  }
}

/**
 * The header row wraps in its narrow columns. Excel grows a row for wrapped text by itself
 * when the row's height was never set; autofitting the row asks for it outright, as one more
 * queued action on the same range (no sync). The header row holds nothing else to measure.
 */
async function writeColumnHeaders(w: Writer, sheet: Excel.Worksheet, block: TableBlock): Promise<void> {
  await reserveStyle(w, "columnHeader", 1);
  const range = sheet.getRange(rangeOf(tableHeaderCell(block), 1, block.columns.length));
  applyStyle(range, "columnHeader");
  range.format.autofitRows();
}

async function writeColumnLook(w: Writer, sheet: Excel.Worksheet, block: TableBlock, index: number, column: TableColumn): Promise<void> {
  const range = columnBodyAddress(block, index);
  // Runs of rows that look alike: a row's own formula in a column of given values is an output.
  const looks = Array.from({ length: dataRowCount(block) }, (_, r) => {
    const style = tableCellStyle(column, block.rows[r]?.[column.header]);
    return style === "example" ? "input" : style;
  });
  for (let from = 0; from < looks.length; ) {
    let to = from + 1;
    while (to < looks.length && looks[to] === looks[from]) to++;
    const style = looks[from] ?? "input";
    await reserveStyle(w, style);
    applyStyle(sheet.getRange(rangeOf(offset(tableHeaderCell(block), 1 + from, index), to - from, 1)), style);
    from = to;
  }
  if (column.validation) {
    await w.batch.reserve(cost(column.validation, VALIDATION_ACTIONS + 1));
    applyValidation(sheet.getRange(range), column.validation, column.header);
  }
}

export async function writeGrid(w: Writer, sheet: Excel.Worksheet, block: GridBlock): Promise<void> {
  await writeHeading(w, sheet, block.anchor, block.heading, 1 + block.columnValues.length);
  const body = gridBody(block, w.formats);
  const corner = gridCorner(block);
  const area = rangeOf(corner, 1 + block.rowValues.length, 1 + block.columnValues.length);
  await reserveWrite(w, body.formats);
  sheet.getRange(area).numberFormat = body.formats;
  await reserveWrite(w, body.cells);
  sheet.getRange(area).formulas = body.cells;
  const styled: [string, "input" | "output" | "label"][] = [
    [rangeOf(offset(corner, 0, 1), 1, block.columnValues.length), "input"],
    [rangeOf(offset(corner, 1, 0), block.rowValues.length, 1), "input"],
    [rangeOf(offset(corner, 1, 1), block.rowValues.length, block.columnValues.length), "output"],
  ];
  for (const [range, style] of styled) {
    await reserveStyle(w, style);
    applyStyle(sheet.getRange(range), style);
  }
}

export async function writeChart(w: Writer, sheet: Excel.Worksheet, block: ChartBlock): Promise<void> {
  const more = block.moreSeries ?? [];
  await w.batch.reserve(cost(block, 10 + 3 * more.length));
  const chart = sheet.charts.add(`${block.type === "bar" ? "Bar" : "Column"}${block.stacked ? "Stacked" : "Clustered"}`, sheet.getRange(block.values), "Columns");
  chart.title.text = block.title;
  // One series is named by the title; several need a legend to tell them apart.
  chart.legend.visible = more.length > 0;
  const series = chart.series.getItemAt(0);
  series.name = block.seriesName;
  series.setXAxisValues(sheet.getRange(block.categories));
  // Each further series added and given its range (ExcelApi 1.7), not left to Excel's guess at a wider source range.
  for (const s of more) {
    const added = chart.series.add(s.name);
    added.setValues(sheet.getRange(s.values));
    added.setXAxisValues(sheet.getRange(block.categories));
  }
  chart.setPosition(block.from, block.to);
}

export async function writeConditionalFormat(w: Writer, sheet: Excel.Worksheet, cf: ConditionalFormat): Promise<void> {
  const range = sheet.getRange(cf.range);
  for (const [priority, rule] of cf.rules.entries()) {
    const formula = formulaText(rule.when);
    await w.batch.reserve(cost(formula, 7));
    const format = range.conditionalFormats.add("Custom");
    format.custom.rule.formula = formula;
    format.custom.format.fill.color = `#${rule.fill}`;
    format.custom.format.font.color = `#${rule.font}`;
    // First match wins, in the description's order.
    format.stopIfTrue = true;
    format.priority = priority;
  }
}

/** The whole of several sheets: structure on every sheet first, then content. */
export async function writeSheets(w: Writer, targets: readonly { readonly sheet: Excel.Worksheet; readonly spec: SheetSpec }[]): Promise<void> {
  for (const { sheet, spec } of targets) await writeSheetFrame(w, sheet, spec);
  for (const { sheet, spec } of targets) for (const block of spec.blocks) if (block.kind === "table") await writeTableFrame(w, sheet, block);
  for (const { sheet, spec } of targets) for (const block of spec.blocks) if (block.kind === "cells") await addBlockNames(w, sheet, block);
  for (const { sheet, spec } of targets) for (const block of spec.blocks) if (block.kind === "table") await addColumnNames(w, sheet, block);
  for (const { sheet, spec } of targets) {
    for (const block of spec.blocks) {
      if (block.kind === "cells") await writeCellBlock(w, sheet, block);
      else if (block.kind === "table") await writeTableContent(w, sheet, block);
      else if (block.kind === "grid") await writeGrid(w, sheet, block);
    }
  }
  // Charts and conditional formats refer to cells the content phase filled.
  for (const { sheet, spec } of targets) {
    for (const block of spec.blocks) if (block.kind === "chart") await writeChart(w, sheet, block);
    for (const cf of spec.conditionalFormats) await writeConditionalFormat(w, sheet, cf);
  }
}

/**
 * The file writer: the description saved as an .xlsx, with exceljs for cells, styles,
 * names, validation and conditional formats, and jszip for what exceljs cannot write
 * (table formula columns and totals, first-match-wins colour rules, the chart). It holds
 * no layout: cells land where cells.ts and layout.ts put them. Runs in the browser too
 * (the pane's download), so nothing here needs Node.
 *
 * Formulas call the AWU functions, or with `portable` are expanded into native Excel
 * (portable.ts); a call with no native formula is written as the value the engine computes
 * from the description's own inputs, with a note saying so. Every formula also carries
 * that computed value as its cached result, for viewers that do not recalculate; Excel
 * recalculates the whole workbook on opening. In the AWU workbook every AWU call is stored
 * as Excel stores a custom function (`_xldudf_AWU_FLEXCOST(`), so Excel binds it to the
 * add-in, and the add-in's task pane is persisted to open with the file.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { EXCEL_CELL_LIMITS } from "../../excel/literals";
import { address, offset, parseAddress } from "../model/address";
import { sheetCells, type PlacedCell } from "../model/cells";
import { workbookEvaluator, CellError, type ExcelValue, type WorkbookEvaluator } from "../render/evaluator";
import { FILE, columnRef, renderExpr, sheetPrefix, type Expr, type RenderOptions } from "../model/formula";
import { dataRowCount, tableColumnRange, tableHeaderCell, tableRange, valueCell } from "../model/layout";
import { PRINT, STYLES, type Block, type CellStyle, type NumberFormats, type SheetSpec, type TableBlock, type TemplateDescription, type Validation } from "../model/description";
import { NotPortable, PORTABLE_FILE } from "../render/portable";
import { portableDescription, withBuiltResults } from "../render/live";
import { addCharts, addContentType, addRelationship, escapeXml, orderWorksheetTail, readText, sheetPaths, type PlacedChart } from "./chart";

export interface WriteOptions {
  /** Expand every AWU call into native Excel, so the file works without the add-in. */
  readonly portable: boolean;
  /** Cache each formula's computed result in the file (default true). */
  readonly cachedResults?: boolean;
  /** The clock TODAY() and NOW() read for computed values (tests pin it). */
  readonly now?: () => Date;
}

/** Excel's limits on a validation prompt's title and message. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const argb = (rgb: string): string => `FF${rgb.toUpperCase()}`;

/** Subtotal function numbers of a table's total row: the sum or average of the visible rows. */
const SUBTOTAL = { sum: 109, average: 101 } as const;

function styleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const s = STYLES[style];
  const font: Partial<ExcelJS.Font> = {};
  if (s.bold) font.bold = true;
  if (s.italic) font.italic = true;
  if (s.size) font.size = s.size;
  if (s.font) font.color = { argb: argb(s.font) };
  return {
    font,
    ...(s.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } } as ExcelJS.Fill } : {}),
    // No row height is set anywhere in this writer, so Excel and LibreOffice size a row of wrapped headers to fit.
    ...(s.wrap || s.vertical ? { alignment: { ...(s.wrap ? { wrapText: true } : {}), ...(s.vertical ? { vertical: s.vertical } : {}) } } : {}),
  };
}

function validationOf(v: Validation, title: string): ExcelJS.DataValidation {
  const messages = {
    showInputMessage: true,
    promptTitle: clip(title, 32),
    prompt: clip(v.prompt, 255),
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: clip(title, 32),
    error: clip(v.prompt, 255),
  };
  if (v.kind === "list") {
    if (v.source !== undefined) return { type: "list", allowBlank: true, formulae: [v.source], ...messages };
    // The list is one comma-separated string: a comma inside a choice would split it.
    if (v.choices.some((c) => c.includes(","))) throw new Error(`A drop-down choice cannot contain a comma: ${v.choices.join(" | ")}`);
    return { type: "list", allowBlank: true, formulae: [`"${v.choices.join(",").replace(/"/g, '""')}"`], ...messages };
  }
  const { min, max } = v;
  const bounds: Pick<ExcelJS.DataValidation, "operator" | "formulae"> =
    min !== undefined && max !== undefined
      ? { operator: "between", formulae: [min, max] }
      : min !== undefined
        ? { operator: "greaterThanOrEqual", formulae: [min] }
        : max !== undefined
          ? { operator: "lessThanOrEqual", formulae: [max] }
          : { operator: "between", formulae: v.kind === "whole" ? [-2147483648, 2147483647] : [-EXCEL_CELL_LIMITS.largestNumber, EXCEL_CELL_LIMITS.largestNumber] };
  return { type: v.kind, allowBlank: true, ...bounds, ...messages };
}

/** A computed value as exceljs caches it: errors as error values; nothing for an empty result. */
function resultOf(value: ExcelValue): ExcelJS.CellFormulaValue["result"] {
  if (value instanceof CellError) return { error: value.code };
  return value === null ? undefined : value;
}

/** The prompt title of each validated cell: a labelled cell's label, a table cell's column header. */
function validationTitles(sheet: SheetSpec): Map<string, string> {
  const titles = new Map<string, string>();
  for (const block of sheet.blocks) {
    if (block.kind === "cells") block.cells.forEach((c, i) => titles.set(valueCell(block, i), c.label));
    if (block.kind === "table")
      block.columns.forEach((c, i) => {
        for (let r = 0; r < dataRowCount(block); r++) titles.set(offset(tableHeaderCell(block), 1 + r, i), c.header);
      });
  }
  return titles;
}

/** How many columns a block's heading row spans, so the heading band covers the block. */
function headingSpan(block: Block): number {
  switch (block.kind) {
    case "cells":
      return 3;
    case "table":
      return block.columns.length;
    case "grid":
      return 1 + block.columnValues.length;
    case "chart":
      return 0;
  }
}

/** What each table's part of the package must say beyond exceljs: formula columns, total functions. */
interface TableSpec {
  readonly block: TableBlock;
  /** Formula text per column written as the same formula in every row; undefined where rows hold values. */
  readonly columnFormulas: readonly (string | undefined)[];
}

/** The table part: range, filter, columns with their formulas and total-row functions, style. */
function tableXml(id: string, spec: TableSpec): string {
  const { block } = spec;
  const ref = tableRange(block);
  const [from] = ref.split(":") as [string];
  const filterRef = `${from}:${offset(tableHeaderCell(block), dataRowCount(block), block.columns.length - 1)}`;
  const columns = block.columns.map((column, i) => {
    const attributes = [`id="${i + 1}"`, `name="${escapeXml(column.header)}"`];
    if (block.totalRow && column.total === "label") attributes.push(`totalsRowLabel="Total"`);
    if (block.totalRow && (column.total === "sum" || column.total === "average")) attributes.push(`totalsRowFunction="${column.total}"`);
    const formula = spec.columnFormulas[i];
    return formula === undefined
      ? `<tableColumn ${attributes.join(" ")}/>`
      : `<tableColumn ${attributes.join(" ")}><calculatedColumnFormula>${escapeXml(formula)}</calculatedColumnFormula></tableColumn>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`,
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeXml(block.name)}" displayName="${escapeXml(block.name)}" ref="${ref}" headerRowCount="1"`,
    block.totalRow ? ` totalsRowCount="1">` : ` totalsRowShown="0">`,
    `<autoFilter ref="${filterRef}"/>`,
    `<tableColumns count="${block.columns.length}">${columns.join("")}</tableColumns>`,
    `<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>`,
    `</table>`,
  ].join("");
}

/** Replaces each table part exceljs wrote with the full one (found by table name). */
async function rewriteTables(zip: JSZip, tables: readonly TableSpec[]): Promise<void> {
  const byName = new Map(tables.map((t) => [t.block.name, t]));
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await readText(zip, path);
    const name = /<table\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1];
    const id = /<table\b[^>]*\bid="([^"]*)"/.exec(xml)?.[1];
    const spec = name === undefined ? undefined : byName.get(name);
    if (spec && id) zip.file(path, tableXml(id, spec));
  }
}

/**
 * Each worksheet as Excel wants it: colour rules stop at the first that matches, as the
 * description orders them (exceljs has no stopIfTrue), and the last elements in schema order.
 */
async function fixWorksheets(zip: JSZip): Promise<void> {
  for (const path of (await sheetPaths(zip)).values()) {
    const xml = await readText(zip, path);
    zip.file(path, orderWorksheetTail(xml.replace(/<cfRule (?![^>]*stopIfTrue)/g, '<cfRule stopIfTrue="1" ')));
  }
}

/** Excel's default column width, characters; a line of 11-point text, points. */
const DEFAULT_COLUMN_WIDTH = 8.43;
const LINE_HEIGHT_POINTS = 15;
/** Bold header text is wider than the digits a column width counts, and fonts differ by viewer: fill lines to 85 %. */
const HEADER_FILL = 0.85;

/** The lines a header takes when wrapped at words in a column `width` characters wide. */
export function wrappedLines(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width * HEADER_FILL));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    // A word longer than the line breaks across lines, as Excel breaks it.
    const length = word.length;
    if (used === 0) {
      lines += Math.ceil(length / capacity) - 1;
      used = length % capacity || capacity;
    } else if (used + 1 + length <= capacity) used += 1 + length;
    else {
      lines += Math.ceil(length / capacity);
      used = length % capacity || capacity;
    }
  }
  return lines;
}

/** Writes one sheet's cells, names, validation and colour rules; returns its tables and charts for the package step. */
function writeSheet(
  workbook: ExcelJS.Workbook,
  sheet: SheetSpec,
  formats: NumberFormats,
  render: RenderOptions,
  computed: () => WorkbookEvaluator,
  cache: boolean,
  cfPriority: { next: number },
): { tables: TableSpec[]; charts: PlacedChart[] } {
  const freeze = sheet.freeze;
  const ws = workbook.addWorksheet(sheet.name, {
    properties: { tabColor: { argb: argb(sheet.tabColor) } },
    ...(freeze ? { views: [{ state: "frozen", xSplit: freeze.columns, ySplit: freeze.rows }] } : {}),
    pageSetup: {
      orientation: PRINT.orientation,
      fitToPage: true,
      fitToWidth: PRINT.pagesWide,
      fitToHeight: PRINT.pagesTall,
      ...(freeze && freeze.rows > 0 ? { printTitlesRow: `1:${freeze.rows}` } : {}),
    },
  });
  sheet.columnWidths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });

  // Tables first: exceljs writes their header and placeholder rows, which the cells below overwrite.
  const tableBlocks = sheet.blocks.filter((b): b is TableBlock => b.kind === "table");
  for (const block of tableBlocks)
    ws.addTable({
      name: block.name,
      ref: tableHeaderCell(block),
      headerRow: true,
      totalsRow: block.totalRow,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: block.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: Array.from({ length: dataRowCount(block) }, () => block.columns.map(() => null)),
    });

  // A column keeps its table formula only if every row could be written as that formula.
  const notPortableColumns = new Set<string>();
  const titles = validationTitles(sheet);
  const formulaText = (expr: Expr): string => renderExpr(expr, render);

  const writeCell = (placed: PlacedCell): void => {
    const target = ws.getCell(placed.address);
    if (placed.style) target.style = { ...target.style, ...styleOf(placed.style) };
    if (placed.format) target.numFmt = formats[placed.format];
    if (placed.validation) target.dataValidation = validationOf(placed.validation, titles.get(placed.address) ?? "");
    if (!("formula" in placed.content)) {
      target.value = placed.content.value;
      return;
    }
    const total = placed.table?.part === "total" ? totalFormula(placed) : undefined;
    let text: string;
    try {
      text = total ?? formulaText(placed.content.formula);
    } catch (error) {
      if (!(error instanceof NotPortable)) throw error;
      const value = computed().cell(sheet.name, placed.address);
      target.value = value instanceof CellError ? { error: value.code } : value;
      target.note = `A value, not a formula: ${error.message} The value was computed by AWU Budget when this file was written.`;
      if (placed.table?.part === "data") notPortableColumns.add(`${placed.table.name}:${parseAddress(placed.address).column}`);
      return;
    }
    const result = cache ? resultOf(computed().cell(sheet.name, placed.address)) : undefined;
    target.value = result === undefined ? { formula: text, date1904: false } : { formula: text, result, date1904: false };
  };

  /** A total-row cell as Excel writes a table total: SUBTOTAL over the column's visible rows. */
  const totalFormula = (placed: PlacedCell): string | undefined => {
    const block = tableBlocks.find((b) => b.name === placed.table?.name);
    if (!block) return undefined;
    const column = block.columns[parseAddress(placed.address).column - parseAddress(tableHeaderCell(block)).column];
    if (!column || (column.total !== "sum" && column.total !== "average")) return undefined;
    return `SUBTOTAL(${SUBTOTAL[column.total]},${columnRef(block.name, column.header, false, "file")})`;
  };

  // exceljs gives a table's first total cell the label "Total": the description says which cells hold what.
  for (const block of tableBlocks)
    if (block.totalRow)
      block.columns.forEach((_, i) => {
        ws.getCell(offset(tableHeaderCell(block), 1 + dataRowCount(block), i)).value = null;
      });
  for (const placed of sheetCells(sheet)) writeCell(placed);

  // Header rows tall enough for their wrapped headers: Excel sizes an unset row itself, other viewers may not.
  for (const block of tableBlocks) {
    const first = parseAddress(tableHeaderCell(block)).column;
    const lines = Math.max(...block.columns.map((c, i) => wrappedLines(c.header, sheet.columnWidths[first - 1 + i] ?? DEFAULT_COLUMN_WIDTH)));
    if (lines > 1) ws.getRow(parseAddress(tableHeaderCell(block)).row).height = lines * LINE_HEIGHT_POINTS;
  }

  // The heading band spans its block.
  for (const block of sheet.blocks)
    if (block.kind !== "chart") for (let i = 1; i < headingSpan(block); i++) ws.getCell(offset(block.anchor, 0, i)).style = styleOf("heading");

  for (const block of sheet.blocks)
    if (block.kind === "cells")
      block.cells.forEach((c, i) => {
        if (c.name) workbook.definedNames.add(`${sheetPrefix(sheet.name)}${address(parseAddress(valueCell(block, i)), { row: true, column: true })}`, c.name);
      });
  // A named table column: the name is on its data cells.
  for (const block of tableBlocks) for (const c of block.columns) if (c.name) workbook.definedNames.add(`${sheetPrefix(sheet.name)}${tableColumnRange(block, c.header)}`, c.name);

  for (const cf of sheet.conditionalFormats)
    ws.addConditionalFormatting({
      ref: cf.range.replace(/\$/g, ""),
      rules: cf.rules.map((rule) => {
        let formula: string;
        try {
          formula = formulaText(rule.when);
        } catch (error) {
          // A colour rule is a formula or nothing: there is no value to write instead.
          if (error instanceof NotPortable) throw new Error(`The colour rule on ${sheet.name}!${cf.range} cannot be written portably: ${error.message}`, { cause: error });
          throw error;
        }
        return {
          type: "expression",
          priority: cfPriority.next++,
          formulae: [formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) } },
            font: { color: { argb: argb(rule.font) } },
          },
        };
      }),
    });

  const tables = tableBlocks.map((block): TableSpec => {
    const header = parseAddress(tableHeaderCell(block));
    return {
      block,
      columnFormulas: block.columns.map((c) => {
        if (c.kind !== "formula" || !c.formula || notPortableColumns.has(`${block.name}:${header.column + block.columns.indexOf(c)}`)) return undefined;
        return formulaText(c.formula);
      }),
    };
  });

  const charts = sheet.blocks.flatMap((block): PlacedChart[] => {
    if (block.kind !== "chart") return [];
    const column = (range: string): ExcelValue[] => {
      const [from, to] = range.split(":") as [string, string];
      const a = parseAddress(from);
      const b = parseAddress(to);
      const out: ExcelValue[] = [];
      for (let row = a.row; row <= b.row; row++) for (let col = a.column; col <= b.column; col++) out.push(computed().cell(sheet.name, address({ row, column: col })));
      return out;
    };
    const formatOf = (range: string): string => {
      const first = range.split(":")[0]?.replace(/\$/g, "") ?? "";
      const cell = sheetCells(sheet).find((c) => c.address === first);
      return cell?.format ? formats[cell.format] : "General";
    };
    const valueFormat = formatOf(block.values);
    const categoryValues = column(block.categories);
    const numericCategories = categoryValues.length > 0 && categoryValues.every((v) => typeof v === "number");
    return [
      {
        sheet: sheet.name,
        block,
        valueFormat,
        ...(numericCategories ? { categoryFormat: formatOf(block.categories) } : {}),
        cache: {
          categories: categoryValues.map((v) => (v === null || v instanceof CellError ? "" : String(v))),
          values: column(block.values).map((v) => (typeof v === "number" ? v : null)),
          moreValues: (block.moreSeries ?? []).map((s) => column(s.values).map((v) => (typeof v === "number" ? v : null))),
        },
      },
    ];
  });
  return { tables, charts };
}

/**
 * The add-in as the AWU workbook names it, so that Excel opens its task pane with the file
 * (Microsoft's "Automatically open a task pane with a document"): manifest.xml's Id and
 * Version (test/manifest.test.ts ties them), in the catalog of a Centralized Deployment from
 * the Microsoft 365 admin center, the store Microsoft documents for testing auto-open.
 */
export const ADD_IN_REFERENCE = { id: "47c1ec83-37cd-4d8a-b9ea-8378d2c94165", version: "1.0.0.0", store: "EXCatalog", storeType: "EXCatalog" } as const;

/** The web-extension part's own instance id (any GUID; fixed so that the same description writes the same file). */
const WEB_EXTENSION_INSTANCE = "{147CABCA-5C08-4530-906F-CB8666892464}";

/** The property a web extension carries to open its pane with the document (MS-OWEMXML ShowTaskpane). */
export const AUTO_SHOW_TASKPANE = "Office.AutoShowTaskpaneWithDocument";

/** The parts, relationship types and content types of an add-in persisted in a package ([MS-OWEXML]). */
export const WEB_EXTENSION = {
  taskpanesPart: "xl/webextensions/taskpanes.xml",
  extensionPart: "xl/webextensions/webextension1.xml",
  taskpanesRelationship: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
  extensionRelationship: "http://schemas.microsoft.com/office/2011/relationships/webextension",
  taskpanesContentType: "application/vnd.ms-office.webextensiontaskpanes+xml",
  extensionContentType: "application/vnd.ms-office.webextension+xml",
} as const;

/**
 * Persists the add-in's task pane in the package, tagged to open with the document. Visibility
 * 0: where the add-in is installed the pane opens; elsewhere Excel ignores the tag rather than
 * prompting to install from a catalog the user may not have.
 */
async function addTaskpane(zip: JSZip): Promise<void> {
  const { id, version, store, storeType } = ADD_IN_REFERENCE;
  zip.file(
    WEB_EXTENSION.extensionPart,
    [
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`,
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="${WEB_EXTENSION_INSTANCE}">`,
      `<we:reference id="${id}" version="${version}" store="${store}" storeType="${storeType}"/>`,
      `<we:alternateReferences/>`,
      `<we:properties><we:property name="${AUTO_SHOW_TASKPANE}" value="true"/></we:properties>`,
      `<we:bindings/>`,
      `<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>`,
      `</we:webextension>`,
    ].join(""),
  );
  const relId = await addRelationship(zip, WEB_EXTENSION.taskpanesPart, WEB_EXTENSION.extensionRelationship, "webextension1.xml");
  zip.file(
    WEB_EXTENSION.taskpanesPart,
    [
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`,
      `<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">`,
      `<wetp:taskpane dockstate="right" visibility="0" width="350" row="4">`,
      `<wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${relId}"/>`,
      `</wetp:taskpane>`,
      `</wetp:taskpanes>`,
    ].join(""),
  );
  await addRelationship(zip, "", WEB_EXTENSION.taskpanesRelationship, WEB_EXTENSION.taskpanesPart);
  await addContentType(zip, WEB_EXTENSION.taskpanesPart, WEB_EXTENSION.taskpanesContentType);
  await addContentType(zip, WEB_EXTENSION.extensionPart, WEB_EXTENSION.extensionContentType);
}

/** The description as an .xlsx package. */
export async function writeWorkbook(template: TemplateDescription, options: WriteOptions): Promise<Uint8Array> {
  const render: RenderOptions = options.portable ? PORTABLE_FILE : FILE;
  // The portable file computes what the pane would refresh, and lists on each sheet the figures it writes as values.
  const description = options.portable ? portableDescription(template) : withBuiltResults(template);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "AWU Budget";
  workbook.title = "AWU Budget";
  workbook.subject = `AWU Budget template ${description.version}${options.portable ? " (portable)" : ""}`;
  // Excel recomputes every formula on opening: cached results are only for viewers that don't.
  workbook.calcProperties.fullCalcOnLoad = true;

  let evaluator: WorkbookEvaluator | undefined;
  const computed = (): WorkbookEvaluator => (evaluator ??= workbookEvaluator(description, options.now ? { now: options.now } : {}));
  const cfPriority = { next: 1 };
  const tables: TableSpec[] = [];
  const charts: PlacedChart[] = [];
  for (const sheet of description.sheets) {
    const written = writeSheet(workbook, sheet, description.formats, render, computed, options.cachedResults ?? true, cfPriority);
    tables.push(...written.tables);
    charts.push(...written.charts);
  }

  const zip = await JSZip.loadAsync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  await rewriteTables(zip, tables);
  await fixWorksheets(zip);
  await addCharts(zip, charts);
  // Only the AWU workbook needs the add-in; the portable file opens anywhere without it.
  if (!options.portable) await addTaskpane(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

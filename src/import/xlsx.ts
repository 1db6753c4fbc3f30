/**
 * An .xlsx usage log as a table: the worksheet chosen, else the first whose header the
 * importer recognises (a timestamp and a units column), else the first; read with exceljs. Cells keep their
 * type (numbers, booleans, dates), so nothing is re-parsed from display text; a formula cell
 * gives its cached result. The pane imports this module only when an .xlsx is chosen, so
 * exceljs stays out of its first load.
 *
 * Bounded before exceljs builds its model: the worksheets' XML is streamed once and its
 * `<c>` elements (the cells the sheets really hold, not the `<dimension>` they declare)
 * counted against XLSX_LIMITS, so a few hostile bytes (one value in XFD1048576) are refused
 * in milliseconds instead of walking 17 billion cells. Reading then visits only the cells
 * present: its time and memory follow the cells, not the sheet's extent.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ImportRefusal } from "../messages/import";
import { proposeMapping } from "./mapping";
import { clipRaw, tableOf, type SourceRow, type SourceTable } from "./source";
import { cellText, type Cell } from "./values";

/**
 * How much of an .xlsx is read.
 * - columns: a usage log has tens of columns; 1,024 (column AMJ) is far beyond any export
 *   seen and keeps each row's cells few, so a stray value far to the right is refused, not
 *   read as a row of 16,384 cells.
 * - cells: exceljs keeps about 330 bytes a cell (measured: 1,000,000 cells, 327 MB), so
 *   2,000,000 cells is about 660 MB of the pane's memory: a 10-column log of 200,000 rows.
 *   Counted over every sheet (exceljs reads them all), and for the log's sheet as each row
 *   from column A to its last value (what the table holds).
 */
export const XLSX_LIMITS = { columns: 1_024, cells: 2_000_000 } as const;

/** An exceljs cell value as a plain cell: rich text joined, hyperlinks as their text, formulas as their result, errors as their text. */
function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : null;
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    return typeof result === "object" && !(result instanceof Date) ? result.error : result;
  }
  return null;
}

/** A raw row for the Rejects table: the cells as CSV would write them. */
const rawOf = (cells: readonly Cell[]): string => clipRaw(cells.map((c) => (/[",\n]/.test(cellText(c)) ? `"${cellText(c).replace(/"/g, '""')}"` : cellText(c))).join(","));

// ---- Bounding the sheets from the cells they hold -------------------------------------------

/** The worksheet parts exceljs reads (its own pattern, so both see the same parts). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml$/;

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const unescapeXml = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e.startsWith("#")) return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? "";
  });

const attribute = (attrs: string, name: RegExp): string | undefined => name.exec(attrs)?.[1];
const entryName = (entry: JSZip.JSZipObject): string => entry.name.replace(/^\//, "");

/** A worksheet of the workbook: its part in the zip and its name. */
interface SheetPart {
  readonly part: string;
  readonly name: string;
}

/** The workbook's worksheets in its order (exceljs's worksheets), from workbook.xml and its relationships; chart sheets left out. */
async function worksheetsOf(zip: JSZip): Promise<SheetPart[]> {
  const parts = Object.values(zip.files);
  const read = (name: string): Promise<string> | undefined => parts.find((e) => entryName(e) === name)?.async("string");
  const [workbook, rels] = await Promise.all([read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels")]);
  if (workbook === undefined || rels === undefined) return [];
  const targets = new Map<string, string>();
  for (const [, attrs = ""] of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(attrs, /\sId="([^"]*)"/);
    const target = attribute(attrs, /\sTarget="([^"]*)"/);
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: SheetPart[] = [];
  for (const [, attrs = ""] of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const part = targets.get(attribute(attrs, /\s[\w.-]+:id="([^"]*)"/) ?? "");
    // A chart sheet is no worksheet.
    if (part !== undefined && WORKSHEET_PART.test(part)) sheets.push({ part, name: unescapeXml(attribute(attrs, /\sname="([^"]*)"/) ?? "") });
  }
  return sheets;
}

/** Where one worksheet's values lie, from its `<c>` elements. */
interface Extent {
  /** `<c>` elements, valued or not (exceljs makes an object of each). */
  cells: number;
  /** Σ over rows of the row's last valued column: the cells the table would hold. */
  area: number;
  lastColumn: number;
  lastRow: number;
}

/** A row or cell start tag; a cell's own `/>` end says it holds nothing. */
const TAG = /<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>/g;
const REF = /\sr="([A-Z]*)(\d+)"/;

/** The sheet part's JSZip stream (documented as ZipObject.internalStream; missing from jszip's typings). */
type Streamable = { internalStream(type: "uint8array"): JSZip.JSZipStreamHelper<Uint8Array> };

/**
 * Streams a worksheet part and measures its cells, stopping as soon as `over` says the
 * budget is spent: linear in the XML, one chunk in memory at a time.
 */
function scanSheet(entry: JSZip.JSZipObject, over: (cells: number, area: number) => boolean): Promise<Extent> {
  return new Promise((resolve, reject) => {
    const extent: Extent = { cells: 0, area: 0, lastColumn: 0, lastRow: 0 };
    const decoder = new TextDecoder();
    let carry = "";
    let row = 0;
    let column = 0;
    let rowLast = 0;
    let stopped = false;
    const endRow = (): void => {
      extent.area += rowLast;
      rowLast = 0;
    };
    const take = (text: string): boolean => {
      for (const [, tag, attrs = ""] of text.matchAll(TAG)) {
        const ref = REF.exec(attrs);
        if (tag === "row") {
          endRow();
          row = ref ? Number(ref[2]) : row + 1;
          column = 0;
          continue;
        }
        // Without r a cell follows the one before it (the r attributes are optional in the format).
        column = ref?.[1] ? columnNumber(ref[1]) : column + 1;
        if (ref) row = Number(ref[2]);
        extent.cells++;
        if (!attrs.endsWith("/")) {
          rowLast = Math.max(rowLast, column);
          extent.lastColumn = Math.max(extent.lastColumn, column);
          extent.lastRow = Math.max(extent.lastRow, row);
        }
        if (over(extent.cells, extent.area + rowLast)) return false;
      }
      return true;
    };
    const stream = (entry as unknown as Streamable).internalStream("uint8array");
    stream
      .on("data", (chunk) => {
        if (stopped) return;
        const text = carry + decoder.decode(chunk, { stream: true });
        // A tag cut by the chunk's end waits for the next chunk.
        const open = text.lastIndexOf("<");
        const cut = open >= 0 && text.indexOf(">", open) < 0 ? open : text.length;
        carry = text.slice(cut);
        if (take(text.slice(0, cut))) return;
        stopped = true;
        stream.pause();
        endRow();
        resolve(extent);
      })
      .on("error", reject)
      .on("end", () => {
        if (stopped) return;
        take(carry + decoder.decode());
        endRow();
        resolve(extent);
      })
      .resume();
  });
}

/** The worksheets and where each one's values lie; or why the workbook is not read at all (more cells than the budget). */
interface Measured {
  readonly sheets: readonly SheetPart[];
  readonly extents: ReadonlyMap<string, Extent>;
}

type Limits = { readonly columns: number; readonly cells: number };

/** Every worksheet part streamed once, its cells counted against the budget (exceljs reads them all), stopping as soon as it is spent. */
async function measure(zip: JSZip, limits: Limits): Promise<Measured | ImportRefusal> {
  const sheets = await worksheetsOf(zip);
  const order = new Map(sheets.map((s, i) => [s.part, i]));
  const entries = Object.values(zip.files).filter((e) => !e.dir && WORKSHEET_PART.test(entryName(e)));
  // The workbook's own sheets first, in its order; parts it does not list after them (their cells count all the same).
  entries.sort((a, b) => (order.get(entryName(a)) ?? Infinity) - (order.get(entryName(b)) ?? Infinity));
  const extents = new Map<string, Extent>();
  let before = 0;
  for (const entry of entries) {
    const extent = await scanSheet(entry, (cells) => before + cells > limits.cells);
    if (before + extent.cells > limits.cells) return { code: "tooManyCells", cells: before + extent.cells, limit: limits.cells };
    extents.set(entryName(entry), extent);
    before += extent.cells;
  }
  return { sheets, extents };
}

/** Why one sheet is not read as the log: its rows, from column A to their last value, over the budget, or a value beyond the columns read. */
function sheetProblem(sheet: SheetPart, extent: Extent | undefined, limits: Limits): ImportRefusal | null {
  if (!extent) return null;
  if (extent.area > limits.cells) return { code: "tooManyCells", cells: extent.area, limit: limits.cells };
  if (extent.lastColumn > limits.columns)
    return { code: "sheetTooWide", sheet: sheet.name, lastCell: `${columnLetters(extent.lastColumn)}${extent.lastRow}`, columns: extent.lastColumn, limit: limits.columns };
  return null;
}

/**
 * Why the workbook is not read with `sheet` (its name; the first worksheet when not given) as
 * the log, measured from the cells its sheets hold; null when it is within the limits.
 */
export async function boundXlsx(zip: JSZip, limits: Limits = XLSX_LIMITS, sheet?: string): Promise<ImportRefusal | null> {
  const measured = await measure(zip, limits);
  if ("code" in measured) return measured;
  const log = sheet === undefined ? measured.sheets[0] : measured.sheets.find((s) => s.name === sheet);
  return log ? sheetProblem(log, measured.extents.get(log.part), limits) : null;
}

// ---- Reading ----------------------------------------------------------------------------------

/** Which worksheet the log was read from: its name, its place (from 1) among the workbook's sheets, and why that one. */
export interface SheetChoice {
  readonly name: string;
  readonly position: number;
  readonly sheets: readonly string[];
  /** Chosen by the analyst; the first whose header the importer recognises; or the first, none being recognised. */
  readonly by: "setting" | "header" | "first";
}

/** The log's sheet as a table, and which sheet it is. */
export interface SheetRead {
  readonly table: SourceTable;
  readonly sheet: SheetChoice;
}

/** One worksheet's rows as the table reads them: only rows and cells that hold something are visited. */
function sheetTable(sheet: ExcelJS.Worksheet): SourceTable | null {
  const rows: SourceRow[] = [];
  let lastRow = 0;
  // The rows between those visited are blank rows, counted below.
  sheet.eachRow((row, r) => {
    const present: [number, Cell][] = [];
    row.eachCell((cell, c) => {
      present.push([c, plain(cell.value)]);
    });
    const cells: Cell[] = Array.from({ length: present.reduce((w, [c]) => Math.max(w, c), 0) }, () => null);
    for (const [c, value] of present) cells[c - 1] = value;
    // Trailing empty cells past the last value are no values at all (a CSV would not write them either).
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push({ line: r, cells, raw: rawOf(cells) });
    lastRow = r;
  });
  const table = tableOf("xlsx", rows);
  return table ? { ...table, blankLines: table.blankLines + (lastRow - rows.length) } : null;
}

/** A header the importer recognises: the proposed mapping finds the timestamp and the units (or a cost or tokens) in it. */
const recognised = (table: SourceTable): boolean => proposeMapping(table.headers).missingRequired.length === 0;

/**
 * The log's sheet as a table, or why it is not read. `sheet`: the worksheet's name; without
 * it, the first worksheet whose header is recognised, else the first. Refused beyond
 * XLSX_LIMITS (the whole workbook's cells; the log sheet's width and rows, measured before
 * exceljs reads a cell), for a sheet the workbook does not have, and as empty when the
 * workbook has no worksheet or the sheet is blank. Throws when the bytes are not an .xlsx.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<SheetRead | ImportRefusal> {
  const measured = await measure(await JSZip.loadAsync(bytes), XLSX_LIMITS);
  if ("code" in measured) return measured;
  const names = measured.sheets.map((s) => s.name);
  const problemOf = (s: SheetPart): ImportRefusal | null => sheetProblem(s, measured.extents.get(s.part), XLSX_LIMITS);
  if (sheet !== undefined && !names.includes(sheet)) return { code: "noSuchSheet", sheet, sheets: names };
  // The sheets that may be the log: the one chosen, else each one within the limits (a workbook with none is refused before it is read).
  const candidates = sheet !== undefined ? measured.sheets.filter((s) => s.name === sheet) : measured.sheets.filter((s) => problemOf(s) === null);
  const first = measured.sheets[0];
  const refused = sheet !== undefined ? problemOf(candidates[0] ?? { part: "", name: sheet }) : candidates.length === 0 && first ? problemOf(first) : null;
  if (refused) return refused;
  const book = new ExcelJS.Workbook();
  // exceljs's typings want a Node Buffer; it reads an ArrayBuffer in the browser too.
  await book.xlsx.load(bytes.slice().buffer as unknown as ExcelJS.Buffer);
  const choice = (s: SheetPart, by: SheetChoice["by"]): SheetChoice => ({ name: s.name, position: names.indexOf(s.name) + 1, sheets: names, by });
  let fallback: SheetRead | null = null;
  for (const s of candidates) {
    const worksheet = book.getWorksheet(s.name);
    const table = worksheet ? sheetTable(worksheet) : null;
    if (sheet !== undefined) return table ? { table, sheet: choice(s, "setting") } : { code: "empty" };
    if (table && recognised(table)) return { table, sheet: choice(s, "header") };
    if (table && !fallback) fallback = { table, sheet: choice(s, "first") };
  }
  if (fallback) return fallback;
  // No sheet listed in workbook.xml (a hand-made file): exceljs's first worksheet, as before.
  const only = measured.sheets.length === 0 ? book.worksheets[0] : undefined;
  const table = only ? sheetTable(only) : null;
  return table && only ? { table, sheet: { name: only.name, position: 1, sheets: [only.name], by: "first" } } : { code: "empty" };
}

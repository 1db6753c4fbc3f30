/**
 * An .xlsx usage log as a table: the first worksheet, read with exceljs. Cells keep their
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

/** The first sheet of the workbook (what exceljs's worksheets[0] is): its part and name, from workbook.xml and its relationships. */
async function firstSheet(zip: JSZip): Promise<{ part: string; name: string } | null> {
  const parts = Object.values(zip.files);
  const read = (name: string): Promise<string> | undefined => parts.find((e) => entryName(e) === name)?.async("string");
  const [workbook, rels] = await Promise.all([read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels")]);
  if (workbook === undefined || rels === undefined) return null;
  const targets = new Map<string, string>();
  for (const [, attrs = ""] of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(attrs, /\sId="([^"]*)"/);
    const target = attribute(attrs, /\sTarget="([^"]*)"/);
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  for (const [, attrs = ""] of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const part = targets.get(attribute(attrs, /\s[\w.-]+:id="([^"]*)"/) ?? "");
    // A chart sheet is no worksheet: exceljs's first worksheet is the first that is.
    if (part !== undefined && WORKSHEET_PART.test(part)) return { part, name: unescapeXml(attribute(attrs, /\sname="([^"]*)"/) ?? "") };
  }
  return null;
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

/** Why the workbook is not read, measured from the cells its sheets hold; null when it is within the limits. */
export async function boundXlsx(zip: JSZip, limits: { readonly columns: number; readonly cells: number } = XLSX_LIMITS): Promise<ImportRefusal | null> {
  const first = await firstSheet(zip);
  const sheets = Object.values(zip.files).filter((e) => !e.dir && WORKSHEET_PART.test(entryName(e)));
  // The log's sheet first, so its width is known even when the other sheets spend the budget.
  sheets.sort((a, b) => Number(entryName(b) === first?.part) - Number(entryName(a) === first?.part));
  const limit = limits.cells;
  let before = 0;
  for (const entry of sheets) {
    const isLog = entryName(entry) === first?.part;
    const extent = await scanSheet(entry, (cells, area) => before + cells > limit || (isLog && area > limit));
    if (before + extent.cells > limit) return { code: "tooManyCells", cells: before + extent.cells, limit };
    if (isLog && extent.area > limit) return { code: "tooManyCells", cells: extent.area, limit };
    if (isLog && first && extent.lastColumn > limits.columns)
      return { code: "sheetTooWide", sheet: first.name, lastCell: `${columnLetters(extent.lastColumn)}${extent.lastRow}`, columns: extent.lastColumn, limit: limits.columns };
    before += extent.cells;
  }
  return null;
}

// ---- Reading ----------------------------------------------------------------------------------

/**
 * The first sheet as a table, or why it is not read: refused beyond XLSX_LIMITS, empty when
 * the workbook has no sheet or its first is blank. Throws when the bytes are not an .xlsx.
 */
export async function readXlsx(bytes: Uint8Array): Promise<SourceTable | ImportRefusal> {
  const refused = await boundXlsx(await JSZip.loadAsync(bytes));
  if (refused) return refused;
  const book = new ExcelJS.Workbook();
  // exceljs's typings want a Node Buffer; it reads an ArrayBuffer in the browser too.
  await book.xlsx.load(bytes.slice().buffer as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  if (!sheet) return { code: "empty" };
  const rows: SourceRow[] = [];
  let lastRow = 0;
  // Only rows and cells that hold something are visited; the rows between are blank rows, counted below.
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
  return table ? { ...table, blankLines: table.blankLines + (lastRow - rows.length) } : { code: "empty" };
}

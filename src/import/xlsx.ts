/**
 * An .xlsx usage log as a table: the first worksheet, read with exceljs. Cells keep their
 * type (numbers, booleans, dates), so nothing is re-parsed from display text; a formula cell
 * gives its cached result. The pane imports this module only when an .xlsx is chosen, so
 * exceljs stays out of its first load.
 */
import ExcelJS from "exceljs";
import { clipRaw, tableOf, type SourceRow, type SourceTable } from "./source";
import { cellText, type Cell } from "./values";

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

/** Null when the workbook has no sheet or its first sheet is blank; throws when the bytes are not an .xlsx. */
export async function readXlsx(bytes: Uint8Array): Promise<SourceTable | null> {
  const book = new ExcelJS.Workbook();
  // exceljs's typings want a Node Buffer; it reads an ArrayBuffer in the browser too.
  await book.xlsx.load(bytes.slice().buffer as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  if (!sheet) return null;
  const width = sheet.columnCount;
  const rows: SourceRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, c) => plain(row.getCell(c + 1).value));
    // Trailing empty cells past the last value are no values at all (a CSV would not write them either).
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push({ line: r, cells, raw: rawOf(cells) });
  }
  return tableOf("xlsx", rows);
}

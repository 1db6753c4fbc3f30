/**
 * What the usage-log import says: the fields' names in sentences, each reject's reason,
 * refusals of a whole file, notes and the pane's import section.
 */
import { listOf, plural, some } from "./words";

export const IMPORT_MESSAGES = {
  /** The record's fields as the pane names them in sentences. */
  fields: {
    timestamp: "timestamp",
    agent: "agent",
    job: "job or workflow",
    actionType: "action type",
    units: "units (credits)",
    status: "outcome status",
    escalated: "escalated to a human",
    rerun: "rerun",
    reviewMinutes: "human review minutes",
    team: "team",
  },
  reason: {
    blankRequired: (header: string, field: string): string => `"${header}" is blank, and every row needs its ${field}.`,
    notANumber: (header: string, text: string, decimal: string): string =>
      `"${text}" in "${header}" is not a number as this file writes them (decimal mark "${decimal}"${decimal === "," ? ", thousands 1.200 or 1 200" : ", thousands 1,200"}).`,
    negative: (header: string, text: string): string => `"${header}" is negative (${text}); units and review minutes can't be below zero. Enter a refund or correction as its own adjustment.`,
    notADate: (header: string, text: string): string =>
      `"${text}" in "${header}" is not a date and time the importer reads (for example 2026-11-03 14:05, 2026-11-03T14:05:00Z, 11/03/2026 or an Excel date number).`,
    notInOrder: (header: string, text: string, order: string): string => `"${text}" in "${header}" is not a date in ${order} order, which the mapping says this file uses.`,
    ambiguousDate: (header: string, text: string, dayFirst: string, monthFirst: string): string =>
      `"${text}" in "${header}" could be ${dayFirst} or ${monthFirst}, and nothing in the file decides which. Choose day-first or month-first in the column mapping and import again.`,
    mixedDateOrder: (header: string, text: string, dayFirst: string, monthFirst: string): string =>
      `"${text}" in "${header}" could be ${dayFirst} or ${monthFirst}, and the file has both day-first and month-first dates. Choose the order in the column mapping and import again.`,
    implausibleDate: (header: string, text: string): string =>
      `"${text}" in "${header}" falls before 2000 or after 2099, which no usage log does. Is the right column mapped to the timestamp?`,
    notAStatus: (header: string, text: string): string =>
      `"${text}" in "${header}" is not an outcome status the importer knows. Use attempted, succeeded, validated or failed, or a synonym such as ok, success, accepted or error.`,
    notABoolean: (header: string, text: string): string => `"${text}" in "${header}" is not a yes or no (use TRUE/FALSE, yes/no, Y/N or 1/0).`,
    fieldCount: (got: number, expected: number): string =>
      `The row has ${plural(got, "value")} where the header has ${expected}. A separator inside a value that is not in quotes splits it; quote the value or fix the row.`,
    unclosedQuote: "A quote opened in this row is never closed, so the rest of the file ran into it. Close the quote and import again.",
  },
  refusal: {
    empty: "The file is empty: it has no header row.",
    missingColumn: (header: string, field: string): string => `The file has no column "${header}", which the mapping uses for the ${field}. Map the ${field} to one of the file's columns.`,
    unmappedRequired: (fields: readonly string[]): string => `Map a column of the file to the ${listOf(fields)}: every row needs ${fields.length === 1 ? "it" : "them"}.`,
    sameColumnTwice: (header: string, fields: readonly string[]): string => `The column "${header}" is mapped to both the ${listOf(fields)}. Map each field to its own column.`,
    unreadable: (format: string, detail: string): string => `The file could not be read as ${format} (${detail}). Save it as CSV (UTF-8) or .xlsx and try again.`,
    alreadyImported: (file: string, when: string, importNumber: number): string =>
      `This file's content was already imported (as "${file}", import ${importNumber}, ${when}). Nothing was added. To import it again, for example with a corrected column mapping, first delete the Ledger rows of import ${importNumber}, then choose "Import anyway".`,
    sheetWithoutTable: (sheet: string, table: string): string =>
      `The sheet "${sheet}" exists but has no table "${table}", and the import won't write over what the sheet holds. Rename the sheet, or give the table its name back.`,
    missingColumns: (table: string, columns: readonly string[]): string =>
      `The table "${table}" has no column ${listOf(columns.map((c) => `"${c}"`))}. Give ${columns.length === 1 ? "it its" : "them their"} name back and import again; nothing was written.`,
  },
  done: (read: number, accepted: number, rejected: number, duplicates: number): string =>
    `Read ${plural(read, "row")}: ${accepted} added to the ledger, ${rejected} rejected${rejected > 0 ? " (see the Rejects table for each row and why)" : ""}, ${duplicates} skipped as already in the ledger.`,
  blankLines: (n: number): string => `${plural(n, "blank line")} in the file ${n === 1 ? "was" : "were"} skipped.`,
  summaryRows: (rows: readonly { readonly table: string; readonly field: "job" | "actionType" | "agent" | "team"; readonly added: readonly string[] }[]): string => {
    const words = { job: ["job", "jobs"], actionType: ["action type", "action types"], agent: ["agent", "agents"], team: ["team", "teams"] } as const;
    const parts = rows.map((r) => `${r.table} gained ${plural(r.added.length, words[r.field][0], words[r.field][1])} (${some([...r.added])})`);
    // A new team also gets a row in the Wallet's team budgets, at 0 until the analyst sets it.
    const budgets = rows.some((r) => r.field === "team") ? " Give the new teams their budgets on the Wallet sheet." : "";
    return `New in the summaries: ${listOf(parts)}.${budgets}`;
  },
  preamble: (lines: readonly number[], headerLine: number): string =>
    `${lines.length === 1 ? `Line ${lines[0]}` : `Lines ${some(lines.map(String), 8)}`} above the header (line ${headerLine}) ${lines.length === 1 ? "was" : "were"} taken for a title and skipped. If the header is elsewhere, remove the lines above it and import again.`,
  decimalGuessed: (decimal: string): string => `Nothing in the file shows its decimal mark, so "${decimal}" was assumed (values like 1,200 or 1.200 depend on it). Set it in the column mapping if that is wrong.`,
  dateOrderNeeded: (ambiguous: number): string =>
    `${plural(ambiguous, "date")} in the file could be read day-first or month-first. Choose the order in the column mapping before importing.`,
  /** The task pane's Import usage log section. */
  pane: {
    reading: (file: string): string => `Reading ${file}…`,
    importing: (file: string): string => `Importing ${file} into the ledger…`,
    picked: (file: string, rows: number, columns: number): string => `${file}: ${plural(rows, "data row")} under ${plural(columns, "column")}.`,
    savedMapping: "The column mapping saved in this workbook for these columns is filled in; check it, then import.",
    proposedMapping: "The column mapping below was proposed from the column names; check it, then import.",
    similar: (header: string): string => `"${header}" was chosen for a name close to a known one: check it.`,
    notMapped: "(not in the file)",
    chooseColumn: "(choose a column)",
    unusedColumns: (headers: readonly string[]): string => `Not imported: ${some(headers.map((h) => `"${h}"`), 8)}.`,
    counts: (read: number, accepted: number, rejected: number, blankLines: number): string =>
      `Read ${plural(read, "row")}: ${accepted} would be accepted, ${rejected} rejected${blankLines > 0 ? ` (and ${plural(blankLines, "blank line")} skipped)` : ""}.`,
    firstRows: (shown: number, accepted: number): string => (accepted > shown ? `The first ${shown} of ${accepted} accepted rows, as the ledger will hold them:` : "The accepted rows, as the ledger will hold them:"),
    firstRejects: (shown: number, rejected: number): string => (rejected > shown ? `The first ${shown} of ${rejected} rejected rows, and why:` : "The rejected rows, and why:"),
    rejectLine: (line: number, reason: string): string => `Line ${line}: ${reason}`,
    needsExcel: "Importing writes to the workbook, so it needs Excel: open AWU Budget from Excel's Home tab. The preview here checks the log without changing anything.",
    imported: (importNumber: number): string => `Import ${importNumber} is in the workbook (tables Ledger, Rejects and Imports); the column mapping is saved with it.`,
    importAnyway: "Import anyway",
  },
} as const;

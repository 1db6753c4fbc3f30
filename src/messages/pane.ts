/**
 * The task pane's message catalogue: every sentence the pane shows about building,
 * refreshing, checking and the rate card, in one place. Plain words; each refusal says
 * what to do next. (The functions' own messages are in functions.ts beside this file.)
 */

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** At most `max` items named, then how many more. */
function some(items: readonly string[], max = 6): string {
  return items.length <= max ? listOf(items) : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export const MESSAGES = {
  progress: {
    inspecting: "Looking at what the workbook already has…",
    writing: (part: number): string => (part === 1 ? "Writing the template…" : `Writing the template (part ${part})…`),
    verifying: "Checking what was written…",
    done: (sheets: number, tables: number, names: number): string => `Done: ${plural(sheets, "sheet")}, ${plural(tables, "table")} and ${plural(names, "named cell")} written.`,
    besideDone: (copy: number): string => `Written beside the existing template as copy ${copy}: its sheets end in "(${copy})" and its tables and names in "_${copy}".`,
  },

  refusal: {
    conflicts: (items: readonly string[]): string =>
      `The workbook already has ${some(items)} from the template. Nothing was changed. Choose "Rebuild" to replace the template's own sheets, or "Write beside" to add a second copy next to them.`,
    rebuildWouldTouch: (items: readonly string[]): string =>
      `Rebuild would have to delete ${some(items)}, which ${items.length === 1 ? "is" : "are"} outside the template's sheets. Nothing was changed. Rename ${items.length === 1 ? "it" : "them"}, or choose "Write beside".`,
    protectedSheets: (sheets: readonly string[]): string =>
      `The sheet${sheets.length === 1 ? "" : "s"} ${listOf(sheets.map((s) => `"${s}"`))} ${sheets.length === 1 ? "is" : "are"} protected, so rebuild can't replace ${sheets.length === 1 ? "it" : "them"}. Unprotect (Review › Unprotect Sheet) and try again.`,
    workbookProtected: "The workbook's structure is protected, so sheets can't be added or removed. Unprotect it (Review › Protect Workbook) and try again.",
    protectedSheet: "Excel refused because a sheet or the workbook is protected. Unprotect it (Review › Unprotect Sheet or Protect Workbook) and try again.",
    cellEditMode: "Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.",
    payloadTooLarge: "Excel refused a request as too large. Try again with fewer rows, or without the example rows, and add the rest afterwards.",
    itemAlreadyExists:
      "Excel says a sheet, table or name of the template already exists (perhaps added while the pane was open). Run Check the workbook, then choose Rebuild or Write beside.",
    missingPart: "A part of the template this needs is missing (a sheet, table or named cell). Run Check the workbook to repair it, then try again.",
    notVerified: (missing: readonly string[]): string => `The template was written, but Excel does not show ${some(missing)}. Run Check the workbook to repair it.`,
    unknown: (code: string, detail: string): string => `Excel refused the change (${code}${detail ? `: ${detail}` : ""}). Nothing outside the template's sheets was touched.`,
  },

  problem: {
    missingSheet: (sheet: string): string => `The sheet "${sheet}" is missing (deleted or renamed). Repair writes it again as built.`,
    renamedTable: (table: string, now: string, sheet: string): string =>
      `The table "${table}" on "${sheet}" has been renamed to "${now}". Repair gives it its name back; formulas follow the name.`,
    missingTable: (table: string, sheet: string, address: string): string =>
      `The table "${table}" on "${sheet}" is missing. Repair writes it again at ${address} as built (rows added since are not recovered).`,
    missingName: (name: string, label: string, sheet: string): string => `The named cell ${name} ("${label}" on "${sheet}") is missing. Repair names the cell again.`,
    brokenName: (name: string, label: string, sheet: string): string =>
      `The named cell ${name} ("${label}" on "${sheet}") no longer points at a cell (#REF!). Repair points it at the cell again.`,
    renamedColumn: (table: string, expected: string, now: string): string =>
      `The column "${expected}" of the table "${table}" has been renamed to "${now}". Repair gives it its name back.`,
    inputIsText: (label: string, sheet: string, address: string, text: string): string =>
      `"${label}" on "${sheet}" (${address}) holds the text "${text}", not a number, so the formulas that use it fail. Repair writes the template's value back.`,
    formulaOverwritten: (table: string, column: string, rows: readonly number[]): string =>
      `${plural(rows.length, "row")} of "${column}" in the table "${table}" ${rows.length === 1 ? "holds a typed value" : "hold typed values"} instead of the column's formula (row ${some(rows.map(String), 8)}). Repair writes the formula back in that column.`,
    outputOverwritten: (label: string, sheet: string): string => `"${label}" on "${sheet}" holds a typed value instead of its formula. Repair writes the formula back.`,
    none: "Every sheet, table, column and named cell of the template is in place.",
  },

  repaired: {
    sheet: (sheet: string): string => `Wrote the sheet "${sheet}" again.`,
    tableRenamed: (table: string): string => `Gave the table "${table}" its name back.`,
    table: (table: string): string => `Wrote the table "${table}" again.`,
    name: (name: string): string => `Named the cell ${name} again.`,
    column: (table: string, column: string): string => `Gave the column "${column}" of "${table}" its name back.`,
    input: (label: string): string => `Wrote the template's value back into "${label}".`,
    formula: (table: string, column: string): string => `Wrote the formula back into "${column}" of "${table}".`,
    output: (label: string): string => `Wrote the formula back into "${label}".`,
    skipped: (what: string): string => `Left alone: ${what} (its sheet is missing; repair that first).`,
  },

  refresh: {
    done: (scenarios: number, when: string): string => `Refreshed ${plural(scenarios, "scenario")} at ${when}.`,
    unchanged: "No figure changed since the last refresh.",
    stampRateCard: (rows: number, differing: number): string =>
      `Workbook rate card (${plural(rows, "rate")}${differing === 0 ? ", all as the built-in card" : `, ${differing} differing from the built-in card`})`,
    shapeMismatch: (rows: number, got: number): string => `The scenario computation returned ${got} rows for ${rows} scenarios; nothing was written.`,
  },

  rateCard: {
    changed: (key: string, field: string, workbook: string, builtIn: string): string => `${key}: ${field} is ${workbook} in the workbook, ${builtIn} in the built-in card.`,
    missing: (key: string): string => `${key} is not in the workbook's rate card; updating adds it.`,
    extra: (key: string): string => `${key} is only in the workbook's rate card; updating keeps it.`,
    same: "The workbook's rate card matches the built-in card.",
    applied: (changed: number, added: number): string => `Updated ${plural(changed, "rate")} and added ${plural(added, "rate")} from the built-in card.`,
    notATable: "The Inputs sheet has no RateCard table with the columns Key, Value, Unit, As of and Source. Run Check the workbook to repair it.",
  },

  /** Importing a usage log into the ledger (src/import/). */
  import: {
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
  },
} as const;

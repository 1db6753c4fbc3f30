/**
 * What the pane says about the workbook: building, refreshing, checking and repairing the
 * template, the rate card, and Excel's refusals. Plain words; each refusal says
 * what to do next. (The functions' own messages are in functions.ts beside this file.)
 */
import { listOf, plural, some } from "./words";

/** Excel refused a request: its error code (AccessDenied, …) and its own detail, as Office.js reports them. */
export interface ExcelRefused {
  readonly code: "excelRefused";
  readonly excelCode: string;
  readonly detail: string;
}

/** What the template's writer and actions refuse to do, as data. */
export type WorkbookRefusal =
  | { readonly code: "conflicts"; readonly items: readonly string[] }
  | { readonly code: "rebuildWouldTouch"; readonly items: readonly string[] }
  | { readonly code: "protectedSheets"; readonly sheets: readonly string[] }
  | { readonly code: "workbookProtected" }
  | { readonly code: "notVerified"; readonly missing: readonly string[] }
  | { readonly code: "missingPart" }
  | { readonly code: "scenarioShapeMismatch"; readonly rows: number; readonly got: number }
  | { readonly code: "rateCardNotATable" };

export const WORKBOOK_MESSAGES = {
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

} as const;

/** Excel's error codes the pane explains; anything else is reported with its code and detail. */
const EXCEL_EXPLAINED: Readonly<Record<string, string>> = {
  AccessDenied: WORKBOOK_MESSAGES.refusal.protectedSheet,
  InvalidOperationInCellEditMode: WORKBOOK_MESSAGES.refusal.cellEditMode,
  RequestPayloadSizeLimitExceeded: WORKBOOK_MESSAGES.refusal.payloadTooLarge,
  ResponsePayloadSizeLimitExceeded: WORKBOOK_MESSAGES.refusal.payloadTooLarge,
  ItemAlreadyExists: WORKBOOK_MESSAGES.refusal.itemAlreadyExists,
  ItemNotFound: WORKBOOK_MESSAGES.refusal.missingPart,
};

export function excelRefusedMessage(problem: ExcelRefused): string {
  return EXCEL_EXPLAINED[problem.excelCode] ?? WORKBOOK_MESSAGES.refusal.unknown(problem.excelCode, problem.detail);
}

const WORKBOOK_REFUSAL_CODES: ReadonlySet<string> = new Set<WorkbookRefusal["code"]>([
  "conflicts",
  "rebuildWouldTouch",
  "protectedSheets",
  "workbookProtected",
  "notVerified",
  "missingPart",
  "scenarioShapeMismatch",
  "rateCardNotATable",
]);

export const isWorkbookRefusal = (problem: { readonly code: string }): problem is WorkbookRefusal => WORKBOOK_REFUSAL_CODES.has(problem.code);
export const isExcelRefused = (problem: { readonly code: string }): problem is ExcelRefused => problem.code === "excelRefused";

export function workbookRefusalMessage(problem: WorkbookRefusal): string {
  const r = WORKBOOK_MESSAGES.refusal;
  switch (problem.code) {
    case "conflicts":
      return r.conflicts(problem.items);
    case "rebuildWouldTouch":
      return r.rebuildWouldTouch(problem.items);
    case "protectedSheets":
      return r.protectedSheets(problem.sheets);
    case "workbookProtected":
      return r.workbookProtected;
    case "notVerified":
      return r.notVerified(problem.missing);
    case "missingPart":
      return r.missingPart;
    case "scenarioShapeMismatch":
      return WORKBOOK_MESSAGES.refresh.shapeMismatch(problem.rows, problem.got);
    case "rateCardNotATable":
      return WORKBOOK_MESSAGES.rateCard.notATable;
  }
}

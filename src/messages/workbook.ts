/**
 * What the pane says about the workbook: building, refreshing, checking and repairing the
 * template, the rate card, Excel's refusals and the pane's own status lines. Every sentence
 * is rendered here from a code and its facts; the writers and actions return the data.
 * Plain words; each refusal says what to do next.
 */
import { localIsoToday } from "../engine/dates";
import { listOf, plural, some } from "./words";

// ---- The vocabulary: what the workbook side reports, as data ---------------------------------

/** Excel refused a request: its error code (AccessDenied, …) and its own detail, as Office.js reports them. */
export interface ExcelRefused {
  readonly code: "excelRefused";
  readonly excelCode: string;
  readonly detail: string;
}

/** A sheet, table or defined name of the workbook, with the sheet it is on where that is known and worth saying. */
export type WorkbookItem =
  | { readonly item: "sheet"; readonly name: string }
  | { readonly item: "table"; readonly name: string; readonly sheet: string | null }
  | { readonly item: "name"; readonly name: string; readonly sheet: string | null };

/** What the template's writer and actions refuse to do, as data. */
export type WorkbookRefusal =
  | { readonly code: "conflicts"; readonly items: readonly WorkbookItem[] }
  | { readonly code: "rebuildWouldTouch"; readonly items: readonly WorkbookItem[] }
  | { readonly code: "protectedSheets"; readonly sheets: readonly string[] }
  | { readonly code: "workbookProtected" }
  | { readonly code: "notVerified"; readonly missing: readonly WorkbookItem[] }
  | { readonly code: "missingPart" }
  | { readonly code: "scenarioShapeMismatch"; readonly rows: number; readonly got: number }
  | { readonly code: "rateCardNotATable" }
  | { readonly code: "unknownCurrency"; readonly currency: string };

/** What a build wrote: the template under its own names, or a numbered copy beside it. */
export type Built = { readonly code: "built"; readonly sheets: number; readonly tables: number; readonly names: number } | { readonly code: "builtBeside"; readonly copy: number };

/** Where a build is (the write's parts numbered from 1 when it is split), and at the end what it wrote. */
export type BuildProgress =
  | { readonly code: "inspect" }
  | { readonly code: "write"; readonly part: number }
  | { readonly code: "verify" }
  | { readonly code: "done"; readonly built: Built };

/** A part of the template that is missing or broken, with what its sentence and its repair need. */
export type TemplateDefect =
  | { readonly code: "missingSheet"; readonly sheet: string; readonly staleNames: readonly string[] }
  | { readonly code: "renamedTable"; readonly table: string; readonly now: string; readonly sheet: string }
  | { readonly code: "missingTable"; readonly table: string; readonly sheet: string; readonly address: string }
  | { readonly code: "missingName"; readonly name: string; readonly label: string; readonly sheet: string }
  | { readonly code: "brokenName"; readonly name: string; readonly label: string; readonly sheet: string }
  | { readonly code: "renamedColumn"; readonly table: string; readonly index: number; readonly expected: string; readonly now: string }
  | { readonly code: "inputIsText"; readonly name: string; readonly label: string; readonly sheet: string; readonly address: string; readonly text: string }
  | { readonly code: "formulaOverwritten"; readonly table: string; readonly column: string; readonly index: number; readonly rows: readonly number[]; readonly rowCount: number }
  | { readonly code: "outputOverwritten"; readonly name: string; readonly label: string; readonly sheet: string };

/** What a repair did for one defect, or that it left it alone. */
export type Repaired =
  | { readonly code: "sheetWritten"; readonly sheet: string }
  | { readonly code: "tableRenamed"; readonly table: string }
  | { readonly code: "tableWritten"; readonly table: string }
  | { readonly code: "nameAdded"; readonly name: string }
  | { readonly code: "columnRenamed"; readonly table: string; readonly column: string }
  | { readonly code: "inputWritten"; readonly label: string }
  | { readonly code: "formulaWritten"; readonly table: string; readonly column: string }
  | { readonly code: "outputWritten"; readonly label: string }
  | { readonly code: "skipped"; readonly part: WorkbookItem };

/** A value as a cell holds it (blank is null). */
export type CellValue = string | number | boolean | null;

/** Where a scenario's unreadable value is: a named input, the scenario's own row, or a Jobs row (rows from 1). */
export type ScenarioPlace =
  | { readonly where: "inputs" }
  | { readonly where: "scenario"; readonly scenario: string; readonly row: number }
  | { readonly where: "jobs"; readonly row: number }
  | { readonly where: "plans"; readonly row: number };

/** Why a scenario's figures can't be computed. */
export type ScenarioProblem =
  | { readonly code: "notANumber"; readonly place: ScenarioPlace; readonly key: string; readonly value: CellValue }
  | { readonly code: "unknownPricingModel"; readonly scenario: string; readonly row: number; readonly model: string };

/** What a scenario's result cell says instead of a number. */
export type ScenarioNote = ScenarioProblem | { readonly code: "noAcceptedOutcomes" } | { readonly code: "noPayback" };

export type ScenarioFigure = "monthlyCost" | "costPerOutcome" | "payback";

/** What a refresh changed for one scenario (its name as typed, "" when blank, and its row from 1). */
export type ScenarioChange =
  | { readonly code: "firstTime"; readonly scenario: string; readonly row: number }
  | {
      readonly code: "changed";
      readonly scenario: string;
      readonly row: number;
      readonly figures: readonly { readonly figure: ScenarioFigure; readonly before: CellValue; readonly after: number | ScenarioNote }[];
    }
  | { readonly code: "notComputed"; readonly scenario: string; readonly row: number; readonly problem: ScenarioProblem };

/** A refresh, as the pane reports it. */
export interface Refreshed {
  readonly scenarios: number;
  readonly refreshedAt: Date;
  readonly changes: readonly ScenarioChange[];
}

/** The rate card as the refresh stamp describes it: its rows, and how many differ from the built-in card or are missing. */
export interface RateCardStamp {
  readonly rows: number;
  readonly differing: number;
}

/** The workbook's rate card against the built-in card, one line at a time, and what an update did. */
export type RateCardNote =
  | { readonly code: "changed"; readonly key: string; readonly field: string; readonly workbook: CellValue; readonly builtIn: string | number }
  | { readonly code: "missing"; readonly key: string }
  /** A key only the workbook has ("" when the row's key is blank), with its data row from 1. */
  | { readonly code: "extra"; readonly key: string; readonly row: number }
  | { readonly code: "same" }
  | { readonly code: "applied"; readonly changed: number; readonly added: number };

export type RateCardLine = Exclude<RateCardNote, { readonly code: "applied" }>;
export type RateCardApplied = Extract<RateCardNote, { readonly code: "applied" }>;

// ---- The words ---------------------------------------------------------------------------------

const quoted = (items: readonly string[]): string => listOf(items.map((item) => `"${item}"`));
const isAre = (n: number): string => (n === 1 ? "is" : "are");
const itThem = (n: number): string => (n === 1 ? "it" : "them");

/** 'the sheet "Jobs"', 'the table "Jobs" on the sheet "Jobs"', 'the name "Rate" (on the sheet "Inputs")'. */
export function workbookItemWords(item: WorkbookItem): string {
  switch (item.item) {
    case "sheet":
      return `the sheet "${item.name}"`;
    case "table":
      return item.sheet === null ? `the table "${item.name}"` : `the table "${item.name}" on the sheet "${item.sheet}"`;
    case "name":
      return item.sheet === null ? `the name "${item.name}"` : `the name "${item.name}" (on the sheet "${item.sheet}")`;
  }
}

const itemsWords = (items: readonly WorkbookItem[]): string => some(items.map(workbookItemWords));

/** A figure as the pane shows it: to the cent, with thousands separators. */
const toCent = (v: number): string => (Math.round(v * 100) / 100).toLocaleString("en-US");

/** "2026-11-23 09:30", local time, as the workbook's stamp reads. */
const minute = (at: Date): string => `${localIsoToday(at)} ${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;

export const WORKBOOK_MESSAGES = {
  /** A blank cell, where a line quotes a value. */
  blank: "blank",

  progress: {
    inspecting: "Looking at what the workbook already has…",
    writing: (part: number): string => (part === 1 ? "Writing the template…" : `Writing the template (part ${part})…`),
    verifying: "Checking what was written…",
    done: (sheets: number, tables: number, names: number): string => `Done: ${plural(sheets, "sheet")}, ${plural(tables, "table")} and ${plural(names, "named cell")} written.`,
    besideDone: (copy: number): string => `Written beside the existing template as copy ${copy}: its sheets end in "(${copy})" and its tables and names in "_${copy}".`,
  },

  refusal: {
    conflicts: (items: readonly WorkbookItem[]): string =>
      `The workbook already has ${itemsWords(items)} from the template. Nothing was changed. Choose "Rebuild" to replace the template's own sheets, or "Write beside" to add a second copy next to them.`,
    rebuildWouldTouch: (items: readonly WorkbookItem[]): string =>
      `Rebuild would have to delete ${itemsWords(items)}, which ${isAre(items.length)} outside the template's sheets. Nothing was changed. Rename ${itThem(items.length)}, or choose "Write beside".`,
    protectedSheets: (sheets: readonly string[]): string =>
      `The sheet${sheets.length === 1 ? "" : "s"} ${quoted(sheets)} ${isAre(sheets.length)} protected, so rebuild can't replace ${itThem(sheets.length)}. Unprotect (Review › Unprotect Sheet) and try again.`,
    workbookProtected: "The workbook's structure is protected, so sheets can't be added or removed. Unprotect it (Review › Protect Workbook) and try again.",
    protectedSheet: "Excel refused because a sheet or the workbook is protected. Unprotect it (Review › Unprotect Sheet or Protect Workbook) and try again.",
    cellEditMode: "Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.",
    payloadTooLarge: "Excel refused a request as too large. Try again with fewer rows, or without the example rows, and add the rest afterwards.",
    itemAlreadyExists:
      "Excel says a sheet, table or name of the template already exists (perhaps added while the pane was open). Run Check the workbook, then choose Rebuild or Write beside.",
    missingPart: "A part of the template this needs is missing (a sheet, table or named cell). Run Check the workbook to repair it, then try again.",
    notVerified: (missing: readonly WorkbookItem[]): string => `The template was written, but Excel does not show ${itemsWords(missing)}. Run Check the workbook to repair it.`,
    unknown: (code: string, detail: string): string => `Excel refused the change (${code}${detail ? `: ${detail}` : ""}). Nothing outside the template's sheets was touched.`,
    unknownCurrency: (currency: string): string =>
      `"${currency}" is not a currency code. Use a three-letter ISO 4217 code such as USD, EUR, GBP or JPY; the workbook shows its money in that currency.`,
    /** A refusal no catalogue knows: a bug of ours, not the analyst's doing. */
    unexpected: (code: string): string => `AWU could not finish this (${code}); please report it.`,
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
    skipped: (part: WorkbookItem): string => `Left alone: ${workbookItemWords(part)} is not in the template as built, so there is nothing to write back.`,
  },

  refresh: {
    done: (scenarios: number, at: Date): string => `Refreshed ${plural(scenarios, "scenario")} at ${minute(at)}.`,
    unchanged: "No figure changed since the last refresh.",
    stampRateCard: (rows: number, differing: number): string =>
      `Workbook rate card (${plural(rows, "rate")}${differing === 0 ? ", all as the built-in card" : `, ${differing} differing from the built-in card`})`,
    shapeMismatch: (rows: number, got: number): string => `The scenario computation returned ${got} rows for ${rows} scenarios; nothing was written.`,
  },

  /** A scenario's own words: what its result cells say instead of a number, and what a refresh changed. */
  scenario: {
    /** "Base", or "Row 3" for a scenario without a name. */
    label: (scenario: string, row: number): string => scenario || `Row ${row}`,
    /** Where an unreadable value is: "Inputs", "Scenario Base" (or "Scenario 3"), "Jobs row 2". */
    place: (place: ScenarioPlace): string =>
      place.where === "inputs"
        ? "Inputs"
        : place.where === "scenario"
          ? `Scenario ${place.scenario || String(place.row)}`
          : place.where === "jobs"
            ? `Jobs row ${place.row}`
            : `Vendors sheet's plans row ${place.row}`,
    notANumber: (place: string, key: string, value: string): string => `${place}: ${key} must be a number, not ${value}.`,
    unknownPricingModel: (place: string, model: string): string => `${place}: pricing model "${model}" is not one of the choices.`,
    noAcceptedOutcomes: "no accepted outcomes",
    noPayback: "no payback",
    figure: { monthlyCost: "monthly cost", costPerOutcome: "cost per acceptable outcome", payback: "payback" } satisfies Record<ScenarioFigure, string>,
    figureChanged: (figureName: string, before: string, after: string): string => `${figureName} ${before} → ${after}`,
    firstTime: (label: string): string => `${label}: computed for the first time.`,
    changed: (label: string, figures: readonly string[]): string => `${label}: ${figures.join("; ")}`,
    notComputed: (label: string, problem: string): string => `${label}: ${problem}`,
  },

  rateCard: {
    changed: (key: string, field: string, workbook: string, builtIn: string): string => `${key}: ${field} is ${workbook} in the workbook, ${builtIn} in the built-in card.`,
    missing: (key: string): string => `${key} is not in the workbook's rate card; updating adds it.`,
    extra: (key: string): string => `${key} is only in the workbook's rate card; updating keeps it.`,
    /** A row of the workbook's card with no key, as the lines name it. */
    unkeyedRow: (row: number): string => `row ${row}`,
    same: "The workbook's rate card matches the built-in card.",
    applied: (changed: number, added: number): string => `Updated ${plural(changed, "rate")} and added ${plural(added, "rate")} from the built-in card.`,
    differ: (n: number): string => `${plural(n, "rate")} ${n === 1 ? "differs" : "differ"} from the built-in card.`,
    notATable: "The Inputs sheet has no RateCard table with the columns Key, Value, Unit, As of and Source. Run Check the workbook to repair it.",
  },

  /** The task pane's own lines: what it is doing, its questions and its status. */
  pane: {
    ready: "Ready.",
    connected: "Connected to Excel.",
    preview:
      "Preview outside Excel: try the functions, check a usage log and download the workbook here. Building, refreshing, checking, updating rates and importing need Excel: open AWU Budget from Excel's Home tab.",
    referenceFailed: (detail: string): string => `The function reference could not be loaded: ${detail}`,
    somethingWrong: (detail: string): string => `Something went wrong: ${detail}`,
    writingWorkbook: (portable: boolean): string => (portable ? "Writing the portable workbook…" : "Writing the workbook…"),
    downloaded: (file: string): string => `Downloaded ${file}.`,
    building: "Building the workbook…",
    /** The template's items already in the workbook: its sheets when any, else its tables and names. */
    choose: (items: readonly WorkbookItem[]): string => {
      const sheets = items.filter((i) => i.item === "sheet").map((i) => i.name);
      const others = items.filter((i) => i.item !== "sheet").map((i) => i.name);
      const found =
        sheets.length > 0 ? `${sheets.length === 1 ? "sheet" : "sheets"} ${quoted(sheets)}` : `${others.length === 1 ? "table or name" : "tables and names"} ${quoted(others)}`;
      return `This workbook already has the template's ${found}. Rebuild in place (replacing the template's sheets), or write a second copy beside them with new names?`;
    },
    chooseStatus: "The template is already in this workbook: choose how to build.",
    cancelled: "Build cancelled; nothing was changed.",
    refreshing: "Refreshing the scenarios…",
    checking: "Checking the workbook…",
    repairing: "Repairing…",
    problemsHeading: (n: number): string => `${plural(n, "problem")} found:`,
    problemsFound: (n: number): string => `${plural(n, "problem")} found.`,
    repairLabel: (defect: string): string => `Repair: ${defect}`,
    comparingRates: "Comparing the rate cards…",
    updatingRates: "Updating the rate card…",
    inserting: "Inserting…",
    inserted: (formula: string, address: string): string => `Inserted ${formula} into ${address}.`,
  },
} as const;

// ---- Rendering: one function per family of codes ------------------------------------------------

/** Excel's error codes the pane explains; anything else is reported with its code and detail. */
export const EXCEL_EXPLAINED: Readonly<Record<string, string>> = {
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
  "unknownCurrency",
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
    case "unknownCurrency":
      return r.unknownCurrency(problem.currency);
  }
}

export function builtMessage(built: Built): string {
  return built.code === "builtBeside" ? WORKBOOK_MESSAGES.progress.besideDone(built.copy) : WORKBOOK_MESSAGES.progress.done(built.sheets, built.tables, built.names);
}

export function buildProgressMessage(progress: BuildProgress): string {
  const p = WORKBOOK_MESSAGES.progress;
  switch (progress.code) {
    case "inspect":
      return p.inspecting;
    case "write":
      return p.writing(progress.part);
    case "verify":
      return p.verifying;
    case "done":
      return builtMessage(progress.built);
  }
}

export function defectMessage(defect: TemplateDefect): string {
  const p = WORKBOOK_MESSAGES.problem;
  switch (defect.code) {
    case "missingSheet":
      return p.missingSheet(defect.sheet);
    case "renamedTable":
      return p.renamedTable(defect.table, defect.now, defect.sheet);
    case "missingTable":
      return p.missingTable(defect.table, defect.sheet, defect.address);
    case "missingName":
      return p.missingName(defect.name, defect.label, defect.sheet);
    case "brokenName":
      return p.brokenName(defect.name, defect.label, defect.sheet);
    case "renamedColumn":
      return p.renamedColumn(defect.table, defect.expected, defect.now);
    case "inputIsText":
      return p.inputIsText(defect.label, defect.sheet, defect.address, defect.text);
    case "formulaOverwritten":
      return p.formulaOverwritten(defect.table, defect.column, defect.rows);
    case "outputOverwritten":
      return p.outputOverwritten(defect.label, defect.sheet);
  }
}

export function repairedMessage(repaired: Repaired): string {
  const r = WORKBOOK_MESSAGES.repaired;
  switch (repaired.code) {
    case "sheetWritten":
      return r.sheet(repaired.sheet);
    case "tableRenamed":
      return r.tableRenamed(repaired.table);
    case "tableWritten":
      return r.table(repaired.table);
    case "nameAdded":
      return r.name(repaired.name);
    case "columnRenamed":
      return r.column(repaired.table, repaired.column);
    case "inputWritten":
      return r.input(repaired.label);
    case "formulaWritten":
      return r.formula(repaired.table, repaired.column);
    case "outputWritten":
      return r.output(repaired.label);
    case "skipped":
      return r.skipped(repaired.part);
  }
}

/** The words a scenario's result cell shows instead of a number (written into the workbook). */
export function scenarioNoteMessage(note: ScenarioNote): string {
  const s = WORKBOOK_MESSAGES.scenario;
  switch (note.code) {
    case "notANumber":
      return s.notANumber(s.place(note.place), note.key, note.value === null || note.value === "" ? WORKBOOK_MESSAGES.blank : JSON.stringify(note.value));
    case "unknownPricingModel":
      return s.unknownPricingModel(s.place({ where: "scenario", scenario: note.scenario, row: note.row }), note.model);
    case "noAcceptedOutcomes":
      return s.noAcceptedOutcomes;
    case "noPayback":
      return s.noPayback;
  }
}

/** A result cell's value before or after a refresh, as the change line shows it. */
function shownFigure(value: CellValue | ScenarioNote): string {
  if (value === null || value === "") return WORKBOOK_MESSAGES.blank;
  if (typeof value === "number") return toCent(value);
  if (typeof value === "object") return scenarioNoteMessage(value);
  return String(value);
}

export function scenarioChangeMessage(change: ScenarioChange): string {
  const s = WORKBOOK_MESSAGES.scenario;
  const label = s.label(change.scenario, change.row);
  switch (change.code) {
    case "firstTime":
      return s.firstTime(label);
    case "changed":
      return s.changed(
        label,
        change.figures.map((f) => s.figureChanged(s.figure[f.figure], shownFigure(f.before), shownFigure(f.after))),
      );
    case "notComputed":
      return s.notComputed(label, scenarioNoteMessage(change.problem));
  }
}

/** A refresh in words: the headline, then what changed (or that nothing did). */
export function refreshMessages(refreshed: Refreshed): { readonly headline: string; readonly lines: readonly string[] } {
  return {
    headline: WORKBOOK_MESSAGES.refresh.done(refreshed.scenarios, refreshed.refreshedAt),
    lines: refreshed.changes.length > 0 ? refreshed.changes.map(scenarioChangeMessage) : [WORKBOOK_MESSAGES.refresh.unchanged],
  };
}

/** The rate-card stamp the refresh writes into its cell. */
export const rateCardStampMessage = (stamp: RateCardStamp): string => WORKBOOK_MESSAGES.refresh.stampRateCard(stamp.rows, stamp.differing);

/** A rate-card value as a line quotes it: blank, "text", or the number. */
const shownRate = (v: CellValue | number): string => (v === "" || v === null ? WORKBOOK_MESSAGES.blank : typeof v === "string" ? `"${v}"` : String(v));

export function rateCardMessage(note: RateCardNote): string {
  const r = WORKBOOK_MESSAGES.rateCard;
  switch (note.code) {
    case "changed":
      return r.changed(note.key, note.field.toLowerCase(), shownRate(note.workbook), shownRate(note.builtIn));
    case "missing":
      return r.missing(note.key);
    case "extra":
      return r.extra(note.key || r.unkeyedRow(note.row));
    case "same":
      return r.same;
    case "applied":
      return r.applied(note.changed, note.added);
  }
}

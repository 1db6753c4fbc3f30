/**
 * What the usage-log import says: each reject's reason, refusals of a whole file, the notes
 * and questions an import leaves, and the pane's import section. The importer hands over
 * problems as data ({code, …facts}); the sentences are made here and nowhere else.
 */
import { msFromSerial } from "../engine/dates";
import { listOf, plural, some } from "./words";

/** A file's size as the pane shows it: "850 KB", "17.2 MB". */
const megabytes = (bytes: number): string => (bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`);

/** The record's fields as the pane names them in sentences; the keys are the importer's field names. */
export const FIELD_WORDS = {
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
  id: "request or action id",
  count: "count of actions",
  cost: "cost (USD)",
  model: "model",
  inputTokens: "input tokens",
  outputTokens: "output tokens",
  cacheReadTokens: "cache read tokens",
  cacheWriteTokens: "cache write tokens",
  succeeded: "count succeeded",
  failed: "count failed",
  validated: "count validated",
} as const;

/** A field of the ledger record, as problems name it (src/import/fields.ts lists the same names). */
export type ImportField = keyof typeof FIELD_WORDS;

type Mark = "." | ",";

/** The text encodings a CSV is read in (src/import/source.ts decodes them). */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
/** The separators a CSV's values are split at. */
export type Separator = "," | ";" | "\t" | "|";
/** Where a byte is in a file: its offset (from 0) and its line. */
export interface ByteAt {
  readonly offset: number;
  readonly line: number;
}

/** The encodings as the pane and the notes name them. */
export const ENCODING_WORDS: Readonly<Record<TextEncoding, string>> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252 (Excel's legacy CSV)",
  "utf-16le": "UTF-16 LE (Excel's Unicode text)",
  "utf-16be": "UTF-16 BE",
};
const SEPARATOR_WORDS: Readonly<Record<Separator, string>> = { ",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars (|)" };

/** Why one row of the log could not be read; a row carries every reason it has. */
export type RejectReason =
  | { readonly code: "blankRequired"; readonly header: string; readonly field: ImportField }
  | { readonly code: "notANumber"; readonly header: string; readonly text: string; readonly decimal: Mark }
  | { readonly code: "beyondExcel"; readonly header: string; readonly text: string; readonly limit: number }
  | { readonly code: "negative"; readonly header: string; readonly text: string }
  | { readonly code: "textTooLong"; readonly header: string; readonly length: number; readonly limit: number }
  | { readonly code: "notADate"; readonly header: string; readonly text: string }
  | { readonly code: "notInOrder"; readonly header: string; readonly text: string; readonly order: "DMY" | "MDY" }
  | { readonly code: "ambiguousDate"; readonly header: string; readonly text: string; readonly dayFirstMs: number; readonly monthFirstMs: number }
  | { readonly code: "mixedDateOrder"; readonly header: string; readonly text: string; readonly dayFirstMs: number; readonly monthFirstMs: number }
  | { readonly code: "implausibleDate"; readonly header: string; readonly text: string }
  | { readonly code: "notAStatus"; readonly header: string; readonly text: string }
  | { readonly code: "notABoolean"; readonly header: string; readonly text: string }
  | { readonly code: "fieldCount"; readonly got: number; readonly expected: number }
  | { readonly code: "unclosedQuote" }
  /** The row's lines hold bytes that are not UTF-8 in a file read as UTF-8: `offset`, the first one's byte in the file. */
  | { readonly code: "notUtf8"; readonly count: number; readonly offset: number }
  /** A count of actions that is not a whole number of at least `least` (1 for the row's count, 0 for a status's). */
  | { readonly code: "notACount"; readonly header: string; readonly text: string; readonly least: 0 | 1 }
  /** An aggregated row whose status counts do not fit in it: validated above succeeded, or succeeded + failed above the count. */
  | { readonly code: "statusCounts"; readonly count: number; readonly succeeded: number; readonly failed: number; readonly validated: number };

/** Why a whole file, mapping or workbook was refused: nothing was read or nothing was written. */
export type ImportRefusal =
  | { readonly code: "empty" }
  | { readonly code: "unreadable"; readonly format: "xls" | "xlsx"; readonly detail: string }
  | { readonly code: "fileTooLarge"; readonly bytes: number; readonly limit: number }
  | { readonly code: "tooManyCells"; readonly cells: number; readonly limit: number }
  | { readonly code: "sheetTooWide"; readonly sheet: string; readonly lastCell: string; readonly columns: number; readonly limit: number }
  | { readonly code: "unmappedRequired"; readonly fields: readonly ImportField[] }
  | { readonly code: "missingColumn"; readonly header: string; readonly field: ImportField }
  | { readonly code: "sameColumnTwice"; readonly header: string; readonly fields: readonly ImportField[] }
  /** `at`: when the earlier import ran, an Excel serial in local time (as the Imports table holds it). */
  | { readonly code: "alreadyImported"; readonly file: string; readonly at: number; readonly importNumber: number }
  | { readonly code: "sheetWithoutTable"; readonly sheet: string; readonly table: string }
  | { readonly code: "missingColumns"; readonly table: string; readonly columns: readonly string[] }
  /** Mappings were given (npm run template -- --mapping) and none is for this file's columns. */
  | { readonly code: "noMappingFits"; readonly given: number; readonly headers: readonly string[] }
  /** The sheet chosen (--sheet, or in the pane) is not in the workbook; `sheets`: the worksheets it has, in order. */
  | { readonly code: "noSuchSheet"; readonly sheet: string; readonly sheets: readonly string[] }
  /**
   * The import would take a table past the last row of its sheet (`limit`, Excel's 1,048,576):
   * `lastRow`, the sheet row the table would end on; `adding`, the rows this import brings it.
   */
  | { readonly code: "tooManyRows"; readonly table: string; readonly lastRow: number; readonly adding: number; readonly limit: number }
  /**
   * The file's rows of many actions have other figures for periods (day, agent, job, action type,
   * team) earlier imports hold: a re-export of days that were not over, or another source.
   * The analyst chooses: replace the earlier rows (reversed) or keep both. `first`: the first such
   * period's day (Excel serial) and job.
   */
  | { readonly code: "periodsChanged"; readonly periods: number; readonly rows: number; readonly imports: readonly number[]; readonly first: { readonly day: number; readonly job: string } };

/** Rows an import added to one of the template's summaries. */
export interface SummaryRowsAdded {
  readonly table: string;
  readonly field: "job" | "actionType" | "agent" | "team";
  readonly added: readonly string[];
}

/** What an import or an inspection tells the analyst beside its counts: results, notes and questions. */
export type ImportNote =
  | { readonly code: "done"; readonly read: number; readonly accepted: number; readonly rejected: number; readonly duplicates: number }
  | { readonly code: "blankLines"; readonly count: number }
  | { readonly code: "summaryRows"; readonly rows: readonly SummaryRowsAdded[] }
  | { readonly code: "preamble"; readonly lines: readonly number[]; readonly headerLine: number }
  | { readonly code: "decimalGuessed"; readonly decimal: Mark }
  /** The cost column is not in dollars (an export in cents): each amount was multiplied by `scale`. */
  | { readonly code: "costScaled"; readonly header: string; readonly scale: number }
  | { readonly code: "dateOrderNeeded"; readonly ambiguous: number }
  /** Rows with tokens but no model the prices know (blank included): priced by their units instead. */
  | { readonly code: "tokensUnpriced"; readonly rows: number; readonly models: readonly string[] }
  /**
   * The log was aggregated into daily rows (src/import/aggregate.ts): why (the setting, more data
   * rows than `threshold`, or more than the Ledger's sheet has left), the raw records summed, the
   * daily rows written, the actions they stand for, and the rerun bursts found on the raw rows.
   */
  | {
      readonly code: "aggregated";
      readonly reason: "setting" | "rows" | "rowLimit";
      readonly threshold: number;
      /** The log's data rows (what the threshold is about). */
      readonly rows: number;
      /** Rows summed when some were already in the ledger (absent: every row read). */
      readonly summed?: number;
      readonly into: number;
      readonly actions: number;
      readonly bursts: number;
    }
  /** New rows with the same time, job and units as rows of earlier imports: likely the same actions from another export. */
  | { readonly code: "likelyDuplicates"; readonly rows: number; readonly imports: readonly number[] }
  /** Periods the file exported again, replaced: the earlier imports' rows of them reversed (rows: reversal rows written). */
  | { readonly code: "periodsReplaced"; readonly periods: number; readonly rows: number; readonly imports: readonly number[] }
  /** Rows of many actions (daily rows) for the same time, agent, job, action type, team and model as rows of earlier imports: likely the same period exported again. */
  | { readonly code: "periodRepeated"; readonly rows: number; readonly imports: readonly number[] }
  /** The file's headers are a known export's (src/import/shapes.ts): its mapping was proposed from that shape. `shape` is its key, `name` what it is called. */
  | { readonly code: "shapeRecognised"; readonly shape: string; readonly name: string }
  /** How a CSV was read: its encoding, what decided it (a byte-order mark, its bytes, the analyst's choice), its separator. */
  | { readonly code: "readAs"; readonly encoding: TextEncoding; readonly by: "bom" | "content" | "setting"; readonly delimiter: Separator }
  /** The worksheet an .xlsx was read from (`position` from 1 of `sheets`), and why that one: chosen, the first with a header the importer recognises, or the first. */
  | { readonly code: "sheetChosen"; readonly sheet: string; readonly position: number; readonly sheets: number; readonly by: "setting" | "header" | "first" }
  /**
   * Bytes of the file that are not UTF-8 (`at`: the first few), and what became of them: read
   * as UTF-8, their `rows` rejected; or the whole file read as Windows-1252.
   */
  | { readonly code: "notUtf8"; readonly count: number; readonly at: readonly ByteAt[]; readonly readAs: "utf-8" | "windows-1252"; readonly rows: number };

/** One sentence per code, each taking its own problem's facts. */
type Words<U extends { readonly code: string }> = { readonly [C in U["code"]]: (problem: Extract<U, { readonly code: C }>) => string };

/** Text from the file, quoted and clipped: a reason names the value, and a cell holds 32,767 characters at most. */
const QUOTE_LIMIT = 80;
const q = (text: string): string => `"${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text}"`;

/** "3 November 2026" for a reason that shows both readings of an ambiguous date. */
const dayWords = (ms: number): string => new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-11-23 14:05" for a local Excel serial. */
function serialWords(serial: number): string {
  const d = new Date(msFromSerial(serial));
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const count = (n: number): string => n.toLocaleString("en-US");
const importsWords = (imports: readonly number[]): string => (imports.length === 1 ? `import ${imports[0]}` : `imports ${listOf(imports.map(String))}`);

/** What a periodsChanged refusal finds, before what each side (pane, command) offers to do about it. */
const periodsChangedFacts = (r: Extract<ImportRefusal, { code: "periodsChanged" }>): string =>
  `This file has other figures for ${plural(r.periods, "period")} (a day, agent, job, action type, team and model) that ${importsWords(r.imports)} already ${r.imports.length === 1 ? "holds" : "hold"}, the first ${serialWords(r.first.day).slice(0, 10)}${r.first.job === "" ? "" : ` for ${q(r.first.job)}`}: likely a re-export of days that were not over when first exported.`;
/** 9.99999999999999E+307, as Excel writes its largest number. */
const excelNumber = (n: number): string => (Math.abs(n) >= 1e21 ? n.toExponential().toUpperCase() : count(n));
const fieldList = (fields: readonly ImportField[]): string => listOf(fields.map((f) => FIELD_WORDS[f]));

const REASON_WORDS: Words<RejectReason> = {
  blankRequired: (r) => `${q(r.header)} is blank, and every row needs its ${FIELD_WORDS[r.field]}.`,
  notANumber: (r) =>
    `${q(r.text)} in ${q(r.header)} is not a number as this file writes them (decimal mark "${r.decimal}"${r.decimal === "," ? ", thousands 1.200 or 1 200" : ", thousands 1,200"}).`,
  beyondExcel: (r) => `${q(r.text)} in ${q(r.header)} is beyond the largest number an Excel cell holds (±${excelNumber(r.limit)}).`,
  negative: (r) => `${q(r.header)} is negative (${r.text}); units, costs, tokens and review minutes can't be below zero. Enter a refund or correction as its own adjustment.`,
  textTooLong: (r) => `${q(r.header)} holds ${count(r.length)} characters, more than the ${count(r.limit)} an Excel cell holds. Shorten it in the log and import again.`,
  notADate: (r) =>
    `${q(r.text)} in ${q(r.header)} is not a date and time the importer reads (for example 2026-11-03 14:05, 2026-11-03T14:05:00Z, 11/03/2026 or an Excel date number).`,
  notInOrder: (r) => `${q(r.text)} in ${q(r.header)} is not a date in ${r.order === "DMY" ? "day/month/year" : "month/day/year"} order, which the mapping says this file uses.`,
  ambiguousDate: (r) =>
    `${q(r.text)} in ${q(r.header)} could be ${dayWords(r.dayFirstMs)} or ${dayWords(r.monthFirstMs)}, and nothing in the file decides which. Choose day-first or month-first in the column mapping and import again.`,
  mixedDateOrder: (r) =>
    `${q(r.text)} in ${q(r.header)} could be ${dayWords(r.dayFirstMs)} or ${dayWords(r.monthFirstMs)}, and the file has both day-first and month-first dates. Choose the order in the column mapping and import again.`,
  implausibleDate: (r) => `${q(r.text)} in ${q(r.header)} falls before 2000 or after 2099, which no usage log does. Is the right column mapped to the timestamp?`,
  notAStatus: (r) =>
    `${q(r.text)} in ${q(r.header)} is not an outcome status the importer knows. Use attempted, succeeded, validated or failed, or a synonym such as ok, success, accepted or error.`,
  notABoolean: (r) => `${q(r.text)} in ${q(r.header)} is not a yes or no (use TRUE/FALSE, yes/no, Y/N or 1/0).`,
  fieldCount: (r) =>
    `The row has ${plural(r.got, "value")} where the header has ${r.expected}. A separator inside a value that is not in quotes splits it; quote the value or fix the row.`,
  unclosedQuote: () => "A quote opened in this row is never closed, so the rest of the file ran into it. Close the quote and import again.",
  notACount: (r) => `${q(r.text)} in ${q(r.header)} is not a count of actions: use a whole number${r.least === 1 ? " of at least 1" : ", 0 or more"}.`,
  statusCounts: (r) =>
    r.validated > r.succeeded
      ? `The row counts ${count(r.validated)} validated but only ${count(r.succeeded)} succeeded; validated actions are among the succeeded ones. Check which columns are mapped to the counts.`
      : `The row's ${count(r.succeeded)} succeeded and ${count(r.failed)} failed add up to more than its count of ${count(r.count)} actions. Check which columns are mapped to the counts.`,
  notUtf8: (r) =>
    `The row holds ${plural(r.count, "byte")} that ${r.count === 1 ? "is" : "are"} not UTF-8 (the first is byte ${count(r.offset)} of the file), so its text can't be read for certain. Correct the file, or choose its encoding, and import again.`,
};

const REFUSAL_WORDS: Words<ImportRefusal> = {
  empty: () => "The file is empty: it has no header row.",
  unreadable: (r) =>
    r.format === "xls"
      ? "The file could not be read as a spreadsheet (the old .xls format). Save it as CSV (UTF-8) or .xlsx and try again."
      : `The file could not be read as .xlsx (${r.detail}). Save it as CSV (UTF-8) or .xlsx and try again.`,
  fileTooLarge: (r) =>
    `The file is ${(r.bytes / 1e6).toFixed(1)} MB; the importer reads logs up to ${count(r.limit / 1e6)} MB at a time. Split the log by date and import each part (rows already imported are skipped).`,
  tooManyCells: (r) =>
    `The workbook holds more than ${count(r.limit)} cells, more than the importer reads at a time. Keep only the log's sheet and columns, or split the log by date, and import each part.`,
  sheetTooWide: (r) =>
    `The sheet ${q(r.sheet)} has a value in ${r.lastCell}, column ${count(r.columns)}; the importer reads at most ${count(r.limit)} columns. Delete what lies to the right of the log, or copy the log to a new workbook, and import again.`,
  unmappedRequired: (r) => `Map a column of the file to the ${fieldList(r.fields)}: every row needs ${r.fields.length === 1 ? "it" : "them"}.`,
  missingColumn: (r) => `The file has no column ${q(r.header)}, which the mapping uses for the ${FIELD_WORDS[r.field]}. Map the ${FIELD_WORDS[r.field]} to one of the file's columns.`,
  sameColumnTwice: (r) => `The column ${q(r.header)} is mapped to both the ${fieldList(r.fields)}. Map each field to its own column.`,
  noMappingFits: (r) =>
    `None of the ${plural(r.given, "column mapping")} given fits this file's columns (${some(r.headers.map((h) => q(h)), 8)}). Save a mapping for these columns in the pane, or leave out --mapping to use the proposed one.`,
  periodsChanged: (r) =>
    `${periodsChangedFacts(r)} Nothing was written. Choose "Replace the earlier rows" to reverse the ${plural(r.rows, "earlier row")} of those periods (each stays, with a reversal row of its negative figures) so the ledger holds this file's figures, or "Keep both" if this file is another source for the same days (its rows are then marked as likely duplicates).`,
  alreadyImported: (r) =>
    `This file's content was already imported (as ${q(r.file)}, import ${r.importNumber}, ${serialWords(r.at)}). Nothing was added. To import it again, for example with a corrected column mapping, first delete the Ledger rows of import ${r.importNumber}, then choose "Import anyway".`,
  sheetWithoutTable: (r) =>
    `The sheet ${q(r.sheet)} exists but has no table ${q(r.table)}, and the import won't write over what the sheet holds. Rename the sheet, or give the table its name back.`,
  noSuchSheet: (r) => `The workbook has no sheet ${q(r.sheet)}; its sheets are ${listOf(r.sheets.map(q))}. Choose one of them.`,
  tooManyRows: (r) =>
    `The import would take the table ${q(r.table)} to row ${count(r.lastRow)} of its sheet, past the ${count(r.limit)} rows an Excel sheet holds (it brings ${count(r.adding)} ${r.adding === 1 ? "row" : "rows"}). Nothing was written. Aggregate the log before importing it (one row per day, agent, job, action type, status and team, with the units summed), or start a new workbook for the next period.`,
  missingColumns: (r) =>
    `The table ${q(r.table)} has no column ${listOf(r.columns.map(q))}. Give ${r.columns.length === 1 ? "it its" : "them their"} name back and import again; nothing was written.`,
};

const SUMMARY_FIELD_WORDS = { job: ["job", "jobs"], actionType: ["action type", "action types"], agent: ["agent", "agents"], team: ["team", "teams"] } as const;

const NOTE_WORDS: Words<ImportNote> = {
  done: (n) =>
    `Read ${plural(n.read, "row")}: ${n.accepted} added to the ledger, ${n.rejected} rejected${n.rejected > 0 ? " (see the Rejects table for each row and why)" : ""}, ${n.duplicates} skipped as already in the ledger.`,
  blankLines: (n) => `${plural(n.count, "blank line")} in the file ${n.count === 1 ? "was" : "were"} skipped.`,
  summaryRows: (n) => {
    const parts = n.rows.map((r) => `${r.table} gained ${plural(r.added.length, SUMMARY_FIELD_WORDS[r.field][0], SUMMARY_FIELD_WORDS[r.field][1])} (${some([...r.added])})`);
    // A new team also gets a row in the Wallet's team budgets, at 0 until the analyst sets it.
    const budgets = n.rows.some((r) => r.field === "team") ? " Give the new teams their budgets on the Wallet sheet." : "";
    return `New in the summaries: ${listOf(parts)}.${budgets}`;
  },
  preamble: (n) =>
    `${n.lines.length === 1 ? `Line ${n.lines[0]}` : `Lines ${some(n.lines.map(String), 8)}`} above the header (line ${n.headerLine}) ${n.lines.length === 1 ? "was" : "were"} taken for a title and skipped. If the header is elsewhere, remove the lines above it and import again.`,
  costScaled: (n) =>
    n.scale === 0.01
      ? `"${n.header}" is in cents, as the export states its amounts: each was divided by 100 for the ledger's cost in dollars.`
      : `"${n.header}" is not in dollars: each amount was multiplied by ${n.scale} for the ledger's cost in dollars.`,
  decimalGuessed: (n) => `Nothing in the file shows its decimal mark, so "${n.decimal}" was assumed (values like 1,200 or 1.200 depend on it). Set it in the column mapping if that is wrong.`,
  readAs: (n) =>
    `Read as ${ENCODING_WORDS[n.encoding]}${n.by === "bom" ? " (its byte-order mark says so)" : n.by === "setting" ? " (as chosen)" : ""}, values separated by ${SEPARATOR_WORDS[n.delimiter]}.`,
  sheetChosen: (n) =>
    n.sheets === 1
      ? `Read the sheet ${q(n.sheet)}.`
      : `Read the sheet ${q(n.sheet)} (sheet ${n.position} of ${n.sheets})${
          n.by === "setting"
            ? ", as chosen."
            : n.by === "header"
              ? `: the first with a header the importer recognises (a timestamp and a units column). Choose another sheet if the log is elsewhere.`
              : `: no sheet has a header with a timestamp and a units column, so the first was read. Choose the log's sheet.`
        }`,
  notUtf8: (n) => {
    const where = n.at.map((b) => `line ${b.line} byte ${count(b.offset)}`).join(", ");
    const more = n.count > n.at.length ? `, and ${count(n.count - n.at.length)} more` : "";
    const what = `${plural(n.count, "byte")} in the file ${n.count === 1 ? "is" : "are"} not UTF-8 (${where}${more}).`;
    return n.readAs === "utf-8"
      ? `${what} The file was read as UTF-8 and the ${plural(n.rows, "row")} holding them ${n.rows === 1 ? "was" : "were"} rejected, so no character is guessed. If the file is Excel's legacy CSV, choose the Windows-1252 encoding; if it is UTF-8, correct those bytes and import again (the rows already imported are skipped).`
      : `${what} Most of its accented characters are not UTF-8, so it was read as Windows-1252 (Excel's legacy CSV). If it is UTF-8, choose the UTF-8 encoding: the rows holding those bytes are then rejected.`;
  },
  tokensUnpriced: (n) =>
    `${plural(n.rows, "row")} with tokens ${n.rows === 1 ? "has" : "have"} no model the token prices know (${some(n.models.map((m) => (m === "" ? "no model" : q(m))), 8)}), so ${n.rows === 1 ? "its cost is" : "their cost is"} priced by ${n.rows === 1 ? "its" : "their"} units under the workbook's pricing model. Map the model column, or map a cost column, to price them.`,
  likelyDuplicates: (n) =>
    `${plural(n.rows, "row")} added ${n.rows === 1 ? "has" : "have"} the same time, job and units as rows of ${n.imports.length === 1 ? `import ${n.imports[0]}` : `imports ${listOf(n.imports.map(String))}`}: likely the same actions from another export. They are marked in the Ledger's "Likely duplicate of" column and counted in the Ledger sheet's audit; delete one import's rows if so.`,
  periodsReplaced: (n) =>
    `${plural(n.periods, "period")} that ${importsWords(n.imports)} held ${n.periods === 1 ? "was" : "were"} replaced with this file's figures: ${n.rows === 1 ? "the earlier row is" : `the ${count(n.rows)} earlier rows are`} reversed (a Ledger row with the negatives of each one's count, units, cost and review minutes, its Key "rev:" and the reversed row's), so every sum is this file's.`,
  periodRepeated: (n) =>
    `${plural(n.rows, "row")} added ${n.rows === 1 ? "stands" : "stand"} for several actions on the same day (or time), agent, job, action type, team and model as rows of ${n.imports.length === 1 ? `import ${n.imports[0]}` : `imports ${listOf(n.imports.map(String))}`}: likely the same period exported again, for example a day exported before it ended and again after. Both are in the ledger, so such a period's actions may be counted twice. They are marked in the Ledger's "Likely duplicate of" column and counted in the Ledger sheet's audit; if the period was exported again, delete the earlier import's rows for it.`,
  aggregated: (n) => {
    const many = (k: number, one: string): string => `${count(k)} ${k === 1 ? one : `${one}s`}`;
    const why = n.reason === "setting" ? " as chosen" : n.reason === "rows" ? `, more than ${count(n.threshold)},` : ", more than the Ledger's sheet has left,";
    const bursts = n.bursts === 0 ? "No rerun burst was found" : `${many(n.bursts, "rerun burst")} ${n.bursts === 1 ? "was" : "were"} found`;
    // Rows an earlier import holds were skipped before summing: say which rows the daily rows stand for.
    const which =
      n.summed === undefined
        ? `The log's ${many(n.rows, "row")}${why} went into the ledger`
        : `The log has ${many(n.rows, "row")}${why === " as chosen" ? ", aggregated as chosen" : why.replace(/,$/, "")}; the ${count(n.summed)} not in the ledger yet went into it`;
    return `${which} as ${many(n.into, "daily row")} (one per day, agent, job, action type, status, team, escalated and rerun) standing for ${many(n.actions, "action")}, with their units, cost and review minutes summed. ${bursts} on the raw rows before they were summed (the Ledger's Bursts column, counted by the Wallet as loops). Set aggregation to none to keep one row per action.`;
  },
  dateOrderNeeded: (n) => `${plural(n.ambiguous, "date")} in the file could be read day-first or month-first. Choose the order in the column mapping before importing.`,
  shapeRecognised: (n) =>
    `Recognised as ${n.name}: the column mapping was proposed from that export's own column names. Check it if the file is something else.`,
};

/** Renders through a code's own sentence (TypeScript can't correlate the code with its words on its own). */
const say = <U extends { readonly code: string }>(words: Words<U>, problem: U): string => (words[problem.code as U["code"]] as (p: U) => string)(problem);

export const rejectReasonMessage = (reason: RejectReason): string => say(REASON_WORDS, reason);
/** A row's reasons as the Rejects table's Reason cell and the preview show them: one sentence after another. */
export const rejectReasonsMessage = (reasons: readonly RejectReason[]): string => reasons.map(rejectReasonMessage).join(" ");
export const importRefusalMessage = (refusal: ImportRefusal): string => say(REFUSAL_WORDS, refusal);
export const importNoteMessage = (note: ImportNote): string => say(NOTE_WORDS, note);

const IMPORT_REFUSAL_CODES: ReadonlySet<string> = new Set(Object.keys(REFUSAL_WORDS));
export const isImportRefusal = (problem: { readonly code: string }): problem is ImportRefusal => IMPORT_REFUSAL_CODES.has(problem.code);

export const IMPORT_MESSAGES = {
  /** The record's fields as the pane names them in sentences. */
  fields: FIELD_WORDS,
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
    rejectLine: (line: number, reasons: readonly RejectReason[]): string => `Line ${line}: ${rejectReasonsMessage(reasons)}`,
    needsExcel: "Importing writes to the workbook, so it needs Excel: open AWU Budget from Excel's Home tab. The preview here checks the log without changing anything.",
    imported: (importNumber: number): string => `Import ${importNumber} is in the workbook (tables Ledger, Rejects and Imports); the column mapping is saved with it.`,
    importAnyway: "Import anyway",
    replacePeriods: "Replace the earlier rows",
    keepPeriods: "Keep both",
    /** Reading the file another way: a CSV's encoding, an .xlsx's sheet. */
    encoding: "Text encoding",
    /** `found`: what the file decided, when it was left to decide. */
    encodingAuto: (found?: TextEncoding): string => `Decide from the file${found ? ` (${ENCODING_WORDS[found]})` : ""}`,
    sheet: "Sheet",
    sheetAuto: (found?: string): string => `Decide from the file${found === undefined ? "" : ` ("${found}")`}`,
    /** The reader's progress (src/taskpane/import-client.ts): what it is doing, then how far. */
    progressLabel: "Reading the usage log",
    progressReading: (file: string, read: number, total: number): string => `Reading ${file}: ${megabytes(read)} of ${megabytes(total)}…`,
    progressParsing: (file: string, total: number): string => `Parsing ${file} (${megabytes(total)})…`,
    progressChecking: (rows: number): string => `Checking ${plural(rows, "row")} under the column mapping…`,
    progressLedger: "Reading what the ledger already holds…",
    progressPlanning: (rows: number): string => `Matching ${plural(rows, "row")} against the ledger…`,
    progressWriting: "Writing to the workbook…",
    /** `percent`: how far, for screen readers with the step. */
    progressValue: (step: string, percent: number): string => `${step} ${percent} %`,
    cancel: "Cancel",
    cancelLabel: "Cancel reading the usage log",
    cancelled: "Cancelled. Nothing was imported: the workbook is unchanged.",
    previewAgain: "Preview again",
  },
  /** npm run template -- --log: one line per log, and why a run stopped. */
  headless: {
    imported: (file: string, importNumber: number, mapping: "given" | "proposed", notes: readonly ImportNote[]): string =>
      `${file}: import ${importNumber} (${mapping === "given" ? "the given mapping" : "the proposed mapping"}). ${notes.map(importNoteMessage).join(" ")}`,
    refused: (file: string, refusal: ImportRefusal): string =>
      `${file}: ${
        refusal.code === "alreadyImported"
          ? `This file's content is already in the workbook (import ${refusal.importNumber}, ${q(refusal.file)}). To import it again, add --import-anyway.`
          : refusal.code === "periodsChanged"
            ? `${periodsChangedFacts(refusal)} Add --periods replace to reverse the ${plural(refusal.rows, "earlier row")} of those periods, or --periods keep to keep both.`
            : importRefusalMessage(refusal)
      } Nothing was written.`,
    mappingUnreadable: (file: string): string => `${file} holds no column mapping this version reads: save one from the pane (its versioned JSON), or leave out --mapping.`,
  },
} as const;

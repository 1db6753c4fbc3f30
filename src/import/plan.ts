/**
 * What an import adds to the ledger, decided before anything is written: the same plan for
 * the pane (into-workbook.ts writes it with Office.js) and the headless command (headless.ts
 * puts it into the workbook's description). Pure: it is handed what the ledger already holds
 * (its keys, the stamps of earlier imports, the values each summary lists) and returns rows.
 */
import { serialFromLocalDate, serialFromMs } from "../engine/dates";
import { exactSum, groupKey } from "../engine/ledger";
import { burstCandidate, type LedgerRecord } from "../engine/ledger-types";
import { importNoteMessage, rejectReasonsMessage, type ImportNote, type SummaryRowsAdded } from "../messages/import";
import { LEDGER_SUMMARIES, LEDGER_WORKBOOK, type LedgerSummarySpec } from "../template/sheets/ledger-tables";
import { importTable, type ImportRefused, type ImportResult, type ImportedRecord, type ReadSettings, type RejectedRow } from "./importer";
import type { LoadedLog } from "./load";
import type { ColumnMapping } from "./mapping";
import { readCsv, type SourceTable } from "./source";
import { shapeNote } from "./shapes";
import { AGGREGATE_ABOVE_ROWS, DailyAggregator, aggregateReason, type AggregateSetting, type Aggregated } from "./aggregate";
import { unpackCells } from "./raw-keys";

/**
 * The rows an Excel sheet holds. An import that would take the Ledger or Rejects table past
 * its sheet's last row is refused before anything is written (tooManyRows). Belongs beside
 * EXCEL_CELL_LIMITS in src/excel/literals.ts; kept here while that file is not the importer's to change.
 */
export const EXCEL_ROWS = 1_048_576;

/** A cell's value as the import writes it: raw (each writer makes text safe for its own medium). */
export type LedgerCell = number | string | boolean;

type Row<Columns extends readonly string[]> = Record<Columns[number], LedgerCell>;
/** Left blank where a row has none: its own cost (priced by units instead), tokens, a likely duplicate. */
type BlankUnlessSaid = "Cost" | "Input tokens" | "Output tokens" | "Cache read tokens" | "Cache write tokens" | "Likely duplicate of" | "Bursts";
type FullLedgerRow = Row<typeof LEDGER_WORKBOOK.ledger.columns>;
export type LedgerRow = Omit<FullLedgerRow, BlankUnlessSaid> & Partial<Pick<FullLedgerRow, BlankUnlessSaid>>;
export type RejectRow = Row<typeof LEDGER_WORKBOOK.rejects.columns>;
export type StampRow = Row<typeof LEDGER_WORKBOOK.imports.columns>;
export type RawKeysRow = Row<typeof LEDGER_WORKBOOK.rawKeys.columns>;

/**
 * The Imports table's column for how the file was read (READ_AS_COLUMN): its value is in every
 * stamp, and reaches the workbook once the template's Imports table has the column (until
 * then a writer leaves a cell of no column alone, and the same facts are in the Mapping cell's `read`).
 */
export const READ_AS_COLUMN = "Read as";

export interface ImportStamp {
  readonly importNumber: number;
  /** Excel serial, local time. */
  readonly at: number;
  readonly file: string;
  readonly sha256: string;
}

/** A summary table (by job, agent, team…) and the values it lists, trimmed and lower-cased (SUMIFS matches in any case). */
export interface ListedSummary {
  readonly spec: LedgerSummarySpec;
  readonly listed: ReadonlySet<string>;
}

/** What the ledger already holds, as far as an import needs to know. */
export interface LedgerHolding {
  readonly keys: ReadonlySet<string>;
  /** Each row's match key (its time, job and units) and the import it came with: flags a new row that matches (absent: none flagged). */
  readonly matches?: ReadonlyMap<string, number>;
  /** The packed keys of the raw rows earlier aggregated imports summed, from the RawKeys table (src/import/raw-keys.ts; absent: none). */
  readonly rawKeys?: ReadonlySet<string>;
  /** The imports whose raw keys those are: a daily row of the same period as theirs overlapped them action by action, and is not flagged. */
  readonly rawKeyImports?: ReadonlySet<number>;
  readonly stamps: readonly ImportStamp[];
  /** The summary tables the workbook has. */
  readonly summaries: readonly ListedSummary[];
  /**
   * How many more rows the Ledger and Rejects tables can take before their sheets end (EXCEL_ROWS).
   * Unknown: counted as if the Ledger began at row 1 and held a row per key, and Rejects were empty.
   */
  readonly rowsLeft?: RowsLeft;
}

export interface RowsLeft {
  readonly ledger: number;
  readonly rejects: number;
}

const rowsLeftOf = (holding: LedgerHolding): RowsLeft => holding.rowsLeft ?? { ledger: EXCEL_ROWS - 1 - holding.keys.size, rejects: EXCEL_ROWS - 1 };

export const SUMMARY_SPECS: readonly LedgerSummarySpec[] = Object.values(LEDGER_SUMMARIES);

/** A record as the Ledger table's cells, by column header. */
export function ledgerRow(record: LedgerRecord & Partial<Pick<ImportedRecord, "matchKey" | "likelyDuplicateOf">>, importNumber: number): LedgerRow {
  const tokens = record.tokens;
  return {
    Timestamp: serialFromMs(record.timestampMs),
    Agent: record.agent,
    Job: record.job,
    "Action type": record.actionType,
    Units: record.units,
    Status: record.status,
    Escalated: record.escalated,
    Rerun: record.rerun,
    "Review minutes": record.reviewMinutes,
    Team: record.team,
    Import: importNumber,
    "Source row": record.sourceRow,
    Key: record.key,
    Count: record.count ?? 1,
    ...(record.costUsd === undefined ? {} : { Cost: record.costUsd }),
    "Cost source": record.costSource ?? (record.costUsd === undefined ? "units" : "stated"),
    Model: record.model ?? "",
    ...(tokens ? { "Input tokens": tokens.input, "Output tokens": tokens.output, "Cache read tokens": tokens.cacheRead, "Cache write tokens": tokens.cacheWrite } : {}),
    "Match key": record.matchKey ?? "",
    ...(record.likelyDuplicateOf === undefined ? {} : { "Likely duplicate of": record.likelyDuplicateOf }),
    // A daily row the import aggregated: the bursts found on its raw actions (blank on a row of actions as the log gave them).
    ...(record.bursts === undefined ? {} : { Bursts: record.bursts }),
    // What AWU.RERUNLOOPS reads: a rerun of one action as the log gave it (a daily row's time is its day's, not an action's).
    "Single rerun": record.rerun && burstCandidate(record),
  };
}

export function rejectRow(reject: RejectedRow, importNumber: number): RejectRow {
  // The workbook shows text: the reasons are put into words here, where they become a cell.
  return { Import: importNumber, "Source row": reject.sourceRow, Reason: rejectReasonsMessage(reject.reasons), Raw: reject.raw };
}

/** A summary's new rows: each value the records bring that the table does not list, first spelling kept, in log order. */
export function newSummaryValues(summary: ListedSummary, records: readonly LedgerRecord[]): string[] {
  const seen = new Set(summary.listed);
  const out: string[] = [];
  for (const record of records) {
    const value = record[summary.spec.field].trim();
    const key = groupKey(value);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** The table a CSV reads as under the mapping's separator, when the mapping fixes another one than the one guessed. */
export const tableFor = (log: LoadedLog, mapping: ColumnMapping): LoadedLog["table"] =>
  log.text !== undefined && mapping.delimiter !== "auto" && mapping.delimiter !== log.table.delimiter
    ? (readCsv(log.text, mapping.delimiter, log.decoding?.badLines) ?? log.table)
    : log.table;

/** How the file was read, as the stamp records it: a CSV's encoding, separator and bytes that are not UTF-8; an .xlsx's sheet. */
export type ReadRecord =
  | { readonly format: "csv"; readonly encoding: string; readonly delimiter: string; readonly notUtf8?: number }
  | { readonly format: "xlsx"; readonly sheet: string };

export function readRecord(log: LoadedLog, table: SourceTable): ReadRecord {
  if (table.format === "xlsx") return { format: "xlsx", sheet: log.sheet?.name ?? "" };
  const notUtf8 = log.decoding?.notUtf8?.count;
  return { format: "csv", encoding: log.decoding?.encoding ?? "utf-8", delimiter: table.delimiter ?? ",", ...(notUtf8 ? { notUtf8 } : {}) };
}

/**
 * What the analyst is told of how the file was read, before and after importing: a CSV's
 * encoding (and what decided it) and separator, its bytes that are not UTF-8 (how many,
 * where, and what became of them), an .xlsx's sheet and why that one.
 */
export function readingNotes(log: LoadedLog, table: SourceTable): ImportNote[] {
  if (table.format === "xlsx") {
    const s = log.sheet;
    return s ? [{ code: "sheetChosen", sheet: s.name, position: s.position, sheets: s.sheets.length, by: s.by }] : [];
  }
  const d = log.decoding;
  if (!d) return [];
  const notes: ImportNote[] = [{ code: "readAs", encoding: d.encoding, by: d.by, delimiter: table.delimiter ?? "," }];
  if (d.notUtf8 && (d.encoding === "utf-8" || d.encoding === "windows-1252"))
    notes.push({ code: "notUtf8", count: d.notUtf8.count, at: d.notUtf8.at, readAs: d.encoding, rows: table.rows.filter((r) => r.notUtf8 !== undefined).length });
  return notes;
}

/** The mapping as the Imports table records it: which header fed each field, the reading settings used, and how the file was read. */
const mappingRecord = (mapping: ColumnMapping, settings: ReadSettings, read: ReadRecord): string =>
  JSON.stringify({ columns: mapping.columns, delimiter: mapping.delimiter, decimal: settings.decimal, dateOrder: settings.dateOrder ?? "auto", read });

export interface PlanOptions {
  readonly now: Date;
  /**
   * Aggregate the log into daily rows (src/import/aggregate.ts): "auto" when it has more than
   * AGGREGATE_ABOVE_ROWS data rows or more than the Ledger's sheet has left, "daily" always,
   * "none" (the default) never.
   */
  readonly aggregate?: AggregateSetting;
  /** Import a file whose content hash an earlier import already stamped (its rows already in the ledger are still skipped). */
  readonly allowSameFile?: boolean;
}

export interface ImportPlan {
  readonly importNumber: number;
  readonly result: ImportResult;
  readonly ledger: readonly LedgerRow[];
  readonly rejects: readonly RejectRow[];
  /** The rows each summary table gains, for new jobs, agents, teams and action types. */
  readonly summaryRows: readonly SummaryRowsAdded[];
  /** An aggregated import's raw keys, packed into the RawKeys table's cells (none for an import row by row, whose Ledger rows hold their keys). */
  readonly rawKeys: readonly RawKeysRow[];
  /** The Imports table's row: goes in last, so no stamp claims a file whose rows did not all arrive. With READ_AS_COLUMN's cell, written where the table has that column. */
  readonly stamp: StampRow & { readonly [READ_AS_COLUMN]: string };
  /** How the file was read (also in the stamp). */
  readonly read: ReadRecord;
  /** What the analyst is told, in order: the counts, blank lines, new summary rows, the file's own notes. */
  readonly notes: readonly ImportNote[];
  /**
   * Periods the file's rows of many actions add rows to and an earlier import already holds
   * rows of: a later export of a period, which may replace the earlier one (replacementOf).
   * None when the import aggregates (its daily rows overlap action by action, by the raw keys).
   */
  readonly periods: readonly RepeatedPeriod[];
}

/** A period (periodKey) the import adds rows to that an earlier import holds rows of. */
export interface RepeatedPeriod {
  readonly matchKey: string;
  /** The keys of every ledger row the file has for the period: the earlier rows among them stay. */
  readonly keys: readonly string[];
  /** The file's line of its first row of the period. */
  readonly line: number;
}

/** The import of one loaded log under a mapping into a ledger that holds `holding`; or why it is refused as a whole. */
export function planImport(holding: LedgerHolding, log: LoadedLog, mapping: ColumnMapping, options: PlanOptions): ImportPlan | ImportRefused {
  const earlier = holding.stamps.find((s) => s.sha256 === log.sha256);
  if (earlier && !options.allowSameFile) return { ok: false, problem: { code: "alreadyImported", file: earlier.file, at: earlier.at, importNumber: earlier.importNumber } };
  const table = tableFor(log, mapping);
  const left = rowsLeftOf(holding);
  const aggregating = aggregateReason(options.aggregate ?? "none", table.rows.length, left.ledger);
  const aggregator = aggregating ? new DailyAggregator() : undefined;
  const existing = { keys: holding.keys, ...(holding.matches ? { matches: holding.matches } : {}), ...(holding.rawKeys ? { rawKeys: holding.rawKeys } : {}) };
  const read1 = importTable(table, mapping, existing, aggregator && ((r) => aggregator.add(r)));
  if (!read1.ok) return read1;
  const aggregated = aggregator?.finish(holding.keys, holding.matches, holding.rawKeyImports);
  const result = aggregated ? withAggregate(read1, aggregated) : read1;
  // Refused before anything is written: a table would run past its sheet's last row.
  for (const [part, adding] of [
    ["ledger", result.records.length],
    ["rejects", result.rejects.length],
  ] as const) {
    if (adding > left[part]) return { ok: false, problem: { code: "tooManyRows", table: LEDGER_WORKBOOK[part].table, lastRow: EXCEL_ROWS - left[part] + adding, adding, limit: EXCEL_ROWS } };
  }
  const read = readRecord(log, table);
  const importNumber = holding.stamps.reduce((max, s) => Math.max(max, s.importNumber), 0) + 1;
  const summaryRows = holding.summaries.flatMap((summary): SummaryRowsAdded[] => {
    const added = newSummaryValues(summary, result.records);
    return added.length > 0 ? [{ table: summary.spec.table, field: summary.spec.field, added }] : [];
  });
  const c = result.counts;
  const stamp: ImportPlan["stamp"] = {
    Import: importNumber,
    "Imported at": serialFromLocalDate(options.now),
    File: log.name,
    Format: log.table.format,
    "Rows read": c.read,
    Accepted: c.accepted,
    Rejected: c.rejected,
    "Duplicates skipped": c.duplicates,
    "Blank lines": c.blankLines,
    "Units accepted": result.units.accepted,
    "SHA-256": log.sha256,
    Mapping: mappingRecord(mapping, result.settings, read),
    // In words for the analyst ("Read as UTF-8, values separated by commas."); the Mapping cell keeps the facts as data.
    [READ_AS_COLUMN]: readingNotes(log, log.table).filter((n) => n.code !== "notUtf8").map(importNoteMessage).join(" "),
    "Ledger rows": result.records.length,
    "Actions accepted": result.actions,
  };
  // The mapping is a known export's, as proposed for these headers: say which.
  const shape = shapeNote(table.headers, mapping.columns);
  const notes: ImportNote[] = [
    { code: "done", read: c.read, accepted: c.accepted, rejected: c.rejected, duplicates: c.duplicates },
    ...(aggregating && aggregated
      ? [{ code: "aggregated", reason: aggregating, threshold: AGGREGATE_ABOVE_ROWS, rows: c.read, ...(c.duplicates > 0 ? { summed: aggregated.raw } : {}), into: result.records.length, actions: result.actions, bursts: aggregated.bursts } as const]
      : []),
    ...(shape ? [shape] : []),
    ...(aggregated && aggregated.periodsRepeated.rows > 0 ? [{ code: "periodRepeated", ...aggregated.periodsRepeated } as const] : []),
    ...(c.blankLines > 0 ? [{ code: "blankLines", count: c.blankLines } as const] : []),
    ...(summaryRows.length > 0 ? [{ code: "summaryRows", rows: summaryRows } as const] : []),
    ...result.notes,
    ...readingNotes(log, table),
  ];
  const periods: RepeatedPeriod[] = aggregating
    ? []
    : [...result.periods].flatMap(([matchKey, seen]) => (seen.added > 0 && holding.matches?.has(matchKey) ? [{ matchKey, keys: seen.keys, line: seen.line }] : []));
  return {
    importNumber,
    result,
    periods,
    ledger: result.records.map((r) => ledgerRow(r, importNumber)),
    rejects: result.rejects.map((r) => rejectRow(r, importNumber)),
    summaryRows,
    rawKeys: (aggregated?.rawKeys ?? []).map((cell) => ({ Import: importNumber, Keys: cell.keys, "Packed keys": cell.text })),
    stamp,
    read,
    notes,
  };
}

/**
 * The import's result once its records are summed into daily rows: those rows; the source rows
 * of daily rows the ledger already holds (the same raw actions imported before) moved from
 * accepted to duplicates, with their units, so read = accepted + rejected + duplicates still holds.
 */
function withAggregate(result: ImportResult, aggregated: Aggregated): ImportResult {
  const units = aggregated.records.map((r) => r.units);
  return {
    ...result,
    records: aggregated.records,
    counts: { ...result.counts, accepted: result.counts.accepted - aggregated.skipped.rows, duplicates: result.counts.duplicates + aggregated.skipped.rows },
    units: { accepted: exactSum(units), duplicates: result.units.duplicates + aggregated.skipped.units },
    actions: aggregated.records.reduce((n, r) => n + r.count, 0),
  };
}

/** What the ledger holds once a plan is in: its keys and raw keys, its stamp and the summary values it listed. */
export function holdingAfter(holding: LedgerHolding, plan: ImportPlan): LedgerHolding {
  const keys = new Set(holding.keys);
  for (const row of plan.ledger) keys.add(String(row.Key));
  const matches = new Map(holding.matches ?? []);
  for (const row of plan.ledger) if (row["Match key"] !== "" && !matches.has(String(row["Match key"]))) matches.set(String(row["Match key"]), plan.importNumber);
  const stamp: ImportStamp = { importNumber: plan.importNumber, at: Number(plan.stamp["Imported at"]), file: String(plan.stamp.File), sha256: String(plan.stamp["SHA-256"]) };
  const summaries = holding.summaries.map((summary) => {
    const added = plan.summaryRows.find((r) => r.table === summary.spec.table)?.added ?? [];
    return added.length === 0 ? summary : { spec: summary.spec, listed: new Set([...summary.listed, ...added.map(groupKey)]) };
  });
  const left = rowsLeftOf(holding);
  const packed = plan.rawKeys.map((row) => String(row["Packed keys"]));
  const rawKeys = packed.length === 0 ? holding.rawKeys : unpackCells(packed, new Set(holding.rawKeys));
  const rawKeyImports = packed.length === 0 ? holding.rawKeyImports : new Set([...(holding.rawKeyImports ?? []), plan.importNumber]);
  return {
    keys,
    matches,
    ...(rawKeys ? { rawKeys } : {}),
    ...(rawKeyImports ? { rawKeyImports } : {}),
    stamps: [...holding.stamps, stamp],
    summaries,
    rowsLeft: { ledger: left.ledger - plan.ledger.length, rejects: left.rejects - plan.rejects.length },
  };
}

/**
 * A parsed usage log and a column mapping → ledger records, rejected rows and counts. Pure:
 * the workbook side (workbook.ts) hands in the keys the ledger already holds and writes
 * what comes out.
 *
 * Every data row ends up in exactly one place: accepted (a new record), rejected (with its
 * line and every reason it could not be read, as data: src/messages/import.ts words them) or
 * skipped as a duplicate of a row already in the ledger. read = accepted + rejected + duplicates, always. Blank lines are counted apart.
 *
 * Idempotence: a record's key is the FNV-1a hash of its normalised fields (timestamp ms,
 * agent, job, action type, units, status, escalated, rerun, review minutes, team: the values,
 * not their spelling, so "1,200" and "1200", or a CSV and an .xlsx of the same log, agree)
 * followed by "-n", n counting identical rows within the file. Two identical rows are two
 * actions (an agent can do the same thing twice in a second) and both count; importing the
 * file again, or a later export that overlaps it, yields the same keys for the same rows,
 * and keys already in the ledger are skipped. Identical rows share their timestamp, so an
 * export cut by time keeps them together and numbers them the same way.
 */
import type { LedgerRecord, OutcomeStatus } from "../engine/ledger-types";
import type { ImportNote, ImportRefusal, RejectReason } from "../messages/import";
import { detectDateOrder, parseTimestamp, type DateOrder, type OrderEvidence } from "./timestamps";
import { FIELD_DEFAULTS, FIELD_SPECS, LEDGER_FIELDS, type LedgerField } from "./fields";
import { fnv1a64 } from "./sha256";
import type { ColumnMapping } from "./mapping";
import type { SourceRow, SourceTable } from "./source";
import { EXCEL_CELL_LIMITS } from "../excel/literals";
import { cellText, cleanText, detectDecimal, isBlank, parseBoolean, parseNumber, parseStatus, type Cell, type DecimalMark } from "./values";

/** How the file was read, as decided from the mapping and the file itself. */
export interface ReadSettings {
  readonly decimal: DecimalMark;
  /** True when the mark was seen in the file or set in the mapping; false when assumed. */
  readonly decimalEvidence: boolean;
  /** Values ("1,200") whose reading the assumed mark decides; 0 when it was not assumed. */
  readonly decimalUndecided: number;
  /** The day/month order used for ambiguous dates; null when undecided (those rows are rejected). */
  readonly dateOrder: DateOrder | null;
  readonly dateEvidence: OrderEvidence;
}

export interface ImportCounts {
  /** Data rows in the file: every non-blank row after the header. */
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly blankLines: number;
}

/**
 * A row the importer could not read: never dropped silently. Its reasons stay data until the
 * Rejects table or the pane shows them (the engine never reads rejects, so the type lives here).
 */
export interface RejectedRow {
  readonly sourceRow: number;
  /** Every reason the row could not be read, in field order. */
  readonly reasons: readonly RejectReason[];
  /** The row as it was in the file, for the analyst to fix. */
  readonly raw: string;
}

export interface ImportResult {
  readonly ok: true;
  /** New records, in file order. */
  readonly records: readonly LedgerRecord[];
  readonly rejects: readonly RejectedRow[];
  readonly counts: ImportCounts;
  /** Units of the accepted records and of the rows skipped as duplicates: what reconciles with the log. */
  readonly units: { readonly accepted: number; readonly duplicates: number };
  readonly settings: ReadSettings;
  /** Notes for the pane (title lines skipped, an assumed decimal mark). */
  readonly notes: readonly ImportNote[];
}

/** The file, its mapping or the workbook was refused: nothing is read, or nothing written. */
export interface ImportRefused {
  readonly ok: false;
  readonly problem: ImportRefusal;
}

/** Why the mapping can't be applied to these headers, or null if it can. */
export function mappingProblem(headers: readonly string[], mapping: ColumnMapping): ImportRefusal | null {
  const unmapped = LEDGER_FIELDS.filter((f) => FIELD_SPECS[f].required && mapping.columns[f] === undefined);
  if (unmapped.length > 0) return { code: "unmappedRequired", fields: unmapped };
  const have = new Set(headers);
  for (const field of LEDGER_FIELDS) {
    const header = mapping.columns[field];
    if (header !== undefined && !have.has(header)) return { code: "missingColumn", header, field };
  }
  const byHeader = new Map<string, LedgerField[]>();
  for (const field of LEDGER_FIELDS) {
    const header = mapping.columns[field];
    if (header !== undefined) byHeader.set(header, [...(byHeader.get(header) ?? []), field]);
  }
  for (const [header, fields] of byHeader) if (fields.length > 1) return { code: "sameColumnTwice", header, fields };
  return null;
}

/** A column's cells, for the file-wide detections. */
function* column(table: SourceTable, index: number | undefined): Iterable<Cell> {
  if (index === undefined) return;
  for (const row of table.rows) yield row.cells[index] ?? null;
}

/** The decimal mark and day/month order for this file: the mapping's where it fixes them, else what the file shows. */
export function readSettings(table: SourceTable, mapping: ColumnMapping): ReadSettings {
  const index = (field: LedgerField): number | undefined => {
    const header = mapping.columns[field];
    const i = header === undefined ? -1 : table.headers.indexOf(header);
    return i < 0 ? undefined : i;
  };
  const numbers = function* (): Iterable<Cell> {
    yield* column(table, index("units"));
    yield* column(table, index("reviewMinutes"));
  };
  const detected = detectDecimal(numbers(), table.delimiter ?? ",");
  const evidence = detectDateOrder(column(table, index("timestamp")));
  return {
    decimal: mapping.decimal === "auto" ? detected.mark : mapping.decimal,
    decimalEvidence: mapping.decimal !== "auto" || detected.evidence,
    decimalUndecided: mapping.decimal !== "auto" || detected.evidence ? 0 : detected.undecided,
    dateOrder: mapping.dateOrder === "auto" ? evidence.order : mapping.dateOrder,
    dateEvidence: evidence,
  };
}

interface RowFields {
  timestampMs: number;
  agent: string;
  job: string;
  actionType: string;
  units: number;
  status: OutcomeStatus;
  escalated: boolean;
  rerun: boolean;
  reviewMinutes: number;
  team: string;
}

/** The content a row's key hashes: its values in a fixed order, separated by a character no field contains. */
export const contentOf = (f: RowFields): string =>
  `${f.timestampMs}\u001f${f.agent}\u001f${f.job}\u001f${f.actionType}\u001f${f.units}\u001f${f.status}\u001f${f.escalated ? 1 : 0}\u001f${f.rerun ? 1 : 0}\u001f${f.reviewMinutes}\u001f${f.team}`;

/**
 * Reads rows under one mapping: the column of each field and the settings are fixed once,
 * and each row's cells are read into its fields, or into every reason it can't be read.
 */
class RowReader {
  private readonly at: Readonly<Record<LedgerField, number>>;
  private readonly mixed: boolean;

  constructor(
    private readonly table: SourceTable,
    mapping: ColumnMapping,
    private readonly settings: ReadSettings,
  ) {
    const at = {} as Record<LedgerField, number>;
    for (const field of LEDGER_FIELDS) {
      const header = mapping.columns[field];
      at[field] = header === undefined ? -1 : table.headers.indexOf(header);
    }
    this.at = at;
    this.mixed = settings.dateEvidence.dayFirst && settings.dateEvidence.monthFirst;
  }

  private header(field: LedgerField): string {
    return this.table.headers[this.at[field]] ?? "";
  }

  /** The field's cell, or undefined when its column is not mapped. */
  private cell(cells: readonly Cell[], field: LedgerField): Cell | undefined {
    const i = this.at[field];
    return i < 0 ? undefined : (cells[i] ?? null);
  }

  private text(cells: readonly Cell[], field: "agent" | "job" | "actionType" | "team", reasons: RejectReason[]): string {
    const c = this.cell(cells, field);
    if (c === undefined || isBlank(c)) return FIELD_DEFAULTS[field];
    const text = cleanText(c);
    // Excel refuses a longer text in a cell: the row is rejected here instead of every write retry failing.
    if (text.length > EXCEL_CELL_LIMITS.textLength) reasons.push({ code: "textTooLong", header: this.header(field), length: text.length, limit: EXCEL_CELL_LIMITS.textLength });
    return text;
  }

  private amount(cells: readonly Cell[], field: "units" | "reviewMinutes", reasons: RejectReason[]): number {
    const c = this.cell(cells, field);
    if (c === undefined) return FIELD_DEFAULTS.reviewMinutes;
    const header = this.header(field);
    if (isBlank(c)) {
      if (FIELD_SPECS[field].required) reasons.push({ code: "blankRequired", header, field });
      return 0;
    }
    const n = parseNumber(c, this.settings.decimal);
    const text = cellText(c).trim();
    if (!n.ok && n.problem === "beyondExcel") reasons.push({ code: "beyondExcel", header, text, limit: EXCEL_CELL_LIMITS.largestNumber });
    else if (!n.ok) reasons.push({ code: "notANumber", header, text, decimal: this.settings.decimal });
    else if (n.value < 0) reasons.push({ code: "negative", header, text });
    return n.ok ? n.value : 0;
  }

  private flag(cells: readonly Cell[], field: "escalated" | "rerun", reasons: RejectReason[]): boolean {
    const c = this.cell(cells, field);
    if (c === undefined || isBlank(c)) return FIELD_DEFAULTS[field];
    const b = parseBoolean(c);
    if (!b.ok) reasons.push({ code: "notABoolean", header: this.header(field), text: cellText(c).trim() });
    return b.ok && b.value;
  }

  private timestamp(cells: readonly Cell[], reasons: RejectReason[]): number {
    const c = this.cell(cells, "timestamp") ?? null;
    const header = this.header("timestamp");
    if (isBlank(c)) {
      reasons.push({ code: "blankRequired", header, field: "timestamp" });
      return 0;
    }
    const t = parseTimestamp(c, this.settings.dateOrder, this.mixed);
    if (t.ok) return t.value;
    const text = cellText(c).trim();
    if (t.problem === "ambiguousDate" || t.problem === "mixedDateOrder") reasons.push({ code: t.problem, header, text, dayFirstMs: t.dayFirst, monthFirstMs: t.monthFirst });
    // A value that can only be the other order is refused only under a fixed order, so the order is known here.
    else if (t.problem === "notInOrder") reasons.push({ code: "notInOrder", header, text, order: this.settings.dateOrder ?? "MDY" });
    else reasons.push({ code: t.problem, header, text });
    return 0;
  }

  private status(cells: readonly Cell[], reasons: RejectReason[]): OutcomeStatus {
    const c = this.cell(cells, "status");
    if (c === undefined) return FIELD_DEFAULTS.status;
    const read = parseStatus(c);
    if (!read.ok) reasons.push({ code: "notAStatus", header: this.header("status"), text: cellText(c).trim() });
    return read.ok ? read.value : FIELD_DEFAULTS.status;
  }

  read(row: SourceRow): RowFields | RejectReason[] {
    if (row.problem === "unclosedQuote") return [{ code: "unclosedQuote" }];
    // A character that is not UTF-8 is never guessed: a corrected file then imports the row once, and nothing twice.
    if (row.notUtf8) return [{ code: "notUtf8", count: row.notUtf8.count, offset: row.notUtf8.offset }];
    const cells = row.cells;
    const width = this.table.headers.length;
    // A CSV row with a different count of values is misaligned; an .xlsx row can only be short of trailing blanks.
    const misaligned = this.table.format === "csv" ? cells.length !== width : cells.slice(width).some((c) => !isBlank(c));
    if (misaligned) return [{ code: "fieldCount", got: cells.length, expected: width }];
    const reasons: RejectReason[] = [];
    const fields: RowFields = {
      timestampMs: this.timestamp(cells, reasons),
      agent: this.text(cells, "agent", reasons),
      job: this.text(cells, "job", reasons),
      actionType: this.text(cells, "actionType", reasons),
      units: this.amount(cells, "units", reasons),
      status: this.status(cells, reasons),
      escalated: this.flag(cells, "escalated", reasons),
      rerun: this.flag(cells, "rerun", reasons),
      reviewMinutes: this.amount(cells, "reviewMinutes", reasons),
      team: this.text(cells, "team", reasons),
    };
    return reasons.length > 0 ? reasons : fields;
  }
}

/**
 * Applies the mapping to every data row. `existingKeys`: keys already in the ledger, whose
 * rows are skipped as duplicates. Refused (nothing read) when the mapping does not fit.
 */
export function importTable(table: SourceTable, mapping: ColumnMapping, existingKeys: ReadonlySet<string> = new Set()): ImportResult | ImportRefused {
  const problem = mappingProblem(table.headers, mapping);
  if (problem) return { ok: false, problem };
  const settings = readSettings(table, mapping);
  const reader = new RowReader(table, mapping, settings);
  const records: LedgerRecord[] = [];
  const rejects: RejectedRow[] = [];
  const seen = new Map<string, number>();
  let duplicates = 0;
  let acceptedUnits = 0;
  let duplicateUnits = 0;
  for (const row of table.rows) {
    const fields = reader.read(row);
    if (Array.isArray(fields)) {
      rejects.push({ sourceRow: row.line, reasons: fields, raw: row.raw });
      continue;
    }
    const hash = fnv1a64(contentOf(fields));
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    const key = `${hash}-${occurrence}`;
    if (existingKeys.has(key)) {
      duplicates++;
      duplicateUnits += fields.units;
      continue;
    }
    acceptedUnits += fields.units;
    records.push({ sourceRow: row.line, ...fields, key });
  }
  const notes: ImportNote[] = [];
  if (table.preamble.length > 0) notes.push({ code: "preamble", lines: table.preamble, headerLine: table.headerLine });
  if (settings.decimalUndecided > 0) notes.push({ code: "decimalGuessed", decimal: settings.decimal });
  return {
    ok: true,
    records,
    rejects,
    counts: { read: table.rows.length, accepted: records.length, rejected: rejects.length, duplicates, blankLines: table.blankLines },
    units: { accepted: acceptedUnits, duplicates: duplicateUnits },
    settings,
    notes,
  };
}

/** What the pane shows before the analyst confirms a mapping: how the file reads with it, and what needs a decision. */
export interface Inspection {
  readonly headers: readonly string[];
  readonly rows: number;
  readonly settings: ReadSettings;
  /** What needs a decision: an undecided day/month order, an assumed decimal mark. */
  readonly questions: readonly ImportNote[];
}

export function inspectTable(table: SourceTable, mapping: ColumnMapping): Inspection {
  const settings = readSettings(table, mapping);
  const questions: ImportNote[] = [];
  if (settings.dateOrder === null && settings.dateEvidence.ambiguous > 0) questions.push({ code: "dateOrderNeeded", ambiguous: settings.dateEvidence.ambiguous });
  if (settings.decimalUndecided > 0) questions.push({ code: "decimalGuessed", decimal: settings.decimal });
  return { headers: table.headers, rows: table.rows.length, settings, questions };
}

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
import { groupKey } from "../engine/ledger";
import type { CostSource, LedgerRecord, OutcomeStatus, TokenCounts } from "../engine/ledger-types";
import { builtInRateCard } from "../engine/rates";
import { builtInPriceList, modelTokenPrices } from "../engine/token-prices";
import type { ImportNote, ImportRefusal, RejectReason } from "../messages/import";
import { detectDateOrder, parseTimestamp, type DateOrder, type OrderEvidence } from "./timestamps";
import { FIELD_DEFAULTS, FIELD_SPECS, LEDGER_FIELDS, TOKEN_FIELDS, unmappedRequired, type CountField, type LedgerField, type TokenField } from "./fields";
import { packedKey } from "./raw-keys";
import { fnv1a64 } from "./sha256";
import type { ColumnMapping } from "./mapping";
import type { SourceRow, SourceTable } from "./source";
import { costScaleOf } from "./shapes";
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
  /** New records, in file order: one per accepted row, or one per status of an aggregated row with status counts. */
  readonly records: readonly ImportedRecord[];
  readonly rejects: readonly RejectedRow[];
  readonly counts: ImportCounts;
  /** Units of the accepted records and of the rows skipped as duplicates: what reconciles with the log. */
  readonly units: { readonly accepted: number; readonly duplicates: number };
  /** Actions the new records stand for: Σ their counts. */
  readonly actions: number;
  readonly settings: ReadSettings;
  /** Notes for the pane (title lines skipped, an assumed decimal mark). */
  readonly notes: readonly ImportNote[];
  /** The periods of the file's rows of many actions, by match key (periodOf): what a later export of a period may replace. */
  readonly periods: ReadonlyMap<string, PeriodSeen>;
}

/** A period (day or time, and group) the file's rows of many actions cover. */
export interface PeriodSeen {
  /** The keys of every ledger row the file has for it, added or already held. */
  readonly keys: readonly string[];
  /** The line of the file's first row of it. */
  readonly line: number;
  /** Ledger rows it added (not held before). */
  readonly added: number;
}

/** A period's match key (periodOf hashed), told apart from an action's by its prefix: what a later export of the period finds it by. */
export const PERIOD_PREFIX = "p:";
/** The key of a reversal row (a later export replaced its period, src/import/periods.ts replacementOf): "rev:" and the key of the row it reverses. */
export const REVERSAL_PREFIX = "rev:";
export const periodKey = (f: Parameters<typeof periodOf>[0]): string => `${PERIOD_PREFIX}${fnv1a64(periodOf(f))}`;

/** The file, its mapping or the workbook was refused: nothing is read, or nothing written. */
export interface ImportRefused {
  readonly ok: false;
  readonly problem: ImportRefusal;
}

/** Why the mapping can't be applied to these headers, or null if it can. */
export function mappingProblem(headers: readonly string[], mapping: ColumnMapping): ImportRefusal | null {
  const unmapped = unmappedRequired(mapping.columns);
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
    for (const field of ["units", "reviewMinutes", "cost", ...TOKEN_FIELDS] as const) yield* column(table, index(field));
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

/** What else a row may say, from vendors' and gateways' exports (each undefined where not mapped or blank). */
interface RowExtras {
  id: string;
  /** The count column's value; undefined when not mapped or blank. */
  count: number | undefined;
  cost: number | undefined;
  model: string;
  tokens: TokenCounts | undefined;
  succeeded: number | undefined;
  failed: number | undefined;
  validated: number | undefined;
}

/**
 * The content a key of the ledger's first version hashed: every value, in a fixed order. A
 * ledger imported before identity took the core fields only holds such keys, and a row whose
 * old key is there is skipped as the duplicate it is.
 */
export const contentOf = (f: RowFields): string =>
  `${f.timestampMs}\u001f${f.agent}\u001f${f.job}\u001f${f.actionType}\u001f${f.units}\u001f${f.status}\u001f${f.escalated ? 1 : 0}\u001f${f.rerun ? 1 : 0}\u001f${f.reviewMinutes}\u001f${f.team}`;

/** The figures of a row of many actions, which grow while its period runs: its count, units, cost, status counts, review minutes and tokens. */
const figuresOf = (f: RowFields, e: RowExtras): string =>
  [e.count, f.units, e.cost, e.succeeded, e.failed, e.validated, f.reviewMinutes, e.tokens?.input, e.tokens?.output, e.tokens?.cacheRead, e.tokens?.cacheWrite].map((v) => (v === undefined ? "" : String(v))).join("\u001f");

/**
 * A row's identity without an id: the action's core fields only (time, agent, job, action
 * type, and its units, or its tokens when the log has no units), so a later export that maps
 * one more column (a team, a cost, a status that was not there) gives the same key.
 */
export const coreOf = (f: RowFields, tokens: TokenCounts | undefined, unitsMapped: boolean): string =>
  `${f.timestampMs}\u001f${f.agent}\u001f${f.job}\u001f${f.actionType}\u001f${unitsMapped || !tokens ? f.units : `${tokens.input}\u001f${tokens.output}\u001f${tokens.cacheRead}\u001f${tokens.cacheWrite}`}`;

/** What marks the same action arriving from two files, whatever else they map: its time, job and units. */
export const matchOf = (f: RowFields): string => `${f.timestampMs}\u001f${f.job.trim().toLowerCase()}\u001f${f.units}`;

/**
 * What marks the same period of a row that stands for many actions (a vendor's daily row, a
 * warehouse aggregate, a daily row aggregated on import) from two imports: its time, group and
 * model (names as the workbook groups them, groupKey), not its sums or statuses, which grow
 * while the period is still running. A day exported before it ended and again after is two rows
 * of different sums but one period; two vendors' usage of one day (their models differ) are two.
 */
export const periodOf = (f: Pick<RowFields, "timestampMs" | "agent" | "job" | "actionType" | "team" | "escalated" | "rerun"> & { readonly model: string }): string =>
  `period\u001f${f.timestampMs}\u001f${groupKey(f.agent)}\u001f${groupKey(f.job)}\u001f${groupKey(f.actionType)}\u001f${groupKey(f.team)}\u001f${f.escalated ? 1 : 0}\u001f${f.rerun ? 1 : 0}\u001f${groupKey(f.model)}`;

/**
 * Reads rows under one mapping: the column of each field and the settings are fixed once,
 * and each row's cells are read into its fields, or into every reason it can't be read.
 */
class RowReader {
  private readonly at: Readonly<Record<LedgerField, number>>;
  private readonly mixed: boolean;
  private readonly costScale: number;

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
    this.costScale = costScaleOf(table.headers, mapping.columns) ?? 1;
  }

  /** A cost as the cost column states it, in dollars: scaled where the column is in cents (the mapping's costScale). */
  private dollars(amount: number | undefined): number | undefined {
    return amount === undefined ? undefined : amount * this.costScale;
  }

  private header(field: LedgerField): string {
    return this.table.headers[this.at[field]] ?? "";
  }

  /** The field's cell, or undefined when its column is not mapped. */
  private cell(cells: readonly Cell[], field: LedgerField): Cell | undefined {
    const i = this.at[field];
    return i < 0 ? undefined : (cells[i] ?? null);
  }

  private text(cells: readonly Cell[], field: "agent" | "job" | "actionType" | "team" | "id" | "model", reasons: RejectReason[]): string {
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
    if (isBlank(c) && FIELD_SPECS[field].required) {
      reasons.push({ code: "blankRequired", header: this.header(field), field });
      return 0;
    }
    return this.optionalAmount(cells, field, reasons) ?? 0;
  }

  /** A number 0 or more, or undefined when its column is not mapped or its cell is blank. */
  private optionalAmount(cells: readonly Cell[], field: "units" | "reviewMinutes" | "cost" | TokenField, reasons: RejectReason[]): number | undefined {
    const c = this.cell(cells, field);
    if (c === undefined || isBlank(c)) return undefined;
    const header = this.header(field);
    const n = parseNumber(c, this.settings.decimal);
    const text = cellText(c).trim();
    if (!n.ok && n.problem === "beyondExcel") reasons.push({ code: "beyondExcel", header, text, limit: EXCEL_CELL_LIMITS.largestNumber });
    else if (!n.ok) reasons.push({ code: "notANumber", header, text, decimal: this.settings.decimal });
    else if (n.value < 0) reasons.push({ code: "negative", header, text });
    return n.ok ? n.value : 0;
  }

  /**
   * A count of actions: a whole number, 0 or more (a row's count at least 1); a yes or no
   * reads as 1 or 0 (a one-action log's "Validated" column says whether it was). Undefined
   * when not mapped or blank.
   */
  private actionCount(cells: readonly Cell[], field: CountField, reasons: RejectReason[]): number | undefined {
    const c = this.cell(cells, field);
    if (c === undefined || isBlank(c)) return undefined;
    const n = parseNumber(c, this.settings.decimal);
    const b = n.ok ? undefined : parseBoolean(c);
    const value = n.ok ? n.value : b?.ok ? (b.value ? 1 : 0) : NaN;
    if (!Number.isInteger(value) || value < (field === "count" ? 1 : 0)) {
      reasons.push({ code: "notACount", header: this.header(field), text: cellText(c).trim(), least: field === "count" ? 1 : 0 });
      return undefined;
    }
    return value;
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

  /** The row's tokens, or undefined when every token cell is blank. */
  private tokens(cells: readonly Cell[], reasons: RejectReason[]): TokenCounts | undefined {
    const values = TOKEN_FIELDS.map((f) => this.optionalAmount(cells, f, reasons));
    if (values.every((t) => t === undefined)) return undefined;
    const [input, output, cacheRead, cacheWrite] = values.map((t) => t ?? 0) as [number, number, number, number];
    return { input, output, cacheRead, cacheWrite };
  }

  private get tokensMapped(): boolean {
    return TOKEN_FIELDS.some((f) => this.at[f] >= 0);
  }

  /** Whether the log has a units column (a token or spend log may not). */
  get unitsMapped(): boolean {
    return this.at.units >= 0;
  }

  read(row: SourceRow): { fields: RowFields; extras: RowExtras } | RejectReason[] {
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
    const extras: RowExtras = {
      id: this.text(cells, "id", reasons),
      count: this.actionCount(cells, "count", reasons),
      cost: this.dollars(this.optionalAmount(cells, "cost", reasons)),
      model: this.text(cells, "model", reasons),
      tokens: this.tokensMapped ? this.tokens(cells, reasons) : undefined,
      succeeded: this.actionCount(cells, "succeeded", reasons),
      failed: this.actionCount(cells, "failed", reasons),
      validated: this.actionCount(cells, "validated", reasons),
    };
    return reasons.length > 0 ? reasons : { fields, extras };
  }
}

/** A record as the importer makes it: with what marks the same action in another file, and the earlier import that has such a row. */
export interface ImportedRecord extends LedgerRecord {
  readonly count: number;
  readonly costSource: CostSource;
  readonly model: string;
  /**
   * The hash of its time, job and units (matchOf): the same action arriving from two files has
   * the same. A row of more than one action: the hash of its period (periodOf).
   */
  readonly matchKey: string;
  /** An earlier import with a row of the same match key: likely the same action, or period, from another export. */
  readonly likelyDuplicateOf?: number;
}

/** One ledger row of a source row: all of it, or the actions of one status of an aggregated row. */
interface StatusPart {
  readonly status: OutcomeStatus;
  readonly count: number;
  /** Appended to the row's key: "" for the row's own status, ":validated" … for a part its status counts make. */
  readonly suffix: string;
}

/**
 * How an aggregated row's status counts become ledger rows. Validated actions are among the
 * succeeded ones (validated is the stronger success: a check or a human accepted the work), so
 * succeeded ≥ validated; the row's count (else succeeded + failed) is at least succeeded +
 * failed (and a row at least one action). Parts: `validated` validated, `succeeded − validated` succeeded, `failed` failed, and
 * the rest with the row's own status (attempted unless it says). Each part is its own ledger
 * row with its count, so every summary keeps matching by status and weighting by count.
 */
function statusParts(status: OutcomeStatus, x: RowExtras): StatusPart[] | RejectReason {
  if (x.succeeded === undefined && x.failed === undefined && x.validated === undefined) return [{ status, count: x.count ?? FIELD_DEFAULTS.count, suffix: "" }];
  const validated = x.validated ?? 0;
  const succeeded = x.succeeded ?? validated;
  const failed = x.failed ?? 0;
  // Without a count the row is its succeeded and failed actions, and at least one (a one-action log's "Validated: no").
  const count = x.count ?? Math.max(FIELD_DEFAULTS.count, succeeded + failed);
  if (validated > succeeded || succeeded + failed > count) return { code: "statusCounts", count, succeeded, failed, validated };
  const parts: StatusPart[] = [
    { status: "validated", count: validated, suffix: ":validated" },
    { status: "succeeded", count: succeeded - validated, suffix: ":succeeded" },
    { status: "failed", count: failed, suffix: ":failed" },
    { status, count: count - succeeded - failed, suffix: "" },
  ];
  return parts.filter((p) => p.count > 0);
}

/** A row's total shared among its parts by their counts, the last part taking what is left, so the parts add up to the total. */
function shares(total: number, parts: readonly StatusPart[]): number[] {
  if (parts.length === 1) return [total];
  const n = parts.reduce((sum, p) => sum + p.count, 0);
  if (n === 0) return parts.map((_, i) => (i === 0 ? total : 0));
  let left = total;
  return parts.map((p, i) => {
    if (i === parts.length - 1) return left;
    const share = (total * p.count) / n;
    left -= share;
    return share;
  });
}

const MILLION = 1_000_000;

/**
 * USD of a row's tokens at its model's prices on its date (src/engine/token-prices.ts: the rate
 * card's token prices, else the public price list's), or undefined for a model neither knows.
 * Tiers go by the input tokens of one request (the row's ÷ its count); cache reads and writes
 * are priced at their own prices where known, else at the input price.
 */
export function tokenCostUsd(model: string, tokens: TokenCounts, count: number, timestampMs: number): number | undefined {
  if (model === "") return undefined;
  const isoDate = new Date(timestampMs).toISOString().slice(0, 10);
  const prices = modelTokenPrices(builtInRateCard, builtInPriceList(), model, tokens.input / Math.max(1, count), isoDate);
  if (!prices) return undefined;
  const input = prices.inputPerMillion;
  return (tokens.input * input + tokens.output * prices.outputPerMillion + tokens.cacheRead * (prices.cacheReadPerMillion ?? input) + tokens.cacheWrite * (prices.cacheWritePerMillion ?? input)) / MILLION;
}

/** What a ledger already holds that an import compares its rows with. */
export interface ExistingRows {
  /** Every row's key: a row whose key is here is skipped as a duplicate. */
  readonly keys: ReadonlySet<string>;
  /** Each row's match key (time, job and units) and the import it came with: a new row matching one is flagged. */
  readonly matches?: ReadonlyMap<string, number>;
  /** The packed keys (raw-keys.ts) of the raw rows earlier aggregated imports summed: a row among them is skipped as a duplicate. */
  readonly rawKeys?: ReadonlySet<string>;
}

/**
 * Applies the mapping to every data row. `existing`: keys already in the ledger, whose rows
 * are skipped as duplicates (a set of keys alone, or with the match keys of earlier imports,
 * which flag likely duplicates across files). Refused (nothing read) when the mapping does not fit.
 *
 * A row's identity: with an id, `id:<id>` (the same id twice in a file is one action, the
 * second skipped); without, the hash of its core fields (coreOf) and its occurrence. A split
 * aggregated row's parts append their status (statusParts). A row whose key under the ledger's
 * first version (every value hashed, contentOf) is in the ledger is skipped too.
 *
 * A row's cost: its stated cost when mapped; else its tokens priced for its model at its date;
 * else none here (its units are priced under the workbook's pricing model where it is summed).
 */
export function importTable(
  table: SourceTable,
  mapping: ColumnMapping,
  existing: ReadonlySet<string> | ExistingRows = new Set(),
  /** Takes each new record as it is made, instead of the result's `records` (left empty): aggregation keeps its sums, not a million records. */
  sink?: (record: ImportedRecord) => void,
): ImportResult | ImportRefused {
  const problem = mappingProblem(table.headers, mapping);
  if (problem) return { ok: false, problem };
  const existingKeys = existing instanceof Set ? (existing as ReadonlySet<string>) : (existing as ExistingRows).keys;
  const matches = existing instanceof Set ? undefined : (existing as ExistingRows).matches;
  const rawKeys = existing instanceof Set ? undefined : (existing as ExistingRows).rawKeys;
  const held = (key: string): boolean => existingKeys.has(key) || (rawKeys !== undefined && rawKeys.size > 0 && rawKeys.has(packedKey(key)));
  const settings = readSettings(table, mapping);
  const reader = new RowReader(table, mapping, settings);
  const records: ImportedRecord[] = [];
  const rejects: RejectedRow[] = [];
  const seen = new Map<string, number>();
  const seenLegacy = new Map<string, number>();
  const seenIds = new Set<string>();
  const unpriced = new Map<string, number>();
  const periods = new Map<string, { keys: string[]; line: number; added: number }>();
  // Rows flagged as likely the same actions (one action a row) or the same period (rows of many) as an earlier import's.
  const flagged = { actions: { rows: 0, from: new Set<number>() }, periods: { rows: 0, from: new Set<number>() } };
  let accepted = 0;
  let duplicates = 0;
  let acceptedUnits = 0;
  let duplicateUnits = 0;
  let actionsAccepted = 0;
  const emit = sink ?? ((record: ImportedRecord): void => void records.push(record));
  for (const row of table.rows) {
    const read = reader.read(row);
    if (Array.isArray(read)) {
      rejects.push({ sourceRow: row.line, reasons: read, raw: row.raw });
      continue;
    }
    const { fields, extras } = read;
    const parts = statusParts(fields.status, extras);
    if (!Array.isArray(parts)) {
      rejects.push({ sourceRow: row.line, reasons: [parts], raw: row.raw });
      continue;
    }
    const actions = parts.reduce((n, p) => n + p.count, 0);
    let base: string;
    // A row of many actions with an id, keyed before its figures were part of its key: held under its id alone.
    let idAlone: string | undefined;
    if (extras.id !== "") {
      const id = `id:${extras.id}`;
      // The same id twice is the same action: the first stands.
      if (seenIds.has(id)) {
        duplicates++;
        duplicateUnits += fields.units;
        continue;
      }
      seenIds.add(id);
      // A row of many actions a vendor updates in place while its period runs (LiteLLM's daily tables): its figures are
      // part of its identity, so an update is another row of the period, which the import asks about (periods.ts).
      base = actions > 1 ? `${id}#${fnv1a64(figuresOf(fields, extras))}` : id;
      if (actions > 1) idAlone = id;
    } else {
      const hash = fnv1a64(coreOf(fields, extras.tokens, reader.unitsMapped));
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      base = `${hash}-${occurrence}`;
      // Imported before identity took the core fields only: the same row under its old key (an empty ledger has none).
      if (existingKeys.size > 0) {
        const legacyHash = fnv1a64(contentOf(fields));
        const legacyOccurrence = (seenLegacy.get(legacyHash) ?? 0) + 1;
        seenLegacy.set(legacyHash, legacyOccurrence);
        if (existingKeys.has(`${legacyHash}-${legacyOccurrence}`)) {
          duplicates++;
          duplicateUnits += fields.units;
          continue;
        }
      }
    }
    const period = actions > 1;
    const matchKey = period ? periodKey({ ...fields, model: extras.model }) : fnv1a64(matchOf(fields));
    const seenPeriod = period ? (periods.get(matchKey) ?? { keys: [], line: row.line, added: 0 }) : undefined;
    if (seenPeriod) periods.set(matchKey, seenPeriod);
    const earlier = matches?.get(matchKey);
    let costUsd = extras.cost;
    let costSource: CostSource = costUsd === undefined ? "units" : "stated";
    if (costUsd === undefined && extras.tokens) {
      costUsd = tokenCostUsd(extras.model, extras.tokens, actions, fields.timestampMs);
      if (costUsd === undefined) unpriced.set(extras.model, (unpriced.get(extras.model) ?? 0) + 1);
      else costSource = "tokens";
    }
    const units = shares(fields.units, parts);
    const minutes = shares(fields.reviewMinutes, parts);
    const costs = costUsd === undefined ? undefined : shares(costUsd, parts);
    const tokenShares = extras.tokens && {
      input: shares(extras.tokens.input, parts),
      output: shares(extras.tokens.output, parts),
      cacheRead: shares(extras.tokens.cacheRead, parts),
      cacheWrite: shares(extras.tokens.cacheWrite, parts),
    };
    let added = 0;
    parts.forEach((part, i) => {
      const key = `${base}${part.suffix}`;
      const partUnits = units[i] as number;
      seenPeriod?.keys.push(key);
      if (held(key) || (idAlone !== undefined && existingKeys.has(`${idAlone}${part.suffix}`))) {
        duplicateUnits += partUnits;
        return;
      }
      added++;
      if (seenPeriod) seenPeriod.added++;
      acceptedUnits += partUnits;
      const cost = costs?.[i];
      // Built in one literal, optional properties set only when present (a million rows: no spread objects to collect).
      const record: { -readonly [K in keyof ImportedRecord]: ImportedRecord[K] } = {
        sourceRow: row.line,
        timestampMs: fields.timestampMs,
        agent: fields.agent,
        job: fields.job,
        actionType: fields.actionType,
        units: partUnits,
        status: part.status,
        escalated: fields.escalated,
        rerun: fields.rerun,
        reviewMinutes: minutes[i] as number,
        team: fields.team,
        key,
        count: part.count,
        costSource,
        model: extras.model,
        matchKey,
      };
      if (cost !== undefined) record.costUsd = cost;
      if (tokenShares) record.tokens = { input: tokenShares.input[i] as number, output: tokenShares.output[i] as number, cacheRead: tokenShares.cacheRead[i] as number, cacheWrite: tokenShares.cacheWrite[i] as number };
      if (earlier !== undefined) record.likelyDuplicateOf = earlier;
      actionsAccepted += part.count;
      emit(record);
    });
    if (added > 0) {
      accepted++;
      if (earlier !== undefined) {
        const kind = period ? flagged.periods : flagged.actions;
        kind.rows++;
        kind.from.add(earlier);
      }
    } else duplicates++;
  }
  const notes: ImportNote[] = [];
  if (table.preamble.length > 0) notes.push({ code: "preamble", lines: table.preamble, headerLine: table.headerLine });
  if (settings.decimalUndecided > 0) notes.push({ code: "decimalGuessed", decimal: settings.decimal });
  const costScale = costScaleOf(table.headers, mapping.columns);
  if (costScale !== undefined && mapping.columns.cost !== undefined) notes.push({ code: "costScaled", header: mapping.columns.cost, scale: costScale });
  if (unpriced.size > 0) notes.push({ code: "tokensUnpriced", rows: [...unpriced.values()].reduce((a, b) => a + b, 0), models: [...unpriced.keys()] });
  const sorted = (from: ReadonlySet<number>): number[] => [...from].sort((a, b) => a - b);
  if (flagged.actions.rows > 0) notes.push({ code: "likelyDuplicates", rows: flagged.actions.rows, imports: sorted(flagged.actions.from) });
  if (flagged.periods.rows > 0) notes.push({ code: "periodRepeated", rows: flagged.periods.rows, imports: sorted(flagged.periods.from) });
  return {
    ok: true,
    records,
    rejects,
    counts: { read: table.rows.length, accepted, rejected: rejects.length, duplicates, blankLines: table.blankLines },
    units: { accepted: acceptedUnits, duplicates: duplicateUnits },
    actions: actionsAccepted,
    settings,
    notes,
    periods,
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

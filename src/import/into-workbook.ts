/**
 * The import's Office.js side: read what the ledger already holds (its keys and the stamps
 * of earlier imports), then append the new records to the Ledger table, the rejected rows to
 * the Rejects table and one stamp row to the Imports table, in as few requests as the 4 MB
 * payload limit allows (batch.ts sizes them).
 *
 * Round trips: one to see which tables exist; with an existing ledger, one for the tables'
 * headers and sizes and one per ~55,000 keys (each with its match key and import); then the writes, about one per 3.5 MB (a
 * 100,000-row log is about 18 MB: 6 writes, measured in test/import/scale.test.ts). Tables missing are created (sheet, header, table, the
 * column formats on the first row, which rows.add carries down). Writes go records first and
 * the stamp last: should Excel fail halfway, no stamp claims the file was imported, and
 * importing it again skips the rows that did arrive (their keys are in the ledger).
 *
 * A table's formula columns (the summaries' figures, a column an analyst added to the Ledger)
 * are written explicitly in every row appended: the column's formula as its first row holds it,
 * in R1C1 form (the same text for every row), rather than trusting Excel to fill a calculated
 * column from a null. Refusals and results are data (src/messages/import.ts words them).
 */
import { msFromSerial } from "../engine/dates";
import { groupKey } from "../engine/ledger";
import type { LedgerRecord } from "../engine/ledger-types";
import type { ImportNote, ImportRefusal, SummaryRowsAdded } from "../messages/import";
import { Refusal } from "../excel/run";
import { rangeOf } from "../template/model/address";
import { ACTION_BYTES, Batcher, DEFAULT_BUDGET_BYTES, chunkRows, cost, jsonBytes, type BatchStats } from "../excel/batch";
import { literal, type CellContent } from "../excel/literals";
import type { AggregateSetting } from "./aggregate";
import { LEDGER_COLUMNS_SINCE_COUNTS, LEDGER_WORKBOOK, type LedgerTableSpec } from "../template/sheets/ledger-tables";
import { PERIOD_PREFIX, type ImportCounts, type ImportRefused, type ImportResult, type ReadSettings } from "./importer";
import type { ColumnMapping } from "./mapping";
import type { LoadedLog } from "./load";
import { settlePeriods, type HeldLedgerRow, type PeriodSetting } from "./periods";
import { EXCEL_ROWS, READ_AS_COLUMN, SUMMARY_SPECS, planImport, type ImportPlan, type PlanOptions, type ImportStamp, type LedgerCell, type LedgerHolding, type ListedSummary } from "./plan";
import { unpackCells, KEYS_PER_CELL, PACKED_KEY_CHARS, PACKED_PREFIX } from "./raw-keys";
import { parseStatus } from "./values";

export type LedgerPart = "ledger" | "rejects" | "imports" | "rawKeys";
const PARTS: readonly LedgerPart[] = ["ledger", "rejects", "imports", "rawKeys"];

// ---- Rows ---------------------------------------------------------------------------------

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const number = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const flag = (v: unknown): boolean => v === true || (typeof v === "string" && v.toUpperCase() === "TRUE");

/**
 * A Ledger table row (values as Excel returns them) back as a record, for the summary and
 * the wallet; null for a blank or unreadable row (a row an analyst typed badly).
 */
export function recordFromRow(headers: readonly unknown[], row: readonly unknown[]): LedgerRecord | null {
  const get = (column: string): unknown => row[headers.indexOf(column)];
  const serial = number(get("Timestamp"));
  const units = number(get("Units"));
  // An analyst may have typed a row: the status is read with the synonym table, as on import.
  const status = parseStatus(text(get("Status")));
  if (!Number.isFinite(serial) || text(get("Timestamp")) === "" || !Number.isFinite(units) || text(get("Units")) === "" || !status.ok) return null;
  return {
    sourceRow: number(get("Source row")),
    timestampMs: msFromSerial(serial),
    agent: text(get("Agent")),
    job: text(get("Job")),
    actionType: text(get("Action type")),
    units,
    status: status.value,
    escalated: flag(get("Escalated")),
    rerun: flag(get("Rerun")),
    reviewMinutes: number(get("Review minutes")) || 0,
    team: text(get("Team")),
    key: text(get("Key")),
    ...extrasFromRow(get, headers.includes("Count")),
  };
}

/** A Ledger row's count, cost and tokens back as a record's; a blank Count (typed by hand, or a table made before the column) is one action, as the sheets count it. */
function extrasFromRow(get: (column: string) => unknown, hasCount: boolean): Partial<LedgerRecord> & Record<string, unknown> {
  const given = (column: string): number | undefined => {
    const v = get(column);
    return v === null || v === undefined || v === "" || !Number.isFinite(number(v)) ? undefined : number(v);
  };
  if (!hasCount) return {};
  const cost = given("Cost");
  const source = text(get("Cost source"));
  const tokens = ["Input tokens", "Output tokens", "Cache read tokens", "Cache write tokens"].map(given);
  const [input, output, cacheRead, cacheWrite] = tokens.map((t) => t ?? 0) as [number, number, number, number];
  const duplicateOf = given("Likely duplicate of");
  const bursts = given("Bursts");
  return {
    count: given("Count") ?? 1,
    ...(cost === undefined ? {} : { costUsd: cost }),
    costSource: source === "stated" || source === "tokens" ? source : cost === undefined ? "units" : "stated",
    model: text(get("Model")),
    ...(tokens.some((t) => t !== undefined) ? { tokens: { input, output, cacheRead, cacheWrite } } : {}),
    matchKey: text(get("Match key")),
    ...(duplicateOf === undefined ? {} : { likelyDuplicateOf: duplicateOf }),
    ...(bursts === undefined ? {} : { bursts }),
  };
}

// ---- Reading what the workbook holds --------------------------------------------------------

/** A formula column of a table: its index and its formula in R1C1 form, the same text in every row. */
export interface ColumnFormula {
  readonly column: number;
  readonly formulaR1C1: string;
}

interface PartState {
  readonly tableExists: boolean;
  /** A sheet of the spec's name exists (it matters only when the table does not). */
  readonly sheetExists: boolean;
  readonly headers: readonly string[];
  readonly rows: number;
  /** The sheet row (from 1) the body's last row is on; 0 when there is no table. */
  readonly lastRow: number;
  /** The body is one row with nothing in the importer's columns: a new or emptied table. */
  readonly onlyBlankRow: boolean;
  /** Columns the importer does not own whose first row holds a formula. */
  readonly formulas: readonly ColumnFormula[];
}

/** A summary table of the template (by job, agent, team…) as found: its headers and the values it lists. */
interface SummaryState extends ListedSummary {
  readonly headers: readonly string[];
  readonly onlyBlankRow: boolean;
  readonly rows: number;
  /** Its formula columns (every column but the key whose first row holds a formula). */
  readonly formulas: readonly ColumnFormula[];
}

export interface LedgerState extends LedgerHolding {
  readonly parts: Readonly<Record<LedgerPart, PartState>>;
  /** The Ledger body rows (from 0) of each period's rows (Match key "p:…"): what a later export of the period reverses. */
  readonly periodRows: ReadonlyMap<string, readonly number[]>;
  /** The summary tables the workbook has. */
  readonly summaries: readonly SummaryState[];
  readonly keys: ReadonlySet<string>;
  readonly stamps: readonly ImportStamp[];
  readonly syncs: number;
}

/** The response bytes one key cell adds (["0123456789abcdef-12"],) with a margin. */
const KEY_CELL_BYTES = 28;
/** The response bytes a row's match key and import number add. */
const MATCH_CELLS_BYTES = 36;
/** The response bytes one RawKeys cell adds: its packed keys, quoted, with a margin. */
const PACKED_CELL_BYTES = PACKED_PREFIX.length + KEYS_PER_CELL * PACKED_KEY_CHARS + 8;
/** Reads are planned against the response limit as writes are against the request limit. */
const RESPONSE_BUDGET_BYTES = DEFAULT_BUDGET_BYTES;

const specOf = (part: LedgerPart): LedgerTableSpec => LEDGER_WORKBOOK[part];
const headerTexts = (values: readonly (readonly unknown[])[] | undefined): string[] => (values?.[0] ?? []).map((h) => text(h));

/** The formula columns of a table's first row (R1C1, as Excel returns it), leaving out the columns the importer fills itself. */
export function columnFormulas(headers: readonly string[], firstRowR1C1: readonly unknown[], own: ReadonlySet<string>): ColumnFormula[] {
  return headers.flatMap((header, column): ColumnFormula[] => {
    const formula = firstRowR1C1[column];
    return !own.has(header) && typeof formula === "string" && formula.startsWith("=") ? [{ column, formulaR1C1: formula }] : [];
  });
}

export async function readLedgerState(context: Excel.RequestContext, responseBudget = RESPONSE_BUDGET_BYTES): Promise<LedgerState> {
  const book = context.workbook;
  let syncs = 0;
  const sheets = PARTS.map((p) => book.worksheets.getItemOrNullObject(specOf(p).sheet).load("name"));
  const tables = PARTS.map((p) => book.tables.getItemOrNullObject(specOf(p).table).load("name"));
  const summaryTables = SUMMARY_SPECS.map((spec) => book.tables.getItemOrNullObject(spec.table).load("name"));
  await context.sync();
  syncs++;

  // Headers, sizes and the first row of each table there is, and the whole (small) Imports table.
  const reads = tables.map((table, i) => {
    if (table.isNullObject) return null;
    const body = table.getDataBodyRange();
    return {
      body,
      header: table.getHeaderRowRange().load("values"),
      size: body.load("rowCount, address"),
      first: body.getRow(0).load("values, formulasR1C1"),
      all: PARTS[i] === "imports" ? table.getDataBodyRange().load("values") : null,
    };
  });
  // The summaries are small (a row per job, agent…): read whole in the same request.
  const summaryReads = summaryTables.map((table) =>
    table.isNullObject ? null : { header: table.getHeaderRowRange().load("values"), body: table.getDataBodyRange().load("values"), first: table.getDataBodyRange().getRow(0).load("formulasR1C1") },
  );
  if (reads.some((r) => r !== null) || summaryReads.some((r) => r !== null)) {
    await context.sync();
    syncs++;
  }
  const summaries = summaryReads.flatMap((read, i): SummaryState[] => {
    const spec = SUMMARY_SPECS[i];
    if (!read || !spec) return [];
    const headers = headerTexts(read.header.values);
    const column = headers.indexOf(spec.column);
    if (column < 0) return [];
    const values = read.body.values.map((row) => text(row[column]));
    const formulas = columnFormulas(headers, read.first.formulasR1C1[0] ?? [], new Set([spec.column]));
    return [{ spec, headers, listed: new Set(values.map(groupKey).filter((v) => v !== "")), onlyBlankRow: values.length === 1 && values[0] === "", rows: values.length, formulas }];
  });

  const parts = {} as Record<LedgerPart, PartState>;
  PARTS.forEach((part, i) => {
    const read = reads[i];
    const headers = read ? headerTexts(read.header.values) : [];
    const own = new Set<string>(specOf(part).columns);
    const first = read?.first.values[0] ?? [];
    const rows = read ? read.size.rowCount : 0;
    parts[part] = {
      tableExists: read !== null && read !== undefined,
      sheetExists: !(sheets[i]?.isNullObject ?? true),
      headers,
      rows,
      lastRow: read ? Number(/(\d+)$/.exec(read.size.address)?.[1] ?? rows + 1) : 0,
      onlyBlankRow: rows === 1 && headers.every((h, c) => !own.has(h) || text(first[c]) === ""),
      formulas: read ? columnFormulas(headers, read.first.formulasR1C1[0] ?? [], own) : [],
    };
  });

  // The Ledger's keys, in reads sized to the response budget.
  // With each key, where the table has them, the row's match key and import: what flags a likely duplicate from another file.
  const keys = new Set<string>();
  const matches = new Map<string, number>();
  const periodRows = new Map<string, number[]>();
  const ledger = reads[0];
  const keyColumn = parts.ledger.headers.indexOf("Key");
  const matchColumn = parts.ledger.headers.indexOf("Match key");
  const importColumn = parts.ledger.headers.indexOf("Import");
  const withMatches = matchColumn >= 0 && importColumn >= 0;
  if (ledger && keyColumn >= 0 && !parts.ledger.onlyBlankRow) {
    const perRead = Math.max(1, Math.floor(responseBudget / (KEY_CELL_BYTES + (withMatches ? MATCH_CELLS_BYTES : 0))));
    for (let from = 0; from < parts.ledger.rows; from += perRead) {
      const count = Math.min(perRead, parts.ledger.rows - from);
      const column = (c: number): Excel.Range => ledger.body.getCell(from, c).getResizedRange(count - 1, 0).load("values");
      const range = column(keyColumn);
      const matched = withMatches ? { match: column(matchColumn), import: column(importColumn) } : null;
      await context.sync();
      syncs++;
      for (const [key] of range.values) if (key !== "" && key !== null && key !== undefined) keys.add(String(key));
      if (matched)
        matched.match.values.forEach(([match], r) => {
          if (typeof match === "string" && match.startsWith(PERIOD_PREFIX)) {
            const rows = periodRows.get(match);
            if (rows) rows.push(from + r);
            else periodRows.set(match, [from + r]);
          }
          const importNumber = number(matched.import.values[r]?.[0]);
          if (match !== "" && match !== null && match !== undefined && Number.isFinite(importNumber) && !matches.has(String(match))) matches.set(String(match), importNumber);
        });
    }
  }

  // The raw keys aggregated imports kept (a few hundred cells for a million actions), in reads sized to the response budget.
  // With each cell, the import it came with: a daily row of the same period as that import's was taken apart from it action by action.
  const packed: string[] = [];
  const rawKeyImports = new Set<number>();
  const rawKeysRead = reads[PARTS.indexOf("rawKeys")];
  const packedColumn = parts.rawKeys.headers.indexOf("Packed keys");
  const packedImport = parts.rawKeys.headers.indexOf("Import");
  if (rawKeysRead && packedColumn >= 0 && packedImport >= 0 && !parts.rawKeys.onlyBlankRow) {
    const perRead = Math.max(1, Math.floor(responseBudget / PACKED_CELL_BYTES));
    for (let from = 0; from < parts.rawKeys.rows; from += perRead) {
      const column = (c: number): Excel.Range => rawKeysRead.body.getCell(from, c).getResizedRange(Math.min(perRead, parts.rawKeys.rows - from) - 1, 0).load("values");
      const cells = column(packedColumn);
      const imports = column(packedImport);
      await context.sync();
      syncs++;
      for (const [cell] of cells.values) packed.push(text(cell));
      for (const [importNumber] of imports.values) if (typeof importNumber === "number") rawKeyImports.add(importNumber);
    }
  }
  const rawKeys = unpackCells(packed);

  const stampRows = reads[2]?.all?.values ?? [];
  const h = parts.imports.headers;
  const stamps = stampRows
    .map((row) => ({ importNumber: number(row[h.indexOf("Import")]), at: number(row[h.indexOf("Imported at")]), file: text(row[h.indexOf("File")]), sha256: text(row[h.indexOf("SHA-256")]) }))
    .filter((s) => Number.isFinite(s.importNumber) && s.importNumber > 0);
  // Rows each table takes before its sheet ends: a table the import creates starts at its anchor, A1, with one blank row to fill.
  const left = (part: "ledger" | "rejects"): number => {
    const p = parts[part];
    return p.tableExists ? EXCEL_ROWS - p.lastRow + (p.onlyBlankRow ? 1 : 0) : EXCEL_ROWS - 1;
  };
  return { parts, summaries, keys, matches, periodRows, rawKeys, rawKeyImports, stamps, syncs, rowsLeft: { ledger: left("ledger"), rejects: left("rejects") } };
}

/** Ledger rows read back a request: at most a few hundred bytes each, well within the response budget. */
const PERIOD_ROWS_PER_READ = 2_000;

/** The Ledger rows of the periods a plan repeats, as held (by header), in reads of PERIOD_ROWS_PER_READ: what replacing them reverses. */
export async function readPeriodRows(context: Excel.RequestContext, state: LedgerState, plan: ImportPlan): Promise<{ rows: HeldLedgerRow[]; syncs: number }> {
  const offsets = plan.periods.flatMap((p) => state.periodRows.get(p.matchKey) ?? []);
  const rows: HeldLedgerRow[] = [];
  let syncs = 0;
  if (!state.parts.ledger.tableExists) return { rows, syncs };
  const body = context.workbook.tables.getItem(LEDGER_WORKBOOK.ledger.table).getDataBodyRange();
  const headers = state.parts.ledger.headers;
  for (let from = 0; from < offsets.length; from += PERIOD_ROWS_PER_READ) {
    const ranges = offsets.slice(from, from + PERIOD_ROWS_PER_READ).map((offset) => body.getRow(offset).load("values"));
    await context.sync();
    syncs++;
    for (const range of ranges) rows.push(Object.fromEntries(headers.map((h, c) => [h, cellOf(range.values[0]?.[c])])));
  }
  return { rows, syncs };
}

/** A value Excel returned as a Ledger cell (blank as none). */
const cellOf = (value: unknown): LedgerCell | null => (typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value !== "") ? value : null);

// ---- Writing --------------------------------------------------------------------------------

export interface WriteResult {
  readonly importNumber: number;
  readonly writes: BatchStats;
  /** The rows added to each summary table. */
  readonly summaryRows: readonly SummaryRowsAdded[];
}

/** Why the import would damage the workbook or could not fill it, before any write; null when it can go ahead. */
export function planWrite(state: LedgerState, plan?: ImportPlan): ImportRefusal | null {
  const needed = plan ? neededLedgerColumns(plan) : new Set<string>();
  for (const part of PARTS) {
    const spec = specOf(part);
    const s = state.parts[part];
    // The RawKeys table matters only to an aggregated import: a workbook without it is not refused a row-by-row one.
    if (part === "rawKeys" && (plan?.rawKeys.length ?? 0) === 0) continue;
    if (!s.tableExists && s.sheetExists) return { code: "sheetWithoutTable", sheet: spec.sheet, table: spec.table };
    const missing = s.tableExists ? spec.columns.filter((c) => !s.headers.includes(c) && !(OPTIONAL_COLUMNS.has(c) && !needed.has(c))) : [];
    if (missing.length > 0) return { code: "missingColumns", table: spec.table, columns: missing };
  }
  return null;
}

/**
 * Columns a workbook made before them may lack. The Imports table's "Read as" (the Mapping cell
 * holds the same facts), "Ledger rows" and "Actions accepted" (the stamp's other cells stay);
 * the Ledger's columns since counts (LEDGER_COLUMNS_SINCE_COUNTS) while the import leaves them at
 * their defaults: one action a row, priced by units, no model or tokens. An import that needs one
 * (neededLedgerColumns) is refused: that workbook's formulas count rows, not Count.
 */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set<string>([READ_AS_COLUMN, "Ledger rows", "Actions accepted", ...LEDGER_COLUMNS_SINCE_COUNTS]);

/** The Ledger columns an import's rows need: those where some row differs from the default. */
export function neededLedgerColumns(plan: ImportPlan): Set<string> {
  const needed = new Set<string>();
  // Cost and tokens are blank by default; the match columns only mark likely duplicates, which an older workbook has no audit for.
  const defaults: Readonly<Record<string, LedgerCell>> = { Count: 1, "Cost source": "units", Model: "" };
  // Single rerun repeats Rerun for rows of one action, which an older workbook's loops read from Rerun itself;
  // Bursts, blank on rows of actions, is needed by a daily row (aggregated): an older workbook would read its midnight as an action's time.
  const informational = new Set(["Match key", "Likely duplicate of", "Single rerun"]);
  for (const row of plan.ledger)
    for (const column of LEDGER_COLUMNS_SINCE_COUNTS) {
      if (needed.has(column) || informational.has(column)) continue;
      const value = (row as Readonly<Record<string, LedgerCell | undefined>>)[column];
      if (value !== undefined && value !== defaults[column]) needed.add(column);
    }
  return needed;
}

/** Cells in the table's own column order, text made safe for Excel; null leaves a column the importer does not own (a formula column) alone. */
const inOrder = (headers: readonly string[], cells: Readonly<Record<string, LedgerCell>>): (CellContent | null)[] =>
  headers.map((h) => (h in cells ? literal(cells[h] ?? "") : null));

/** What a chunk of rows leaves free in its request: the tables' creation, a first row, a stamp. */
const CHUNK_MARGIN_BYTES = 64 * 1024;

/** Where rows go: the table, the rows its body has, whether its one blank row is filled first, and its formula columns. */
interface AppendTarget {
  readonly table: Excel.Table;
  readonly rows: number;
  readonly fillFirst: boolean;
  readonly formulas: readonly ColumnFormula[];
}

/** The actions of one formula column's write: the body, the cell, the resize, the property. */
const FORMULA_WRITE_ACTIONS = 4;

/**
 * Appends rows to one table: into its blank first row if it has only that, the rest with
 * rows.add in request-sized chunks, each followed by its formula columns written explicitly
 * (the blank first row keeps the formulas it has: they are where they were read from).
 */
async function appendRows(batch: Batcher, target: AppendTarget, rows: readonly (CellContent | null)[][]): Promise<void> {
  const { table, fillFirst, formulas } = target;
  let rest = rows;
  let at = target.rows;
  const first = rows[0];
  if (fillFirst && first) {
    await batch.reserve(cost([first], 3));
    table.getDataBodyRange().getRow(0).values = [first];
    rest = rows.slice(1);
    at = 1;
  }
  if (rest.length === 0) return;
  // Each row's share of its formula columns' writes: the formula text and the array's framing.
  const formulaBytes = formulas.reduce((sum, f) => sum + jsonBytes(f.formulaR1C1) + 3, 0);
  const rowBytes = rest.map((r) => jsonBytes(r) + 1 + formulaBytes);
  // Chunks a little under the budget, so the first shares its request with the tables' creation and the last with the next table's rows.
  for (const [from, to] of chunkRows(rowBytes, batch.budget - Math.min(CHUNK_MARGIN_BYTES, batch.budget / 8))) {
    const chunk = rest.slice(from, to);
    let bytes = ACTION_BYTES + 2 + formulas.length * (FORMULA_WRITE_ACTIONS * ACTION_BYTES + 2);
    for (let i = from; i < to; i++) bytes += rowBytes[i] ?? 0;
    await batch.reserve(bytes);
    // Office.js types the cells without null; null leaves a column the importer does not own alone (a formula column's formula follows).
    table.rows.add(undefined, chunk as (string | number | boolean)[][]);
    for (const { column, formulaR1C1 } of formulas) {
      table.getDataBodyRange().getCell(at + from, column).getResizedRange(chunk.length - 1, 0).formulasR1C1 = chunk.map(() => [formulaR1C1]);
    }
  }
}

/** Creates a part's sheet and table at its anchor: header as text, the table, the columns' formats on its first row. */
async function createPart(batch: Batcher, context: Excel.RequestContext, spec: LedgerTableSpec): Promise<Excel.Table> {
  const headers = [...spec.columns];
  const formats = headers.map((h) => spec.formats[h] ?? "General");
  await batch.reserve(cost([headers, headers, formats, spec.sheet, spec.table], 8));
  const sheet = context.workbook.worksheets.add(spec.sheet);
  const headerRange = sheet.getRange(rangeOf(spec.anchor, 1, headers.length));
  // Text format first, so a header like "Import" stays a header whatever Excel makes of it.
  headerRange.numberFormat = [headers.map(() => "@")];
  headerRange.values = [headers];
  const table = sheet.tables.add(rangeOf(spec.anchor, 2, headers.length), true);
  table.name = spec.table;
  table.getDataBodyRange().numberFormat = [formats];
  return table;
}

/** Suspends recalculation and repainting for each batch (they last until its sync). */
const suspender = (context: Excel.RequestContext) => (): number => {
  context.application.suspendApiCalculationUntilNextSync();
  context.application.suspendScreenUpdatingUntilNextSync();
  return 2 * ACTION_BYTES;
};

/** Writes a planned import; a workbook planWrite refuses throws a Refusal before anything is queued. */
export async function writeImport(context: Excel.RequestContext, state: LedgerState, plan: ImportPlan, budget = DEFAULT_BUDGET_BYTES): Promise<WriteResult> {
  const refused = planWrite(state, plan);
  if (refused) throw new Refusal(refused);
  const batch = new Batcher(context, budget, suspender(context));
  type Target = AppendTarget & { headers: readonly string[] };
  const targetOf = async (part: LedgerPart): Promise<Target> => {
    const spec = specOf(part);
    const s = state.parts[part];
    if (s.tableExists) return { table: context.workbook.tables.getItem(spec.table), headers: s.headers, rows: s.rows, fillFirst: s.onlyBlankRow, formulas: s.formulas };
    return { table: await createPart(batch, context, spec), headers: spec.columns, rows: 1, fillFirst: true, formulas: [] };
  };
  const ledger = await targetOf("ledger");
  const rejects = await targetOf("rejects");
  const imports = await targetOf("imports");
  // Created only when an aggregated import has raw keys to keep.
  const rawKeys = plan.rawKeys.length > 0 ? await targetOf("rawKeys") : undefined;
  await appendRows(batch, ledger, plan.ledger.map((row) => inOrder(ledger.headers, row)));
  await appendRows(batch, rejects, plan.rejects.map((row) => inOrder(rejects.headers, row)));
  // After the daily rows they stand for: should Excel fail between, importing again skips the daily rows that arrived by their keys.
  if (rawKeys) await appendRows(batch, rawKeys, plan.rawKeys.map((row) => inOrder(rawKeys.headers, row)));
  // New jobs, agents, teams and action types get their summary rows (the key, and each formula column's formula), before the stamp, which goes last.
  for (const { table: name, added } of plan.summaryRows) {
    const summary = state.summaries.find((s) => s.spec.table === name);
    if (!summary) continue;
    const target = { table: context.workbook.tables.getItem(name), rows: summary.rows, fillFirst: summary.onlyBlankRow, formulas: summary.formulas };
    await appendRows(batch, target, added.map((value) => inOrder(summary.headers, { [summary.spec.column]: value })));
  }
  await appendRows(batch, imports, [inOrder(imports.headers, plan.stamp)]);
  await batch.flush();
  return { importNumber: plan.importNumber, writes: batch.stats, summaryRows: plan.summaryRows };
}

// ---- The whole import -----------------------------------------------------------------------

export interface ImportOptions {
  readonly now?: Date;
  /** Import a file whose content hash an earlier import already stamped (its rows already in the ledger are still skipped). */
  readonly allowSameFile?: boolean;
  readonly budget?: number;
  /** Sum the log into daily rows (src/import/aggregate.ts): auto, daily or none (the default, as before). */
  readonly aggregate?: AggregateSetting;
  /** Periods the file exports again with other figures: ask (the default: refused with the question), replace the earlier rows, or keep both. */
  readonly periods?: PeriodSetting;
}

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly importNumber: number;
      readonly counts: ImportCounts;
      readonly units: ImportResult["units"];
      readonly settings: ReadSettings;
      /** What the pane reports, in order: the counts (done), then blank lines, new summary rows and the file's notes. */
      readonly notes: readonly ImportNote[];
      /** Rows added to the summary tables for new jobs, agents, teams and action types. */
      readonly summaryRows: readonly SummaryRowsAdded[];
      /** Round trips: reading the ledger, then writing. */
      readonly syncs: { readonly read: number; readonly write: number };
      /** Estimated bytes of each write request. */
      readonly requests: readonly number[];
    }
  | ImportRefused;

/**
 * Imports a loaded log with a mapping: reads the ledger's keys, applies the mapping, writes.
 * The import's own refusals come back as data ({ok: false, problem}); Excel's are thrown.
 */
export async function importIntoWorkbook(context: Excel.RequestContext, log: LoadedLog, mapping: ColumnMapping, options: ImportOptions = {}): Promise<ImportOutcome> {
  return importPlannedIntoWorkbook(context, (holding, planOptions) => Promise.resolve(planImport(holding, log, mapping, planOptions)), options);
}

/** Plans an import against what the ledger holds: planImport here, or the pane's log reader off its thread. */
export type ImportPlanner = (holding: LedgerHolding, options: PlanOptions) => Promise<ImportPlan | ImportRefused>;

/** Where an import is: reading the ledger, planning (the step a reader's Cancel can stop), writing. */
export type ImportStep = "ledger" | "planning" | "writing";

/**
 * The import's steps, whoever plans it: read what the ledger holds, plan against it, check the
 * workbook can take the plan, write it. A planner's refusal comes back as data; what it throws
 * (a cancelled reader) is thrown before anything is written.
 */
export async function importPlannedIntoWorkbook(
  context: Excel.RequestContext,
  planner: ImportPlanner,
  options: ImportOptions = {},
  onStep: (step: ImportStep) => void = () => undefined,
): Promise<ImportOutcome> {
  onStep("ledger");
  const state = await readLedgerState(context);
  onStep("planning");
  const planned = await planner(state, { now: options.now ?? new Date(), allowSameFile: options.allowSameFile ?? false, aggregate: options.aggregate ?? "none" });
  if ("ok" in planned) return planned;
  // Periods the file exports again with other figures: replaced, kept, or asked about, before anything is written.
  const held = options.periods === "keep" ? { rows: [], syncs: 0 } : await readPeriodRows(context, state, planned);
  const plan = settlePeriods(planned, held.rows, state.keys, options.periods ?? "ask");
  if ("ok" in plan) return plan;
  const refused = planWrite(state, plan);
  if (refused) return { ok: false, problem: refused };
  onStep("writing");
  const written = await writeImport(context, state, plan, options.budget);
  const { result } = plan;
  return {
    ok: true,
    importNumber: plan.importNumber,
    counts: result.counts,
    units: result.units,
    settings: result.settings,
    notes: plan.notes,
    summaryRows: written.summaryRows,
    syncs: { read: state.syncs + held.syncs, write: written.writes.syncs },
    requests: written.writes.requests,
  };
}

/**
 * The import without Excel (`npm run template -- --log F`): each usage log, in order, through
 * the same plan as the pane's import (the proposed or given mapping, rejects, duplicates, the
 * stamp, summary rows for new names), into the workbook's description before it is written as
 * a file. A log refused as a whole stops the run: nothing is written.
 */
import { groupKey } from "../engine/ledger";
import type { ImportNote, ImportRefusal } from "../messages/import";
import type { TableBlock, TableRow, TemplateDescription } from "../template/model/description";
import { LEDGER_WORKBOOK } from "../template/sheets/ledger-tables";
import type { ImportedRows, TemplateOptions } from "../template/sheets/names";
import { describeTemplate } from "../template/sheets/template";
import { HEADLESS_MAX_LOG_BYTES, loadLog, type LoadOptions } from "./load";
import type { AggregateSetting } from "./aggregate";
import { pickMapping, proposeMapping, type ColumnMapping } from "./mapping";
import { parseAddress } from "../template/model/address";
import { unpackCells } from "./raw-keys";
import { settlePeriods, type HeldLedgerRow, type PeriodSetting } from "./periods";
import { EXCEL_ROWS, SUMMARY_SPECS, holdingAfter, planImport, type ImportStamp, type LedgerHolding } from "./plan";

export interface HeadlessLog {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One log as it went in: its import number and what the pane would have said. */
export interface LogImported {
  readonly name: string;
  readonly importNumber: number;
  /** The mapping used: saved (given with --mapping) or proposed from the headers. */
  readonly mapping: "given" | "proposed";
  readonly notes: readonly ImportNote[];
}

export type HeadlessOutcome =
  | { readonly ok: true; readonly description: TemplateDescription; readonly logs: readonly LogImported[] }
  | { readonly ok: false; readonly name: string; readonly problem: ImportRefusal };

const tables = (description: TemplateDescription): Map<string, TableBlock> =>
  new Map(description.sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [[b.name, b] as const] : []))));

const cellText = (row: TableRow, column: string): string => {
  const value = row[column];
  return value === undefined || typeof value === "object" ? "" : String(value);
};

/** A described Ledger row as the pane reads one back: plain values, a formula cell as none. */
const heldRow = (row: TableRow): HeldLedgerRow => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === "object" ? null : value]));

/** What a described workbook's ledger holds, read from its tables as the pane reads them from Excel. */
export function holdingOf(description: TemplateDescription): LedgerHolding {
  const byName = tables(description);
  const rows = (table: string): readonly TableRow[] => byName.get(table)?.rows ?? [];
  const ledger = rows(LEDGER_WORKBOOK.ledger.table);
  const keys = new Set(ledger.map((r) => cellText(r, "Key")).filter((k) => k !== ""));
  // The first import of each match key: what a later import's row of the same time, job and units is flagged against.
  const matches = new Map<string, number>();
  for (const r of ledger) {
    const match = cellText(r, "Match key");
    const importNumber = Number(r.Import);
    if (match !== "" && Number.isFinite(importNumber) && !matches.has(match)) matches.set(match, importNumber);
  }
  const stamps: ImportStamp[] = rows(LEDGER_WORKBOOK.imports.table).map((r) => ({
    importNumber: Number(r.Import),
    at: Number(r["Imported at"]),
    file: cellText(r, "File"),
    sha256: cellText(r, "SHA-256"),
  }));
  // The raw rows aggregated imports summed (RawKeys), skipped by a later import as a Ledger row's Key is.
  const rawKeyRows = rows(LEDGER_WORKBOOK.rawKeys.table);
  const rawKeys = unpackCells(rawKeyRows.map((r) => cellText(r, "Packed keys")));
  const rawKeyImports = new Set(rawKeyRows.map((r) => Number(r.Import)).filter(Number.isFinite));
  const summaries = SUMMARY_SPECS.filter((spec) => byName.has(spec.table)).map((spec) => ({
    spec,
    listed: new Set(rows(spec.table).map((r) => groupKey(cellText(r, spec.column))).filter((k) => k !== "")),
  }));
  // The sheet row each table ends on: its heading, header and rows (at least one, blank) below its anchor, and its total row.
  const rowsLeft = (table: string): number => {
    const block = byName.get(table);
    if (!block) return EXCEL_ROWS - 1;
    return EXCEL_ROWS - (parseAddress(block.anchor).row + 1 + Math.max(block.rows.length, 1) + (block.totalRow ? 1 : 0));
  };
  return { keys, matches, rawKeys, rawKeyImports, stamps, summaries, rowsLeft: { ledger: rowsLeft(LEDGER_WORKBOOK.ledger.table), rejects: rowsLeft(LEDGER_WORKBOOK.rejects.table) } };
}

const NONE: ImportedRows = { ledger: [], rejects: [], imports: [], rawKeys: [], summaries: {} };

/** The rows so far plus one more import's. */
function withImport(rows: ImportedRows, plan: Exclude<ReturnType<typeof planImport>, { ok: false }>): ImportedRows {
  const summaries: Record<string, readonly string[]> = { ...rows.summaries };
  for (const { table, added } of plan.summaryRows) summaries[table] = [...(summaries[table] ?? []), ...added];
  return { ledger: [...rows.ledger, ...plan.ledger], rejects: [...rows.rejects, ...plan.rejects], imports: [...rows.imports, plan.stamp], rawKeys: [...rows.rawKeys, ...plan.rawKeys], summaries };
}

export interface HeadlessOptions {
  /** Saved column mappings (the pane's versioned JSON): each log takes the one for its headers; none given, the proposed one. */
  readonly mappings: readonly ColumnMapping[];
  /** When every import is stamped. */
  readonly now: Date;
  /** Import a file whose content an earlier import stamped (the pane's "Import anyway"); its rows already in are still skipped. */
  readonly allowSameFile?: boolean;
  /** How to read every log (--encoding, --sheet): a CSV's encoding, an .xlsx's sheet; absent, each file decides. */
  readonly read?: Pick<LoadOptions, "encoding" | "sheet">;
  /** Aggregate each log into daily rows (--aggregate; src/import/aggregate.ts): auto (the default here), daily or none. */
  readonly aggregate?: AggregateSetting;
  /** Periods a log exports again with other figures (--periods): ask (the default: refused, to choose), replace the earlier rows, or keep both. */
  readonly periods?: PeriodSetting;
}

/** Imports each log, in order, into the template `options` describe; the first log refused as a whole stops the run. */
export async function importLogs(options: Partial<TemplateOptions>, logs: readonly HeadlessLog[], run: HeadlessOptions): Promise<HeadlessOutcome> {
  let holding = holdingOf(describeTemplate(options));
  let imported = NONE;
  const done: LogImported[] = [];
  for (const [i, file] of logs.entries()) {
    // A long log is summed into daily rows on import, so the command reads larger files than the pane (HEADLESS_MAX_LOG_BYTES).
    const log = await loadLog(file, { ...(run.read ?? {}), maxBytes: HEADLESS_MAX_LOG_BYTES, compactRows: true });
    if ("ok" in log) return { ok: false, name: file.name, problem: log.problem };
    const given = pickMapping(run.mappings, log.table.headers);
    // Mappings given and none for these columns: a proposal could map them otherwise than the analyst meant.
    if (run.mappings.length > 0 && !given) return { ok: false, name: file.name, problem: { code: "noMappingFits", given: run.mappings.length, headers: log.table.headers } };
    const mapping = given ?? proposeMapping(log.table.headers).mapping;
    const planned = planImport(holding, log, mapping, { now: run.now, allowSameFile: run.allowSameFile ?? false, aggregate: run.aggregate ?? "auto" });
    if ("ok" in planned) return { ok: false, name: file.name, problem: planned.problem };
    // Periods the log exports again: the earlier logs' rows of them, from the rows imported so far.
    const repeated = new Set(planned.periods.map((p) => p.matchKey));
    const held = repeated.size === 0 ? [] : imported.ledger.filter((row) => repeated.has(cellText(row, "Match key"))).map(heldRow);
    const plan = settlePeriods(planned, held, holding.keys, run.periods ?? "ask");
    if ("ok" in plan) return { ok: false, name: file.name, problem: plan.problem };
    // The next log's holding (a million raw keys unpacked into a set is worth skipping after the last).
    if (i < logs.length - 1) holding = holdingAfter(holding, plan);
    imported = withImport(imported, plan);
    done.push({ name: file.name, importNumber: plan.importNumber, mapping: given ? "given" : "proposed", notes: plan.notes });
  }
  return { ok: true, description: describeTemplate({ ...options, imported }), logs: done };
}

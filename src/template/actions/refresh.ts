/**
 * Refresh scenarios: one read (the Jobs, Scenarios and vendor plans tables as they are now,
 * rows the analyst added included, the named inputs and the rate card) and one write (the Scenarios
 * table's result columns and the stamp, nothing else). The figures come from a pure
 * function passed in (src/template/actions/scenarios.ts), so this file only moves data;
 * the words its cells show are rendered by the catalogue here, where they are written.
 */
import { localIsoToday, serialFromLocalDate } from "../../engine";
import { rateCardStampMessage, scenarioNoteMessage, type RateCardStamp, type Refreshed, type ScenarioChange, type ScenarioNote, type WorkbookRefusal } from "../../messages/workbook";
import type { TemplateDescription } from "../model/description";
import { SCENARIO_RESULT_COLUMNS, STAMP_NAMES, TABLES, describeTemplate } from "../sheets/template";
import { Refusal } from "../../excel/run";
import { literal, type CellContent } from "../../excel/literals";
import { NO_RENAMES, inventory, type RenameMap } from "../writers/office/inventory";
import { builtInRateRows, compareRateCard, rateCardStamp, type RateRow } from "./ratecard";

/** A scenario's result cell: a figure, what it says instead of one, or blank (null). */
export type ScenarioCell = number | ScenarioNote | null;

/** A result cell as written: a note in the catalogue's words. */
export const scenarioCellContent = (cell: ScenarioCell): CellContent => (cell === null ? "" : typeof cell === "number" ? cell : scenarioNoteMessage(cell));

/** What the writer hands the scenario computation, and what it expects back. */
export type ScenarioCompute = (inputs: {
  /** Every named cell of the template, by the template's own name, with its value. */
  names: Record<string, unknown>;
  /** One record per table row, keyed by column header. */
  jobs: Record<string, unknown>[];
  scenarios: Record<string, unknown>[];
  /** The Vendors sheet's plans table, for a pricing model that is a vendor plan. */
  plans: Record<string, unknown>[];
}) => {
  /** One row per scenario, one cell per result column (SCENARIO_RESULT_COLUMNS order). */
  results: ScenarioCell[][];
  /** What changed, as data. */
  changes: ScenarioChange[];
};

/** The named cells the pane stamps after a refresh, as the template names them. */
export { STAMP_NAMES };

export interface RefreshOptions {
  /** The template as built: which named cells to read. Default: the current template. */
  readonly description?: TemplateDescription;
  /** Names of a copy written beside the original. */
  readonly rename?: RenameMap;
  /** The refresh time written in the stamp. */
  readonly now?: Date;
  /** The built-in card the stamp compares the workbook's with. */
  readonly builtInRates?: readonly RateRow[];
}

export interface RefreshResult extends Refreshed {
  /** What the stamp says of the workbook's rate card. */
  readonly rateCard: RateCardStamp;
}

/** Rows as records keyed by header. */
const records = (header: readonly unknown[], body: readonly (readonly unknown[])[]): Record<string, unknown>[] =>
  body.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));

/** Consecutive runs of column indexes: [start, length]. */
function runs(indexes: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indexes) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else out.push([i, 1]);
  }
  return out;
}

export async function refreshScenarios(context: Excel.RequestContext, compute: ScenarioCompute, options: RefreshOptions = {}): Promise<RefreshResult> {
  const rename = options.rename ?? NO_RENAMES;
  const tableName = (t: string): string => rename.tables.get(t) ?? t;
  const nameOf = (n: string): string => rename.names.get(n) ?? n;
  const book = context.workbook;
  const read = (table: string) => {
    const t = book.tables.getItem(tableName(table));
    return { table: t, header: t.getHeaderRowRange().load("values"), body: t.getDataBodyRange().load("values") };
  };
  const jobs = read(TABLES.jobs);
  const scenarios = read(TABLES.scenarios);
  const rateCard = read(TABLES.rateCard);
  const plans = read(TABLES.vendorPlans);
  const own = inventory(options.description ?? describeTemplate({}));
  const names = own.names.map((n) => ({ name: n.name, range: book.names.getItem(nameOf(n.name)).getRange().load("values") }));
  await context.sync();

  const scenarioHeader = scenarios.header.values[0] ?? [];
  const outcome = compute({
    names: Object.fromEntries(names.map((n) => [n.name, n.range.values[0]?.[0]])),
    jobs: records(jobs.header.values[0] ?? [], jobs.body.values),
    scenarios: records(scenarioHeader, scenarios.body.values),
    plans: records(plans.header.values[0] ?? [], plans.body.values),
  });
  const rowCount = scenarios.body.values.length;
  const resultIndexes = SCENARIO_RESULT_COLUMNS.map((c) => scenarioHeader.indexOf(c));
  if (resultIndexes.some((i) => i < 0)) throw new Refusal<WorkbookRefusal>({ code: "missingPart" });
  if (outcome.results.length !== rowCount || outcome.results.some((r) => r.length !== SCENARIO_RESULT_COLUMNS.length))
    throw new Refusal<WorkbookRefusal>({ code: "scenarioShapeMismatch", rows: rowCount, got: outcome.results.length });

  // Result columns in the table's own order, written run by run (one write when adjacent).
  const order = resultIndexes.map((col, k) => ({ col, k })).sort((a, b) => a.col - b.col);
  for (const [start, length] of rowCount > 0 ? runs(order.map((o) => o.col)) : []) {
    const ks = order.filter((o) => o.col >= start && o.col < start + length).map((o) => o.k);
    const values = outcome.results.map((row) => ks.map((k) => literal(scenarioCellContent(row[k] ?? null))));
    scenarios.body.getCell(0, start).getResizedRange(rowCount - 1, length - 1).values = values;
  }
  const now = options.now ?? new Date();
  const builtIn = options.builtInRates ?? builtInRateRows(localIsoToday(now));
  const stamp = rateCardStamp(compareRateCard(rateCard.header.values[0] ?? [], rateCard.body.values, builtIn));
  book.names.getItem(nameOf(STAMP_NAMES.at)).getRange().values = [[serialFromLocalDate(now)]];
  // The stamp is text the workbook shows: rendered here, where it is written.
  book.names.getItem(nameOf(STAMP_NAMES.rateCard)).getRange().values = [[literal(rateCardStampMessage(stamp))]];
  await context.sync();

  return { scenarios: rowCount, changes: outcome.changes, refreshedAt: now, rateCard: stamp };
}

/**
 * Ledgers for the Wallet and Ledger sheet tests: usage rows as the importer writes them into
 * the template's Ledger table, the same rows as the engine reads them, and the template with
 * them in place (a period allocation, team budgets and the import's stamp to match).
 */
import { summariseLedger, type LedgerFigures, type LedgerRecord, type OutcomeStatus } from "../../src/engine";
import { exampleJobs } from "../../src/template/sheets/jobs-sheet";
import { offset, parseAddress } from "../../src/template/model/address";
import { walk, type Expr } from "../../src/template/model/formula";
import { blockHeight, tableHeaderCell, valueCell } from "../../src/template/model/layout";
import type { WorkbookEvaluator } from "../../src/template/render/evaluator";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import type { RecalculatedBook } from "../support/libreoffice";
import { withTableRows } from "./office-fixture";

export const NOV1 = 46327; // 2026-11-01, the example period's first day
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** The description with a named input set to a value. */
export function withInput(description: TemplateDescription, name: string, value: number | string): TemplateDescription {
  let found = false;
  const sheets = description.sheets.map((sheet) => ({
    ...sheet,
    blocks: sheet.blocks.map((block) => {
      if (block.kind !== "cells") return block;
      return {
        ...block,
        cells: block.cells.map((c) => {
          if (c.name !== name) return c;
          found = true;
          return { ...c, value: { input: value } };
        }),
      };
    }),
  }));
  if (!found) throw new Error(`no input ${name}`);
  return { ...description, sheets };
}

export interface Action {
  readonly serial: number;
  readonly job: string;
  readonly units: number;
  readonly rerun?: boolean;
  readonly team?: string;
  readonly agent?: string;
  readonly actionType?: string;
  readonly status?: OutcomeStatus;
  /** Actions the row stands for (an aggregated row); 1 when not given. */
  readonly count?: number;
  /** The row's own USD (stated, or its tokens priced); absent: priced by its units. */
  readonly costUsd?: number;
  readonly escalated?: boolean;
  readonly reviewMinutes?: number;
}

/** Ledger table rows as the importer writes them (import 1). */
export const ledgerRows = (actions: readonly Action[]): TableRow[] =>
  actions.map((a, i) => ({
    Timestamp: a.serial,
    Agent: a.agent ?? "Agent",
    Job: a.job,
    "Action type": a.actionType ?? "Act",
    Units: a.units,
    Status: a.status ?? "validated",
    Escalated: a.escalated ?? false,
    Rerun: a.rerun ?? false,
    "Review minutes": a.reviewMinutes ?? 0,
    Team: a.team ?? "Sales",
    Import: 1,
    "Source row": i + 2,
    Key: `k${i}`,
    Count: a.count ?? 1,
    ...(a.costUsd === undefined ? {} : { Cost: a.costUsd }),
    "Cost source": a.costUsd === undefined ? "units" : "stated",
    Model: "",
    "Match key": "",
    // What AWU.RERUNLOOPS reads: a rerun of one action (the importer writes it so).
    "Single rerun": (a.rerun ?? false) && (a.count ?? 1) <= 1,
  }));

/** The same rows as the engine reads them. */
export const recordsOf = (rows: readonly TableRow[]): LedgerRecord[] =>
  rows.map((r) => ({
    sourceRow: r["Source row"] as number,
    timestampMs: Math.round(((r.Timestamp as number) - UNIX_EPOCH_SERIAL) * MS_PER_DAY),
    agent: r.Agent as string,
    job: r.Job as string,
    actionType: r["Action type"] as string,
    units: r.Units as number,
    status: r.Status as OutcomeStatus,
    escalated: r.Escalated as boolean,
    rerun: r.Rerun as boolean,
    reviewMinutes: r["Review minutes"] as number,
    team: r.Team as string,
    key: r.Key as string,
    // The sheets count a blank Count as one action, as the importer reads one back.
    count: typeof r.Count === "number" ? r.Count : 1,
    ...(typeof r.Cost === "number" ? { costUsd: r.Cost } : {}),
    // A daily row an import aggregated: the bursts found on its raw actions.
    ...(typeof r.Bursts === "number" ? { bursts: r.Bursts } : {}),
  }));

/** The template with these ledger rows (examples otherwise), a period allocation and team budgets. */
export function scenario(actions: readonly Action[], allocation: number, budgets: readonly [string, number][]): TemplateDescription {
  let d = describeTemplate({ examples: true, asOf: "2026-11-23" });
  d = withTableRows(d, TABLES.ledger, () => ledgerRows(actions));
  d = withTableRows(d, TABLES.teams, () => budgets.map(([Team, budget]) => ({ Example: "", Team, "Budget (credits)": budget })));
  d = withTableRows(d, TABLES.imports, () => [importStamp(actions.length, actions.reduce((s, a) => s + a.units, 0), actions.reduce((s, a) => s + (a.count ?? 1), 0))]);
  return withInput(d, "WalletPeriodAllocation", allocation);
}

/** Import 1's stamp: `accepted` rows, one ledger row each, standing for `actions` actions (one each unless given). */
export const importStamp = (accepted: number, units: number, actions = accepted): TableRow => ({
  Import: 1,
  "Imported at": NOV1 + 20,
  File: "usage.csv",
  Format: "csv",
  "Rows read": accepted,
  Accepted: accepted,
  Rejected: 0,
  "Duplicates skipped": 0,
  "Blank lines": 0,
  "Units accepted": units,
  "SHA-256": "0".repeat(64),
  Mapping: "{}",
  "Ledger rows": accepted,
  "Actions accepted": actions,
});

/** Every day from `from` to `to` (days of the period, 1 = its first), each day's actions. */
export const days = (from: number, to: number, perDay: (day: number) => Action[]): Action[] => Array.from({ length: to - from + 1 }, (_, i) => perDay(from + i)).flat();

/** A step change: 50 credits a day for 14 days, then 200 a day to day 20 (spikes on days 15–18). */
export const stepChange = (): TemplateDescription =>
  scenario(
    days(1, 20, (d) => [{ serial: NOV1 + d - 1 + 0.25, job: "Research", units: d >= 15 ? 200 : 50 }]),
    10000,
    [["Sales", 6000]],
  );

/** Where a defined name's cell is. */
/** A table's rows as Excel shows them to the pane: each cell's value, a formula's result where a row has one (the example jobs' Units per item). */
export function rowsAsShown(description: TemplateDescription, evaluator: WorkbookEvaluator, table: string): Record<string, unknown>[] {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "table" && block.name === table)
        return block.rows.map((_, r) => Object.fromEntries(block.columns.map((c, i) => [c.header, evaluator.cell(sheet.name, offset(tableHeaderCell(block), r + 1, i))])));
  throw new Error(`no table ${table}`);
}

export function named(description: TemplateDescription, name: string): { sheet: string; address: string } {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "cells") {
        const index = block.cells.findIndex((c) => c.name === name);
        if (index >= 0) return { sheet: sheet.name, address: valueCell(block, index) };
      }
  throw new Error(`no name ${name}`);
}

/** A defined name's number in a recalculated book; anything else (an error, text, blank) fails the test, naming it. */
export function namedNumber(book: RecalculatedBook, description: TemplateDescription, name: string, which = "the book"): number {
  const { sheet, address } = named(description, name);
  const value = book.value(sheet, address);
  if (typeof value !== "number") throw new Error(`${name} in ${which}: ${JSON.stringify(value)}`);
  return value;
}

/** A summary row's figures by the sheet's column headers, as the engine's summariseLedger has them: counts, then ratios and money (undefined: blank). */
export function figuresByHeader(f: LedgerFigures): { counts: [string, number][]; ratios: [string, number | undefined][] } {
  return {
    counts: [
      ["Actions attempted", f.actions],
      ["Actions succeeded", f.actionsSucceeded],
      ["Actions validated", f.actionsValidated],
      ["Units attempted", f.unitsAttempted],
      ["Units validated", f.unitsValidated],
      ["Units rerun", f.unitsRerun],
    ],
    ratios: [
      ["Acceptance rate", f.acceptanceRate],
      ["Rerun inflation", f.rerunInflation],
      ["Escalation rate", f.escalationRate],
      ["Review hours", f.reviewHours],
      ["Cost", f.costUsd],
      ["Cost per validated outcome", f.costPerValidatedOutcomeUsd],
      ["Accepted units per dollar", f.acceptedUnitsPerUsd],
    ],
  };
}

/**
 * The description with a table's rows replaced and the blocks below it on its sheet moved
 * down by the rows it gains, so nothing overlaps. Refuses when a formula points by address
 * at a cell that moves.
 */
export function withTableRowsLaidOut(description: TemplateDescription, table: string, rows: readonly TableRow[]): TemplateDescription {
  const sheet = description.sheets.find((s) => s.blocks.some((b) => b.kind === "table" && b.name === table));
  const block = sheet?.blocks.find((b) => b.kind === "table" && b.name === table);
  if (!sheet || block?.kind !== "table") throw new Error(`no table ${table}`);
  const grown = { ...block, rows };
  const gained = blockHeight(grown) - blockHeight(block);
  const below = parseAddress(block.anchor).row + blockHeight(block);
  const moves = (address: string): boolean => address.split(":").some((a) => parseAddress(a.replace(/^.*!/, "")).row >= below);
  const formulas: Expr[] = description.sheets.flatMap((s) =>
    s.blocks.flatMap((b): Expr[] => {
      if (b.kind === "cells") return b.cells.flatMap((c) => ("formula" in c.value ? [c.value.formula] : []));
      if (b.kind === "table") return [...b.columns.flatMap((c) => (c.formula ? [c.formula] : [])), ...b.rows.flatMap((r) => Object.values(r).flatMap((v) => (typeof v === "object" ? [v.formula] : [])))];
      if (b.kind === "grid") return b.formulas.flat();
      return [];
    }),
  );
  // Conditional formats' ranges are left as they were: they colour cells, they compute nothing.
  const pointers = [...formulas, ...sheet.conditionalFormats.flatMap((cf) => cf.rules.map((r) => r.when))]
    .flatMap((f) => [...walk(f)])
    .flatMap((e) => (e.op === "ref" && e.sheet === sheet.name ? [e.address] : []));
  if (gained > 0 && pointers.some(moves)) throw new Error(`${table} cannot grow: a formula points by address below it on ${sheet.name}`);
  const move = (anchor: string): string => (gained > 0 && parseAddress(anchor).row >= below ? offset(anchor, gained, 0) : anchor);
  return {
    ...description,
    sheets: description.sheets.map((s) =>
      s !== sheet ? s : { ...s, blocks: s.blocks.map((b) => (b === block ? grown : b.kind === "chart" ? b : { ...b, anchor: move(b.anchor) })) },
    ),
  };
}

/**
 * Names SUMIFS, COUNTIFS and MATCH would read as wildcards or operators (*, ?, ~, a leading
 * <, > or =), beside ordinary ones, one only a regular expression would read (a.b) and one
 * that looks like a number: every job, team, agent and action type of `awkwardNames` is one.
 */
export const AWKWARD_NAMES: readonly string[] = ["*", "?", "a*", "~", "<5", ">a", "=b", "a", "ab", "b", "a~b", "~*", "a.b", "4100", "Sales"];

const STATUSES: readonly OutcomeStatus[] = ["validated", "failed", "succeeded", "attempted"];

/**
 * Ten days of actions over `names` (each name a job, a team, an agent and an action type, in
 * turn), "SALES" once more in capitals (the same group as "Sales", if listed), and a loop of 12
 * reruns of "a*" (if listed) in six minutes on day 3. The summary tables list each name once,
 * as the importer adds them; each team has a budget; the Jobs sheet also plans a job named "?".
 */
export function awkwardNames(names: readonly string[]): { description: TemplateDescription; actions: Action[] } {
  const n = names.length;
  const at = (i: number): string => names[i % n] as string;
  const actions = days(1, 10, (d) =>
    names.map((job, i): Action => ({
      serial: NOV1 + d - 1 + (i + 1) / (n + 2),
      job,
      team: at(i + 1),
      agent: at(i + 2),
      actionType: at(i + 3),
      units: 5 + ((7 * i + 3 * d) % 11),
      status: STATUSES[(i + d) % STATUSES.length],
      rerun: (i + d) % 5 === 0,
    })),
  );
  if (names.includes("Sales")) actions.push({ serial: NOV1 + 9.99, job: "SALES", team: "SALES", agent: "SALES", actionType: "SALES", units: 3 });
  if (names.includes("a*"))
    for (let k = 0; k < 12; k++) actions.push({ serial: NOV1 + 2 + (14 * 3600 + 30 * k) / 86400, job: "a*", units: 2, rerun: true, status: "failed" });
  const summary = summariseLedger(recordsOf(ledgerRows(actions)), { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0.25 } });
  const listed = (key: string, groups: readonly { label: string }[]): TableRow[] => groups.map((g) => ({ Example: "", [key]: g.label }));
  let description = scenario(actions, 20000, []);
  description = withTableRowsLaidOut(description, TABLES.teams, summary.byTeam.map((g) => ({ Example: "", Team: g.label, "Budget (credits)": 1000 })));
  description = withTableRowsLaidOut(description, TABLES.ledgerSummary, listed("Job", summary.byJob));
  description = withTableRowsLaidOut(description, TABLES.ledgerByActionType, listed("Action type", summary.byActionType));
  description = withTableRowsLaidOut(description, TABLES.ledgerByAgent, listed("Agent", summary.byAgent));
  description = withTableRowsLaidOut(description, TABLES.ledgerByTeam, listed("Team", summary.byTeam));
  // The loops table keeps the template's three rows: the team thresholds below it are referred to by address.
  description = withTableRows(description, TABLES.loops, () => ["*", "a*", "~"].filter((job) => names.includes(job)).map((job) => ({ Example: "", Job: job })));
  description = withTableRows(description, TABLES.jobs, (rows) => [...rows, { ...(exampleJobs()[0] as TableRow), Example: "", Job: "?", "Target acceptance rate": 0.5 }]);
  return { description, actions };
}

/**
 * A falling burn: 230, 210, …, 50 credits on days 1–10 (Σ 1,400), a trend of −20 a day that
 * burns 30 then 10 more and stops: 40 credits after the history, whatever the allocation.
 */
export const fallingTrend = (allocation: number): TemplateDescription =>
  scenario(
    days(1, 10, (d) => [{ serial: NOV1 + d - 1 + 0.5, job: "Research", units: 250 - 20 * d }]),
    allocation,
    [["Sales", 2000]],
  );

/** A period longer than the daily table: 60 days, 45 of them elapsed, burning 40 + 2 × day credits with a quiet day each week. */
export const longPeriod = (allocation: number): TemplateDescription =>
  withInput(
    scenario(
      days(1, 45, (d) => (d % 7 === 0 ? [] : [{ serial: NOV1 + d - 1 + 0.5, job: "Research", units: 40 + 2 * d }])),
      allocation,
      [["Sales", 5000]],
    ),
    "WalletPeriodDays",
    60,
  );

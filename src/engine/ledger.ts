/**
 * The verified outcome ledger (docs/model.md §9): what agent actions cost and what they
 * produced, summarised overall and by job, agent, action type and team, priced under the
 * org's pricing model, compared with the Jobs sheet's plan, and reconciled to the log.
 * Pure: records in, figures out; the importer (src/import/) makes the records.
 */
import { countOf, type LedgerRecord, type OutcomeStatus } from "./ledger-types";
import { conversationCostUsd, flexCostUsd, seatCostUsd } from "./pricing";
import { fail, type Failure } from "./problems";

const MINUTES_PER_HOUR = 60;

/**
 * A compensated (Neumaier) running sum: the ledger's totals agree to far below a credit
 * whatever order the rows are added in, so totals by any grouping reconcile to the log's.
 */
export class ExactSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/** The compensated sum of a list. */
export function exactSum(values: readonly number[]): number {
  const sum = new ExactSum();
  for (const v of values) sum.add(v);
  return sum.value;
}

// ---------------------------------------------------------------------------------------
// Outcome statuses

/** The status that counts as accepted work unless told otherwise: a human or a check accepted it. */
export const DEFAULT_ACCEPTED_STATUSES: readonly OutcomeStatus[] = ["validated"];

/** Succeeded counts validated too: validated is the stronger outcome of a success. */
const SUCCEEDED: ReadonlySet<OutcomeStatus> = new Set<OutcomeStatus>(["succeeded", "validated"]);

export const isSucceeded = (status: OutcomeStatus): boolean => SUCCEEDED.has(status);

// ---------------------------------------------------------------------------------------
// The ratios behind the worksheet functions (one definition each, shared with the summary)

/** Cost per accepted outcome: Σ costs ÷ the number of rows whose status is accepted. */
export function costPerAcceptedOutcome(
  costsUsd: readonly number[],
  statuses: readonly string[],
  accepted: readonly string[] = DEFAULT_ACCEPTED_STATUSES,
): number | Failure {
  const acceptedSet = new Set(accepted);
  let outcomes = 0;
  for (const status of statuses) if (acceptedSet.has(status)) outcomes++;
  if (outcomes === 0) return fail({ code: "noOutcome", reason: "noAccepted", accepted: [...acceptedSet] });
  return exactSum(costsUsd) / outcomes;
}

/** Acceptance rate: rows whose status is accepted ÷ all rows (every row is an attempted action). */
export function acceptanceRate(statuses: readonly string[], accepted: readonly string[] = DEFAULT_ACCEPTED_STATUSES): number {
  const acceptedSet = new Set(accepted);
  let outcomes = 0;
  for (const status of statuses) if (acceptedSet.has(status)) outcomes++;
  return outcomes / statuses.length;
}

/**
 * Rerun rate: units spent on reruns ÷ units of first runs (rows that are not reruns). As
 * the Jobs sheet's "Rerun rate" (units per month = items × units per item × (1 + rerun
 * rate)): 0.2 means reruns cost a fifth on top of the first runs.
 */
export function rerunRate(units: readonly number[], isRerun: readonly boolean[]): number | Failure {
  const rerun = new ExactSum();
  const first = new ExactSum();
  units.forEach((u, i) => (isRerun[i] ? rerun : first).add(u));
  if (first.value === 0) return fail({ code: "noOutcome", reason: "noFirstRuns", accepted: [] });
  return rerun.value / first.value;
}

/** Rerun inflation: units spent on reruns ÷ units of rows whose status is accepted (the units that produced accepted work). */
export function rerunInflation(
  units: readonly number[],
  isRerun: readonly boolean[],
  statuses: readonly string[],
  accepted: readonly string[] = DEFAULT_ACCEPTED_STATUSES,
): number | Failure {
  const acceptedSet = new Set(accepted);
  const rerun = new ExactSum();
  const acceptedUnits = new ExactSum();
  units.forEach((u, i) => {
    if (isRerun[i]) rerun.add(u);
    if (acceptedSet.has(statuses[i] as string)) acceptedUnits.add(u);
  });
  if (acceptedUnits.value === 0) return fail({ code: "noOutcome", reason: "noAcceptedUnits", accepted: [...acceptedSet] });
  return rerun.value / acceptedUnits.value;
}

// ---------------------------------------------------------------------------------------
// Pricing the ledger

/**
 * The org's pricing model, applied to the ledger's units:
 * - flex: units are Flex Credits; USD = credits × pricePer100k ÷ 100,000 × (1 − discount);
 * - perConversation: units are conversations billed; USD = units × pricePerConversation;
 * - perUser: the seats' cost for the period (users × months × pricePerUserMonth) is
 *   allocated to the records in proportion to their units (none when no record has units:
 *   nothing to share them by; the Budget carries the seats).
 */
export type LedgerPricing =
  | { readonly model: "flex"; readonly pricePer100kCredits: number; readonly discount: number }
  | { readonly model: "perConversation"; readonly pricePerConversation: number }
  | { readonly model: "perUser"; readonly users: number; readonly months: number; readonly pricePerUserMonth: number }
  // A vendor plan billing usage: units are the plan's units (a seat plan is priced as perUser, its bill a month as one user's price).
  | { readonly model: "perUnit"; readonly usdPerUnit: number };

/** The cost of a record priced by its units: no USD of its own (stated, or its tokens priced). */
export const pricedByUnits = (record: LedgerRecord): boolean => record.costUsd === undefined;

/**
 * USD of each record, in record order; they add up to the period's bill. A record's own USD
 * (its stated cost, or its tokens priced at its date: `costUsd`) first; otherwise its units
 * under the pricing model. Per user, the seats are shared among the records priced by units.
 */
export function recordCostsUsd(records: readonly LedgerRecord[], pricing: LedgerPricing): number[] {
  const own = (r: LedgerRecord, byUnits: (r: LedgerRecord) => number): number => r.costUsd ?? byUnits(r);
  switch (pricing.model) {
    case "flex":
      // Units are credits already: one credit per "action" in flexCostUsd's terms.
      return records.map((r) => own(r, () => flexCostUsd(r.units, 1, pricing.pricePer100kCredits, pricing.discount)));
    case "perConversation":
      return records.map((r) => own(r, () => conversationCostUsd(r.units, pricing.pricePerConversation)));
    case "perUnit":
      return records.map((r) => own(r, () => r.units * pricing.usdPerUnit));
    case "perUser": {
      const seatsUsd = seatCostUsd(pricing.users, pricing.months, pricing.pricePerUserMonth);
      const byUnits = records.filter(pricedByUnits);
      const totalUnits = exactSum(byUnits.map((r) => r.units));
      // Seats are shared: each record carries them in proportion to its units, as the Jobs sheet allocates them.
      return records.map((r) => own(r, () => (totalUnits > 0 ? (seatsUsd * r.units) / totalUnits : 0)));
    }
  }
}

// ---------------------------------------------------------------------------------------
// The summary

/**
 * The ledger's figures for a set of records. Counts are of actions (Σ each record's count:
 * a record of one action counts 1, an aggregated one its count); units are the records' units (credits under Flex). A ratio whose
 * divisor is 0 is undefined: the figure does not exist (a sheet shows it blank).
 */
export interface LedgerFigures {
  /** Every action is attempted, whatever its status: Σ count over the records (a record without one is one action). */
  readonly actions: number;
  /** Status succeeded or validated. */
  readonly actionsSucceeded: number;
  /** Status validated: accepted work. */
  readonly actionsValidated: number;
  readonly actionsFailed: number;
  readonly actionsEscalated: number;
  readonly actionsRerun: number;
  readonly actionsFirstRun: number;
  /** First runs (not reruns) whose status is validated. */
  readonly actionsValidatedFirstRun: number;
  readonly unitsAttempted: number;
  readonly unitsSucceeded: number;
  readonly unitsValidated: number;
  readonly unitsRerun: number;
  readonly unitsFirstRun: number;
  /** actionsValidated ÷ actions. */
  readonly acceptanceRate: number | undefined;
  /** actionsValidatedFirstRun ÷ actionsFirstRun: the Jobs sheet's "accepted first time". */
  readonly firstTimeAcceptanceRate: number | undefined;
  /** actionsSucceeded ÷ actions. */
  readonly successRate: number | undefined;
  /** actionsEscalated ÷ actions. */
  readonly escalationRate: number | undefined;
  /** unitsRerun ÷ unitsFirstRun (AWU.RERUNRATE). */
  readonly rerunRate: number | undefined;
  /** unitsRerun ÷ unitsValidated (AWU.RERUNINFLATION). */
  readonly rerunInflation: number | undefined;
  readonly reviewHours: number;
  /** USD under the pricing model. */
  readonly costUsd: number;
  /** reviewHours × the reviewer's USD per hour (0 when none is given). */
  readonly reviewCostUsd: number;
  /** costUsd ÷ actionsValidated (AWU.OUTCOMECOST). */
  readonly costPerValidatedOutcomeUsd: number | undefined;
  /** (costUsd + reviewCostUsd) ÷ actionsValidated. */
  readonly allInCostPerValidatedOutcomeUsd: number | undefined;
  /** unitsValidated ÷ costUsd. */
  readonly acceptedUnitsPerUsd: number | undefined;
}

/** Running totals for one group, turned into figures at the end. */
class Tally {
  actions = 0;
  succeeded = 0;
  validated = 0;
  failed = 0;
  escalated = 0;
  rerun = 0;
  validatedFirstRun = 0;
  readonly units = new ExactSum();
  readonly unitsSucceeded = new ExactSum();
  readonly unitsValidated = new ExactSum();
  readonly unitsRerun = new ExactSum();
  readonly unitsFirstRun = new ExactSum();
  readonly reviewMinutes = new ExactSum();
  readonly costUsd = new ExactSum();

  add(record: LedgerRecord, costUsd: number): void {
    // An aggregated row is its count of actions: counts weigh by it, units and minutes are its totals.
    const n = countOf(record);
    this.actions += n;
    this.units.add(record.units);
    if (isSucceeded(record.status)) {
      this.succeeded += n;
      this.unitsSucceeded.add(record.units);
    }
    if (record.status === "validated") {
      this.validated += n;
      this.unitsValidated.add(record.units);
      if (!record.rerun) this.validatedFirstRun += n;
    }
    if (record.status === "failed") this.failed += n;
    if (record.escalated) this.escalated += n;
    if (record.rerun) {
      this.rerun += n;
      this.unitsRerun.add(record.units);
    } else this.unitsFirstRun.add(record.units);
    this.reviewMinutes.add(record.reviewMinutes);
    this.costUsd.add(costUsd);
  }

  figures(reviewerUsdPerHour: number): LedgerFigures {
    const ratio = (a: number, b: number): number | undefined => (b === 0 ? undefined : a / b);
    const reviewHours = this.reviewMinutes.value / MINUTES_PER_HOUR;
    const costUsd = this.costUsd.value;
    const reviewCostUsd = reviewHours * reviewerUsdPerHour;
    const unitsValidated = this.unitsValidated.value;
    const firstRuns = this.actions - this.rerun;
    return {
      actions: this.actions,
      actionsSucceeded: this.succeeded,
      actionsValidated: this.validated,
      actionsFailed: this.failed,
      actionsEscalated: this.escalated,
      actionsRerun: this.rerun,
      actionsFirstRun: firstRuns,
      actionsValidatedFirstRun: this.validatedFirstRun,
      unitsAttempted: this.units.value,
      unitsSucceeded: this.unitsSucceeded.value,
      unitsValidated,
      unitsRerun: this.unitsRerun.value,
      unitsFirstRun: this.unitsFirstRun.value,
      acceptanceRate: ratio(this.validated, this.actions),
      firstTimeAcceptanceRate: ratio(this.validatedFirstRun, firstRuns),
      successRate: ratio(this.succeeded, this.actions),
      escalationRate: ratio(this.escalated, this.actions),
      rerunRate: ratio(this.unitsRerun.value, this.unitsFirstRun.value),
      rerunInflation: ratio(this.unitsRerun.value, unitsValidated),
      reviewHours,
      costUsd,
      reviewCostUsd,
      costPerValidatedOutcomeUsd: ratio(costUsd, this.validated),
      allInCostPerValidatedOutcomeUsd: ratio(costUsd + reviewCostUsd, this.validated),
      acceptedUnitsPerUsd: ratio(unitsValidated, costUsd),
    };
  }
}

/** The record fields a summary groups by. */
export type LedgerDimension = "job" | "agent" | "actionType" | "team";
export const LEDGER_DIMENSIONS: readonly LedgerDimension[] = ["job", "agent", "actionType", "team"];

/** How a blank job, agent, action type or team is shown. */
export const BLANK_GROUP_LABEL = "(blank)";

/** Names are grouped trimmed and in any case ("Follow-ups " is "follow-ups"), as the Jobs sheet is matched. */
export const groupKey = (name: string): string => name.trim().toLowerCase();

export interface LedgerGroup {
  /** The grouping key: the name trimmed, in lower case. */
  readonly key: string;
  /** The name as first seen in the log (trimmed), or "(blank)". */
  readonly label: string;
  readonly figures: LedgerFigures;
}

export interface LedgerSummary {
  readonly overall: LedgerFigures;
  readonly byJob: readonly LedgerGroup[];
  readonly byAgent: readonly LedgerGroup[];
  readonly byActionType: readonly LedgerGroup[];
  readonly byTeam: readonly LedgerGroup[];
}

export interface SummaryOptions {
  readonly pricing: LedgerPricing;
  /** USD per reviewer hour, for the all-in cost; 0 when not given. */
  readonly reviewerUsdPerHour?: number;
}

/** Groups records by one dimension: largest units first, then by key, so the order is stable. */
export function groupLedger(
  records: readonly LedgerRecord[],
  dimension: LedgerDimension,
  costsUsd: readonly number[],
  reviewerUsdPerHour = 0,
): LedgerGroup[] {
  const tallies = new Map<string, { label: string; tally: Tally }>();
  records.forEach((record, i) => {
    const name = record[dimension];
    const key = groupKey(name);
    let entry = tallies.get(key);
    if (!entry) {
      entry = { label: key === "" ? BLANK_GROUP_LABEL : name.trim(), tally: new Tally() };
      tallies.set(key, entry);
    }
    entry.tally.add(record, costsUsd[i] as number);
  });
  const groups = [...tallies].map(([key, { label, tally }]) => ({ key, label, figures: tally.figures(reviewerUsdPerHour) }));
  return groups.sort((a, b) => b.figures.unitsAttempted - a.figures.unitsAttempted || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The ledger's figures overall and by job, agent, action type and team. */
export function summariseLedger(records: readonly LedgerRecord[], options: SummaryOptions): LedgerSummary {
  const costs = recordCostsUsd(records, options.pricing);
  const hourly = options.reviewerUsdPerHour ?? 0;
  const overall = new Tally();
  records.forEach((record, i) => overall.add(record, costs[i] as number));
  return {
    overall: overall.figures(hourly),
    byJob: groupLedger(records, "job", costs, hourly),
    byAgent: groupLedger(records, "agent", costs, hourly),
    byActionType: groupLedger(records, "actionType", costs, hourly),
    byTeam: groupLedger(records, "team", costs, hourly),
  };
}

// ---------------------------------------------------------------------------------------
// Plan vs actual

/** A job's plan, from the Jobs sheet: its targets and its planned cost for the ledger's period. */
export interface JobTarget {
  readonly job: string;
  /** The Jobs sheet's "Target acceptance rate": share of items accepted first time. */
  readonly targetAcceptanceRate: number;
  /** The Jobs sheet's "Rerun rate": rerun units ÷ first-run units. */
  readonly rerunRate: number;
  /** USD planned for the same period as the ledger (the Jobs sheet's monthly AI cost × months). */
  readonly plannedCostUsd: number;
}

/** How far actual may stray from plan before the gap is flagged. */
export interface PlanTolerances {
  /** Rate points: 0.05 = 5 points of acceptance either way. */
  readonly acceptanceRatePoints: number;
  /** Rate points of rerun rate. */
  readonly rerunRatePoints: number;
  /** A share of the planned cost: 0.1 = 10 %. */
  readonly costShare: number;
}

export const DEFAULT_PLAN_TOLERANCES: PlanTolerances = { acceptanceRatePoints: 0.05, rerunRatePoints: 0.05, costShare: 0.1 };

/**
 * - "on plan": within the tolerance;
 * - "worse" / "better": beyond it (acceptance lower / higher, rerun and cost higher / lower);
 * - "no actual": planned, but the ledger has no records for the figure;
 * - "unplanned": in the ledger, not on the Jobs sheet (always flagged).
 */
export type GapStatus = "on plan" | "worse" | "better" | "no actual" | "unplanned";

export interface PlanGap {
  readonly planned: number | undefined;
  readonly actual: number | undefined;
  /** actual − planned. */
  readonly gap: number | undefined;
  readonly status: GapStatus;
  /** Worse, better or unplanned: a gap for someone to look at. */
  readonly flagged: boolean;
}

export interface JobPlanComparison {
  readonly key: string;
  readonly label: string;
  readonly acceptance: PlanGap;
  readonly rerun: PlanGap;
  readonly cost: PlanGap;
}

/** Rounding slack, so a gap of exactly the tolerance (0.8 − 0.75 vs 0.05) is on plan. */
const TOLERANCE_SLACK = 1e-12;

function planGap(planned: number | undefined, actual: number | undefined, tolerance: number, higherIsWorse: boolean): PlanGap {
  if (planned === undefined) return { planned, actual, gap: undefined, status: "unplanned", flagged: true };
  if (actual === undefined) return { planned, actual, gap: undefined, status: "no actual", flagged: false };
  const gap = actual - planned;
  const beyond = Math.abs(gap) > tolerance + TOLERANCE_SLACK;
  const status: GapStatus = !beyond ? "on plan" : gap > 0 === higherIsWorse ? "worse" : "better";
  return { planned, actual, gap, status, flagged: status !== "on plan" };
}

/**
 * Each job's actual against its Jobs-sheet plan: first-time acceptance, rerun rate and cost.
 * Jobs are matched by name, trimmed and in any case; a job listed twice on the Jobs sheet
 * takes its first row. Planned jobs come first in the Jobs sheet's order, then the ledger's
 * unplanned jobs in the summary's order.
 */
export function compareWithPlan(
  byJob: readonly LedgerGroup[],
  targets: readonly JobTarget[],
  tolerances: PlanTolerances = DEFAULT_PLAN_TOLERANCES,
): JobPlanComparison[] {
  const actualByKey = new Map(byJob.map((group) => [group.key, group]));
  const seen = new Set<string>();
  const rows: JobPlanComparison[] = [];
  for (const target of targets) {
    const key = groupKey(target.job);
    if (seen.has(key)) continue;
    seen.add(key);
    const actual = actualByKey.get(key)?.figures;
    rows.push({
      key,
      label: target.job.trim(),
      acceptance: planGap(target.targetAcceptanceRate, actual?.firstTimeAcceptanceRate, tolerances.acceptanceRatePoints, false),
      rerun: planGap(target.rerunRate, actual?.rerunRate, tolerances.rerunRatePoints, true),
      // A planned job with no records spent nothing.
      cost: planGap(target.plannedCostUsd, actual?.costUsd ?? 0, tolerances.costShare * target.plannedCostUsd, true),
    });
  }
  for (const group of byJob) {
    if (seen.has(group.key)) continue;
    const f = group.figures;
    rows.push({
      key: group.key,
      label: group.label,
      acceptance: planGap(undefined, f.firstTimeAcceptanceRate, 0, false),
      rerun: planGap(undefined, f.rerunRate, 0, true),
      cost: planGap(undefined, f.costUsd, 0, true),
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Reconciliation

/** The totals a grouping must agree on with the whole. */
export interface GroupingTotals {
  readonly actions: number;
  readonly units: number;
  readonly costUsd: number;
}

export interface Reconciliation {
  /** Σ units of the records, in log order: the log's total. */
  readonly logUnits: number;
  readonly logActions: number;
  readonly overall: GroupingTotals;
  /** Each grouping's sums over its groups. */
  readonly byDimension: Readonly<Record<LedgerDimension, GroupingTotals>>;
  /** The importer's own count and units total, when given, for the stamp. */
  readonly expected: { readonly rows: number; readonly units: number } | undefined;
  /** Every total agrees within the tolerance. */
  readonly ok: boolean;
  /** What disagrees, in words, for the audit trail (empty when ok). */
  readonly differences: readonly string[];
}

/** Units may differ by rounding only: a billionth of the total's size, at least a billionth of a unit. */
export const reconciliationTolerance = (magnitude: number): number => 1e-9 * Math.max(1, magnitude);

/**
 * Checks that the summary traces back to the records: the overall units and actions equal
 * the log's, and each grouping's groups add up to the overall actions, units and cost.
 */
export function reconcileLedger(
  records: readonly LedgerRecord[],
  summary: LedgerSummary,
  expected?: { readonly rows: number; readonly units: number },
): Reconciliation {
  const logUnits = exactSum(records.map((r) => r.units));
  const logActions = records.reduce((n, r) => n + countOf(r), 0);
  const magnitude = exactSum(records.map((r) => Math.abs(r.units)));
  const overall: GroupingTotals = { actions: summary.overall.actions, units: summary.overall.unitsAttempted, costUsd: summary.overall.costUsd };
  const groupings: Record<LedgerDimension, readonly LedgerGroup[]> = {
    job: summary.byJob,
    agent: summary.byAgent,
    actionType: summary.byActionType,
    team: summary.byTeam,
  };
  const differences: string[] = [];
  const unitsTolerance = reconciliationTolerance(magnitude);
  const costTolerance = reconciliationTolerance(Math.abs(overall.costUsd));
  const check = (what: string, actual: number, wanted: number, tolerance: number): void => {
    if (!(Math.abs(actual - wanted) <= tolerance)) differences.push(`${what}: ${actual} against ${wanted}`);
  };
  check("summary units vs the log", overall.units, logUnits, unitsTolerance);
  check("summary actions vs the log", overall.actions, logActions, 0);
  if (expected) {
    check("records vs the import's row count", records.length, expected.rows, 0);
    check("the log's units vs the import's total", logUnits, expected.units, unitsTolerance);
  }
  const byDimension = {} as Record<LedgerDimension, GroupingTotals>;
  for (const dimension of LEDGER_DIMENSIONS) {
    const groups = groupings[dimension];
    const totals: GroupingTotals = {
      actions: groups.reduce((n, g) => n + g.figures.actions, 0),
      units: exactSum(groups.map((g) => g.figures.unitsAttempted)),
      costUsd: exactSum(groups.map((g) => g.figures.costUsd)),
    };
    byDimension[dimension] = totals;
    check(`actions by ${dimension}`, totals.actions, overall.actions, 0);
    check(`units by ${dimension}`, totals.units, overall.units, unitsTolerance);
    check(`cost by ${dimension}`, totals.costUsd, overall.costUsd, costTolerance);
  }
  return { logUnits, logActions, overall, byDimension, expected, ok: differences.length === 0, differences };
}

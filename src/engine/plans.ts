/**
 * Vendors' plans (issue 12): the rate card's `plans` section, one record per plan version,
 * effective-dated as the card's entries are. A plan is a record, not a number (a unit, a
 * price per block of units, events converting to units, an allowance, commitment and
 * overage rules), so it sits beside the scalar entries rather than as `plan.<key>.*` keys.
 */
import builtInJson from "./rate-card.json";
import { localIsoToday } from "./dates";
import { commitCredits } from "./governance";
import { normalDensity, normalUpperTail } from "./stats";
import { Failure, fail } from "./problems";

export interface PlanEvent {
  /** The event's name as the vendor bills it ("standard action"), matched trimmed and in any case. */
  readonly event: string;
  /** Units of the plan's unit one event consumes. */
  readonly units: number;
}

/** How a plan bills an inbound case (AWU.CASECOST); a seat plan bills users, not cases. */
export const PLAN_CHARGES = ["action", "conversation", "outcome", "seat"] as const;
export type PlanCharge = (typeof PLAN_CHARGES)[number];

/**
 * How long committed units last before the unused ones expire (AWU.PLANCOMMIT): no
 * commitment (pay as you go, or seats), a monthly reset, an annual pool, or one pool over
 * the contract term.
 */
export const COMMIT_PERIODS = ["none", "month", "year", "term"] as const;
export type CommitPeriod = (typeof COMMIT_PERIODS)[number];

/** What happens to use beyond the commitment: billed pay-as-you-go, or the agent stops and people do the work. */
export const OVERAGE_RULES = ["none", "payg", "hardStop"] as const;
export type OverageRule = (typeof OVERAGE_RULES)[number];

/** A plan's commitment rule as AWU.PLANCOMMIT reads it (the `commitment` and `overage` fields say it in words). */
export interface PlanCommitRule {
  readonly period: CommitPeriod;
  readonly overage: OverageRule;
  /** With a pay-as-you-go overage: USD per `perUnits` units beyond the commitment (committed units cost `priceUsd`). */
  readonly overagePriceUsd?: number;
}

export interface Plan {
  readonly key: string;
  readonly vendor: string;
  /** The unit billed ("Flex Credit", "conversation"). */
  readonly unit: string;
  /** What a case is billed for: each action of every attempt, each attempt once, or resolved cases only. */
  readonly charges: PlanCharge;
  /** USD per `perUnits` units. */
  readonly priceUsd: number;
  readonly perUnits: number;
  /** Events → units; the first is the plan's standard event. */
  readonly events: readonly PlanEvent[];
  readonly includedUnits: number;
  readonly includedPer: string;
  /** Commitment period and expiry: monthly reset, annual pool, contract term, none. */
  readonly commitment: string;
  readonly overage: string;
  /** The commitment and overage rules as data, for AWU.PLANCOMMIT. */
  readonly commit: PlanCommitRule;
  readonly discounts: string;
  /** The date as the source states it. */
  readonly asOf: string;
  /** ISO date from which this version is in force. */
  readonly effective: string;
  readonly source: string;
}

export interface PlanBook {
  /** Versions of each plan, newest first, under the key in lower case. */
  readonly byKey: ReadonlyMap<string, readonly Plan[]>;
  /** Plan keys in card order. */
  readonly keys: readonly string[];
  /** Vendors in card order, each once. */
  readonly vendors: readonly string[];
}

export function makePlanBook(plans: readonly Plan[]): PlanBook {
  const byKey = new Map<string, Plan[]>();
  const keys: string[] = [];
  const vendors: string[] = [];
  for (const plan of plans) {
    const id = plan.key.toLowerCase();
    const list = byKey.get(id);
    if (list) list.push(plan);
    else {
      byKey.set(id, [plan]);
      keys.push(plan.key);
    }
    if (!vendors.some((vendor) => vendor.toLowerCase() === plan.vendor.toLowerCase())) vendors.push(plan.vendor);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.effective.localeCompare(a.effective));
  return { byKey, keys, vendors };
}

// JSON types `charges` as a string; the plans' tests check every value is one of PLAN_CHARGES.
export const builtInPlans: PlanBook = makePlanBook(builtInJson.plans as readonly Plan[]);

export type PlanLookup =
  | { readonly found: "plan"; readonly plan: Plan }
  | { readonly found: "unknownPlan" }
  | { readonly found: "notYet"; readonly firstDate: string };

/** The version of a plan in force on an ISO date (key matched trimmed, in any case). */
export function planInForce(book: PlanBook, key: string, isoDate: string): PlanLookup {
  const list = book.byKey.get(key.trim().toLowerCase());
  if (!list) return { found: "unknownPlan" };
  const plan = list.find((version) => version.effective <= isoDate);
  return plan ? { found: "plan", plan } : { found: "notYet", firstDate: list[list.length - 1]?.effective ?? isoDate };
}

/** One of the plan's events by name (trimmed, any case); none given: the standard event. */
export function planEvent(plan: Plan, event: string | undefined): PlanEvent | undefined {
  if (event === undefined) return plan.events[0];
  const name = event.trim().toLowerCase();
  return plan.events.find((candidate) => candidate.event.toLowerCase() === name);
}

/** USD for a quantity of events at the plan's list price: quantity × units per event × price ÷ units priced. */
export function planCostUsd(plan: Plan, quantity: number, event: PlanEvent): number {
  // The same order of operations as flexCostUsd, so agentforce.flex matches AWU.FLEXCOST to the last bit.
  return (quantity * event.units * plan.priceUsd) / plan.perUnits;
}

/** USD per unit of the plan's unit. */
export const planUnitPriceUsd = (plan: Plan): number => plan.priceUsd / plan.perUnits;

/** A plan's events as a cell shows them, units each: "standard action: 20 (standard); voice action: 30". */
export function describePlanEvents(plan: Plan): string {
  return plan.events.map((e, i) => `${e.event}: ${e.units}${i === 0 ? " (standard)" : ""}`).join("; ");
}

/** The plans in force on a date, in card order; with a vendor, only that vendor's (any case). */
export function plansInForce(book: PlanBook, isoDate: string, vendor?: string): Plan[] {
  const wanted = vendor?.trim().toLowerCase();
  const rows: Plan[] = [];
  for (const key of book.keys) {
    const found = planInForce(book, key, isoDate);
    if (found.found !== "plan") continue;
    if (wanted !== undefined && found.plan.vendor.toLowerCase() !== wanted) continue;
    rows.push(found.plan);
  }
  return rows;
}

/**
 * AI USD per inbound case under a plan: an action-priced plan bills every attempt's actions
 * (actionsPerCase of its standard event), a conversation-priced one every attempt once, an
 * outcome-priced one only the resolved share of cases.
 */
export function planAiCostPerCase(plan: Plan, actionsPerCase: number, resolutionRate: number): number | Failure {
  const standard = plan.events[0] as PlanEvent;
  switch (plan.charges) {
    case "action":
      return planCostUsd(plan, actionsPerCase, standard);
    case "conversation":
      return planCostUsd(plan, 1, standard);
    case "outcome":
      return resolutionRate * planCostUsd(plan, 1, standard);
    case "seat":
      return fail({ code: "noCaseCost", plan: plan.key, unit: plan.unit });
  }
}

/** Start of the local calendar day of an ISO date, in ms. */
function localDayStartMs(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day).getTime();
}

/**
 * Today's plans by key (as spelt and in lower case), for the scalar path: it reads the clock
 * only while the card holds a plan version dated ahead of today, as TodaysRates does, so a
 * lookup is one map read. (A clock set back past an effective date is not seen.)
 */
export class PlansToday {
  private byName = new Map<string, Plan>();
  private validFromMs = Infinity;
  private validUntilMs = -Infinity;
  /** The last key asked for and its plan: a column of one plan's quantities asks the same key in every row. */
  private lastKey: string | undefined;
  private lastPlan: Plan | undefined;

  constructor(
    private readonly book: PlanBook,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The version of a plan in force today (key trimmed, any case), or undefined: unknown, or none yet. */
  get(key: string): Plan | undefined {
    if (this.validUntilMs !== Infinity) this.sync(this.nowMs());
    if (key === this.lastKey) return this.lastPlan;
    const plan = this.byName.get(key) ?? this.byName.get(key.trim().toLowerCase());
    this.lastKey = key;
    this.lastPlan = plan;
    return plan;
  }

  private sync(now: number): void {
    if (now >= this.validFromMs && now < this.validUntilMs) return;
    const day = localIsoToday(new Date(now));
    const byName = new Map<string, Plan>();
    let lastChange = "";
    let nextChange: string | undefined;
    for (const key of this.book.keys) {
      const found = planInForce(this.book, key, day);
      if (found.found === "plan") {
        byName.set(key, found.plan);
        byName.set(key.toLowerCase(), found.plan);
      }
      for (const { effective } of this.book.byKey.get(key.toLowerCase()) ?? []) {
        if (effective <= day) lastChange = effective > lastChange ? effective : lastChange;
        else if (nextChange === undefined || effective < nextChange) nextChange = effective;
      }
    }
    this.byName = byName;
    // Another day's plans: forget the last lookup.
    this.lastKey = undefined;
    this.lastPlan = undefined;
    this.validFromMs = lastChange ? localDayStartMs(lastChange) : -Infinity;
    this.validUntilMs = nextChange ? localDayStartMs(nextChange) : Infinity;
  }
}

// ---- AWU.PLANCOMMIT: the commitment under a plan's own expiry and overage rules ---------------

/** The commitment that minimises expected cost, with what it is expected to leave unused and to go beyond it. */
export interface PlanCommitment {
  /** Units committed per period: a month (monthly reset), a year (annual pool), the whole term (term pool); 0 with no commitment. */
  readonly commitment: number;
  /** Committed units expected to expire unused, summed over the forecast's periods. */
  readonly expectedWaste: number;
  /** Units expected beyond the commitment, summed over the periods: billed pay-as-you-go, or under a hard stop the work lost to people. */
  readonly expectedOverage: number;
  /** The expected USD of the commitment plus what goes beyond it (overage, or the lost work at the human cost). */
  readonly expectedCostUsd: number;
}

/** E[max(0, D − q)] for D ~ Normal(mean, sd²): the expected units beyond q. */
export function expectedShortfall(q: number, mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, mean - q);
  const k = (q - mean) / sd;
  return Math.max(0, sd * (normalDensity(k) - k * normalUpperTail(k)));
}

/** E[max(0, q − D)] for D ~ Normal(mean, sd²): the expected units of q left unused. */
export function expectedLeftover(q: number, mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, q - mean);
  const k = (q - mean) / sd;
  // E[max(0, q − D)] = sd × (φ(k) + k·Φ(k)), written with the upper tail so no digit is lost.
  return Math.max(0, sd * (normalDensity(k) + k * (1 - normalUpperTail(k))));
}

/**
 * The one commitment q, held for every period, that minimises Σ E[c·q + p·max(0, D_i − q)]
 * over periods whose use D_i ~ Normal(μ_i, (u·μ_i)²): where the share of periods expected
 * to stay within q, (1/n) Σ Φ((q − μ_i)/(u·μ_i)), reaches the critical ratio (p − c)/p.
 * One period, or periods alike, is AWU.COMMIT's closed form (commitCredits); others are
 * solved by bisection. With u = 0 it is the smallest μ_i at or above that share of periods.
 * Prices are per the same block of units; p ≤ c commits nothing.
 */
export function commitAcrossPeriods(means: readonly number[], committedPrice: number, overagePrice: number, uncertainty: number): number {
  if (means.length === 0 || overagePrice <= committedPrice) return 0;
  const first = means[0] as number;
  if (means.every((m) => m === first)) return commitCredits(first, committedPrice, overagePrice, uncertainty);
  const ratio = (overagePrice - committedPrice) / overagePrice;
  if (uncertainty === 0) {
    const sorted = [...means].sort((a, b) => a - b);
    // The smallest μ with at least `ratio` of the periods at or below it (the lowest of equally good commitments).
    for (let i = 0; i < sorted.length; i++) if ((i + 1) / sorted.length >= ratio) return sorted[i] as number;
    return sorted[sorted.length - 1] as number;
  }
  const withinShare = (q: number): number => {
    let share = 0;
    for (const mean of means) share += mean === 0 ? 1 : 1 - normalUpperTail((q - mean) / (uncertainty * mean));
    return share / means.length;
  };
  if (withinShare(0) >= ratio) return 0;
  let low = 0;
  let high = Math.max(...means) * (1 + 10 * uncertainty);
  // Fixed steps: the interval halves until it no longer can, whatever the numbers.
  for (let step = 0; step < 2000 && high - low > 0; step++) {
    const mid = low + (high - low) / 2;
    if (mid === low || mid === high) break;
    if (withinShare(mid) >= ratio) high = mid;
    else low = mid;
  }
  return high;
}

/** The forecast's months grouped into the plan's commitment periods, or the problem with its length. */
export function commitPeriods(plan: Plan, monthlyForecast: readonly number[]): number[] | Failure {
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  switch (plan.commit.period) {
    case "none":
    case "term":
      return [sum(monthlyForecast)];
    case "month":
      return [...monthlyForecast];
    case "year": {
      // One value is a steady month: its year is twelve of it.
      if (monthlyForecast.length === 1) return [12 * (monthlyForecast[0] as number)];
      if (monthlyForecast.length % 12 !== 0) return fail({ code: "badForecastLength", arg: "monthlyForecast", count: monthlyForecast.length, plan: plan.key });
      const years: number[] = [];
      for (let start = 0; start < monthlyForecast.length; start += 12) years.push(sum(monthlyForecast.slice(start, start + 12)));
      return years;
    }
  }
}

/**
 * AWU.PLANCOMMIT: the commitment that minimises expected cost under the plan's own rules.
 * `monthlyForecast` is in the plan's unit (credits, resolutions, assists); `uncertainty` the
 * relative standard deviation of one period's use; `humanCostPerCase` prices the work lost
 * under a hard stop, one case per standard event. A plan without a commitment commits 0,
 * and everything is used as it comes (all of it "beyond the commitment").
 */
export function planCommitment(plan: Plan, monthlyForecast: readonly number[], uncertainty: number, humanCostPerCase: number): PlanCommitment | Failure {
  const periods = commitPeriods(plan, monthlyForecast);
  if (periods instanceof Failure) return periods;
  const committedPrice = plan.priceUsd;
  const rule = plan.commit;
  const overagePrice =
    rule.overage === "payg"
      ? (rule.overagePriceUsd ?? committedPrice)
      : rule.overage === "hardStop"
        ? (humanCostPerCase * plan.perUnits) / (plan.events[0] as PlanEvent).units
        : committedPrice;
  const commitment = rule.period === "none" ? 0 : commitAcrossPeriods(periods, committedPrice, overagePrice, uncertainty);
  let expectedWaste = 0;
  let expectedOverage = 0;
  for (const mean of periods) {
    const sd = uncertainty * mean;
    // Committing nothing, every unit is used as it comes: the forecast itself (the normal model's
    // E[max(0, D)] would be a hair above μ, from demand it lets fall below 0).
    if (commitment > 0) expectedWaste += expectedLeftover(commitment, mean, sd);
    expectedOverage += commitment > 0 ? expectedShortfall(commitment, mean, sd) : mean;
  }
  const expectedCostUsd = (periods.length * commitment * committedPrice + expectedOverage * overagePrice) / plan.perUnits;
  return { commitment, expectedWaste, expectedOverage, expectedCostUsd };
}

/**
 * USD for one period's use under a commitment (the realised cost, not its expectation):
 * the committed units at the plan's price, plus the use beyond them at the overage price (a
 * pay-as-you-go overage) or at the human cost of the lost cases (a hard stop).
 */
export function committedCostUsd(plan: Plan, commitment: number, used: number, humanCostPerCase: number): number {
  const beyond = Math.max(0, used - commitment);
  const perBlock =
    plan.commit.overage === "payg"
      ? (plan.commit.overagePriceUsd ?? plan.priceUsd)
      : plan.commit.overage === "hardStop"
        ? (humanCostPerCase * plan.perUnits) / (plan.events[0] as PlanEvent).units
        : plan.priceUsd;
  return (commitment * plan.priceUsd + beyond * perBlock) / plan.perUnits;
}

/** The use at which a commitment costs as much as paying for every unit at the overage price: commitment × c ÷ p. */
export function commitBreakevenUnits(plan: Plan, commitment: number): number {
  const overage = plan.commit.overagePriceUsd ?? plan.priceUsd;
  return (commitment * plan.priceUsd) / overage;
}

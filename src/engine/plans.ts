/**
 * Vendors' plans (issue 12): the rate card's `plans` section, one record per plan version,
 * effective-dated as the card's entries are. A plan is a record, not a number (a unit, a
 * price per block of units, events converting to units, an allowance, commitment and
 * overage rules), so it sits beside the scalar entries rather than as `plan.<key>.*` keys.
 */
import builtInJson from "./rate-card.json";
import { localIsoToday } from "./dates";

export interface PlanEvent {
  /** The event's name as the vendor bills it ("standard action"), matched trimmed and in any case. */
  readonly event: string;
  /** Units of the plan's unit one event consumes. */
  readonly units: number;
}

/** How a plan bills an inbound case (AWU.CASECOST). */
export const PLAN_CHARGES = ["action", "conversation", "outcome"] as const;
export type PlanCharge = (typeof PLAN_CHARGES)[number];

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
export function planAiCostPerCase(plan: Plan, actionsPerCase: number, resolutionRate: number): number {
  const standard = plan.events[0] as PlanEvent;
  switch (plan.charges) {
    case "action":
      return planCostUsd(plan, actionsPerCase, standard);
    case "conversation":
      return planCostUsd(plan, 1, standard);
    case "outcome":
      return resolutionRate * planCostUsd(plan, 1, standard);
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

  constructor(
    private readonly book: PlanBook,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The version of a plan in force today (key trimmed, any case), or undefined: unknown, or none yet. */
  get(key: string): Plan | undefined {
    if (this.validUntilMs !== Infinity) this.sync(this.nowMs());
    return this.byName.get(key) ?? this.byName.get(key.trim().toLowerCase());
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
    this.validFromMs = lastChange ? localDayStartMs(lastChange) : -Infinity;
    this.validUntilMs = nextChange ? localDayStartMs(nextChange) : Infinity;
  }
}

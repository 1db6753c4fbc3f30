/**
 * The one plan selector (issue 12; docs/model.md §12): the Inputs sheet's pricing model is
 * one of the three the Inputs sheet prices (per conversation, Flex Credits, per user) or a
 * vendor plan's key from the Vendors sheet's plans table. These native formulas price a
 * month's volume under such a plan exactly as the engine's planMonthlyUsd and planShareUsd
 * do, from the plans table, so an analyst who edits a plan's price sees the Jobs, Budget,
 * ROI, Ledger and Scenarios follow, in the portable file too.
 */
import { PLAN_CHARGES } from "../../engine";
import { add, bool, call, div, eq, mul, name, ne, num, str, sub, wholeCol, type Expr } from "../model/formula";
import { TABLES } from "./names";

/** The plans table's columns, as the formulas read them. */
export const PLAN_COLUMNS = {
  plan: "Plan",
  vendor: "Vendor",
  bills: "Bills",
  unit: "Unit",
  price: "Price",
  perUnits: "Per units",
  unitPrice: "Price per unit",
  event: "Standard event",
  units: "Units per standard event",
  commitment: "Commitment",
  beyond: "Beyond the commitment",
  overagePrice: "Overage price",
  meteredAs: "Seat use billed as",
  included: "Included units a year",
  asOf: "As of",
  source: "Source",
} as const;

const P = PLAN_COLUMNS;

/** A column of the plan named by `key`, read from the Vendors sheet's plans table. */
export const planNamed = (key: Expr, column: string): Expr => call("INDEX", wholeCol(TABLES.vendorPlans, column), call("MATCH", key, wholeCol(TABLES.vendorPlans, P.plan), num(0)));

/** A month's work as formulas: conversations (each run of an item) and agent actions. */
export interface VolumeExprs {
  readonly conversations: Expr;
  readonly actions: Expr;
}

/** The Jobs table's whole volume a month: Σ runs, Σ units. */
export const jobsVolume = (): VolumeExprs => ({
  conversations: call("SUM", wholeCol(TABLES.jobs, "Runs per month")),
  actions: call("SUM", wholeCol(TABLES.jobs, "Units per month")),
});

/** TRUE when `model` (the Inputs sheet's by default) is a plan of the plans table, not a model the Inputs sheet prices. */
export const isPlan = (model: Expr = name("PricingModel")): Expr => call("ISNUMBER", call("MATCH", model, wholeCol(TABLES.vendorPlans, P.plan), num(0)));

/** TRUE when `model` is a seat plan (its bill is the seats, shared by actions, as per-user pricing's); FALSE for anything else. */
export const isSeatPlan = (model: Expr = name("PricingModel")): Expr => call("IF", isPlan(model), eq(planNamed(model, P.bills), str(PLAN_CHARGES[3])), bool(false));

/**
 * The events a usage plan billing `bills` bills a month (engine: eventsBilled): the actions, or
 * the conversations, only the resolved ones for an outcome plan. Each volume appears once: the
 * Scenarios' volumes are long SUMPRODUCTs, and Excel holds a formula of 8,192 characters at most.
 */
function usageEvents(bills: Expr, volume: VolumeExprs, resolutionRate: Expr): Expr {
  const [action, , outcome] = PLAN_CHARGES;
  return call("IF", eq(bills, str(action)), volume.actions, mul(volume.conversations, call("IF", eq(bills, str(outcome)), resolutionRate, num(1))));
}

/** USD per event the plan `model` bills: units per standard event × price per unit. */
const usdPerEvent = (model: Expr): Expr => mul(planNamed(model, P.units), planNamed(model, P.unitPrice));

/**
 * A seat plan's metered use a month (0 for any other plan): the agents' use billed as the units
 * of the plan named in its *Seat use billed as*, less its allowance, at that plan's price.
 */
export function meteredUseCost(model: Expr, whole: VolumeExprs, resolutionRate: Expr): Expr {
  const meteredAs = planNamed(model, P.meteredAs);
  const metered = (column: string): Expr => planNamed(meteredAs, column);
  const meteredUnits = sub(mul(usageEvents(metered(P.bills), whole, resolutionRate), metered(P.units)), div(planNamed(model, P.included), num(12)));
  return call("IF", eq(meteredAs, str("")), num(0), mul(call("MAX", num(0), meteredUnits), metered(P.unitPrice)));
}

/** A seat plan's bill a month for the whole volume (engine: planMonthlyUsd): the licensed users, plus the metered use above the allowance. */
export function seatPlanMonthlyCost(model: Expr, whole: VolumeExprs, resolutionRate: Expr = name("ResolutionRate")): Expr {
  return add(mul(name("LicensedUsers"), usdPerEvent(model)), meteredUseCost(model, whole, resolutionRate));
}

/**
 * USD a month for a part of the volume under the plan `model` (engine: planShareUsd): a usage
 * plan bills the part's own events; a seat plan's whole bill is shared by actions.
 */
export function planShareCost(model: Expr, part: VolumeExprs, whole: VolumeExprs, resolutionRate: Expr = name("ResolutionRate")): Expr {
  return call(
    "IF",
    isSeatPlan(model),
    call("IF", eq(whole.actions, num(0)), num(0), div(mul(seatPlanMonthlyCost(model, whole, resolutionRate), part.actions), whole.actions)),
    mul(usageEvents(planNamed(model, P.bills), part, resolutionRate), usdPerEvent(model)),
  );
}

/**
 * The Pricing sheet's cells for the plan in use, computed once: every Jobs row and every
 * ledger summary row reads these short names instead of looking the plan up itself (a
 * thousand job rows would otherwise carry a thousand copies of the lookups).
 */
export const PLAN_IN_USE = {
  bills: "PlanInUseBills",
  usdPerEvent: "PlanInUseUsdPerEvent",
  usdPerUnit: "PlanInUseUsdPerUnit",
  seats: "PlanInUseSeatsPerMonth",
} as const;

/** The Pricing sheet's formulas for those cells: blank and 0 when the model in use is not a plan. */
export const planInUseFormulas = (): Readonly<Record<keyof typeof PLAN_IN_USE, Expr>> => {
  const inUse = name("PricingModel");
  return {
    bills: call("IF", isPlan(), planNamed(inUse, P.bills), str("")),
    usdPerEvent: call("IF", isPlan(), usdPerEvent(inUse), num(0)),
    usdPerUnit: call("IF", isPlan(), planNamed(inUse, P.unitPrice), num(0)),
    seats: call("IF", isSeatPlan(), seatPlanMonthlyCost(inUse, jobsVolume()), num(0)),
  };
};

/** TRUE when the Inputs sheet's pricing model is a vendor plan (read from the Pricing sheet's cell). */
export const usesPlan = (): Expr => ne(name(PLAN_IN_USE.bills), str(""));
/** TRUE when it is a seat plan: the seats are the AI spend, as per user. */
export const usesSeatPlan = (): Expr => eq(name(PLAN_IN_USE.bills), str(PLAN_CHARGES[3]));

/**
 * USD a month for a part of the Jobs' volume under the plan in use (engine: planShareUsd),
 * from the Pricing sheet's cells: a usage plan's events at its price per event, or the
 * seats shared by actions.
 */
export function planInUseShare(part: VolumeExprs, wholeActions: Expr): Expr {
  const events = usageEvents(name(PLAN_IN_USE.bills), part, name("ResolutionRate"));
  return call("IF", usesSeatPlan(), call("IF", eq(wholeActions, num(0)), num(0), div(mul(name(PLAN_IN_USE.seats), part.actions), wholeActions)), mul(events, name(PLAN_IN_USE.usdPerEvent)));
}

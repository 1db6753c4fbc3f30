/**
 * A month's volume priced under a vendor plan (issue 12, the one plan selector; docs/model.md
 * §12): what the Vendors sheet's comparison computes for the whole volume, and what the Jobs,
 * Budget, ROI, Ledger and Scenarios compute for a part of it when the Inputs sheet's pricing
 * model is a plan key. A plan is read here as the workbook's plans table has it (price per
 * unit, units per standard event, what it bills, and for a seat plan the plan its agents'
 * use is metered in), so an analyst's edit to a price prices the same way in the engine and
 * in the sheets.
 */
import { builtInPlans, planInForce, type Plan, type PlanBook, type PlanCharge } from "./plans";

/** A plan as the workbook prices it. */
export interface PlanRates {
  readonly charges: PlanCharge;
  /** USD per unit of the plan's unit: its price ÷ the units priced. */
  readonly usdPerUnit: number;
  /** Units one standard event consumes (a Flex Credit plan: 20 a standard action). */
  readonly unitsPerEvent: number;
  /** A seat plan whose agents' use bills as another plan's units, net of an allowance a year. */
  readonly metered?: { readonly rates: PlanRates; readonly includedUnitsPerYear: number };
}

/** A month's work: conversations (each run of an item) and agent actions. */
export interface PlanVolume {
  readonly conversations: number;
  readonly actions: number;
}

/** What a plan's bill depends on besides the volume: the share of conversations resolved, and the licensed users. */
export interface PlanSetting {
  readonly resolutionRate: number;
  readonly users: number;
}

/** The events a plan bills in a month: every action, every conversation, every resolved conversation, or every user. */
export function eventsBilled(charges: PlanCharge, volume: PlanVolume, setting: PlanSetting): number {
  switch (charges) {
    case "action":
      return volume.actions;
    case "conversation":
      return volume.conversations;
    case "outcome":
      return volume.conversations * setting.resolutionRate;
    case "seat":
      return setting.users;
  }
}

/** USD a month for a volume under a plan: the events billed at the plan's price, plus a seat plan's metered use above its allowance. */
export function planMonthlyUsd(rates: PlanRates, volume: PlanVolume, setting: PlanSetting): number {
  // The Vendors sheet's order: units × price ÷ units priced, here units × (price ÷ units priced).
  const billed = eventsBilled(rates.charges, volume, setting) * rates.unitsPerEvent * rates.usdPerUnit;
  const metered = rates.metered;
  if (metered === undefined) return billed;
  const units = eventsBilled(metered.rates.charges, volume, setting) * metered.rates.unitsPerEvent - metered.includedUnitsPerYear / 12;
  return billed + Math.max(0, units) * metered.rates.usdPerUnit;
}

/**
 * USD a month for a part of the volume (a job, the case jobs): a usage plan bills the part's
 * own events; a seat plan's whole bill is shared in proportion to actions, as per-user
 * pricing shares its seats.
 */
export function planShareUsd(rates: PlanRates, part: PlanVolume, whole: PlanVolume, setting: PlanSetting): number {
  if (rates.charges !== "seat") return planMonthlyUsd(rates, part, setting);
  return whole.actions === 0 ? 0 : (planMonthlyUsd(rates, whole, setting) * part.actions) / whole.actions;
}

/**
 * The plan whose units a seat plan's use is billed in, where the card says so (the metered
 * user licence and the edition bill their agents' use as Flex Credits): another plan's key
 * named in its allowance or overage words. The card has no field for it; the Vendors sheet's
 * plans table shows it, so the analyst sees and can change it.
 */
export function seatUseBilledAs(plan: Plan, book: PlanBook = builtInPlans): string | undefined {
  if (plan.charges !== "seat") return undefined;
  const words = `${plan.includedPer} ${plan.overage}`.toLowerCase();
  const named: readonly string[] = words.match(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g) ?? [];
  return book.keys.find((key) => key.toLowerCase() !== plan.key.toLowerCase() && named.includes(key.toLowerCase()));
}

/** The allowance a seat plan's metered use is netted against, a year: the card's included units, per year or per month. */
export function seatIncludedPerYear(plan: Plan): number {
  if (/\byear\b/i.test(plan.includedPer)) return plan.includedUnits;
  if (/\bmonth\b/i.test(plan.includedPer)) return plan.includedUnits * 12;
  return 0;
}

/** A card plan's rates on a date, as the Vendors sheet writes them (its standard event; a seat plan's metered plan as of the same date). */
export function planRatesOf(plan: Plan, isoDate: string, book: PlanBook = builtInPlans): PlanRates {
  const own = { charges: plan.charges, usdPerUnit: plan.priceUsd / plan.perUnits, unitsPerEvent: plan.events[0]?.units ?? 0 };
  const meteredKey = seatUseBilledAs(plan, book);
  const found = meteredKey === undefined ? undefined : planInForce(book, meteredKey, isoDate);
  if (found?.found !== "plan") return own;
  return { ...own, metered: { rates: planRatesOf(found.plan, isoDate, book), includedUnitsPerYear: seatIncludedPerYear(plan) } };
}

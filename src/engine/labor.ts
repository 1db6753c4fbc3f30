/**
 * Labor economics (pricing.md §3). Inputs are validated by the caller; where a result
 * does not exist (no payback, no break-even) a Failure says why.
 */
import { fail, type Failure } from "./problems";

const MINUTES_PER_HOUR = 60;
const MONTHS_PER_YEAR = 12;

/**
 * Fully loaded USD per human-handled case:
 * wage × (1 + benefits ÷ wages) × (1 + overhead) ÷ utilization × handle minutes ÷ 60.
 */
export function humanCostPerCase(
  hourlyWage: number,
  benefitsLoad: number,
  overhead: number,
  utilization: number,
  handleMinutes: number,
): number {
  return (((hourlyWage * (1 + benefitsLoad) * (1 + overhead)) / utilization) * handleMinutes) / MINUTES_PER_HOUR;
}

/** USD per inbound case when AI handles every case and resolves a share; humans take the rest for less. */
export function blendedCostPerCase(humanCost: number, aiCost: number, resolutionRate: number, escalationSavings: number): number {
  return aiCost + (1 - resolutionRate) * humanCost * (1 - escalationSavings);
}

/** The resolution rate at which blended cost equals human cost: 1 − (1 − A/H) ÷ (1 − S). Needs H > 0, S < 1. */
export function breakevenResolutionRate(humanCost: number, aiCost: number, escalationSavings: number): number | Failure {
  const rate = 1 - (1 - aiCost / humanCost) / (1 - escalationSavings);
  if (rate > 1) return fail({ code: "breakevenAboveOne" });
  if (rate < 0) return fail({ code: "breakevenBelowZero" });
  return rate;
}

/** Months for the annual savings to repay the enablement cost; no payback unless savings are positive. */
export function paybackMonths(
  enablementCost: number,
  annualCases: number,
  humanCost: number,
  aiCost: number,
  resolutionRate: number,
  escalationSavings: number,
): number | Failure {
  const blendedCost = blendedCostPerCase(humanCost, aiCost, resolutionRate, escalationSavings);
  const annualSavings = annualCases * (humanCost - blendedCost);
  if (!(annualSavings > 0)) return fail({ code: "noPayback", humanCost, blendedCost, annualCases });
  return enablementCost / (annualSavings / MONTHS_PER_YEAR);
}

/** Cases a year above which building in-house beats buying: fixed cost ÷ (buy price − compute per case). */
export function buildVsBuyCases(fixedAnnualCost: number, buyPricePerCase: number, computePerCase: number): number | Failure {
  const marginPerCase = buyPricePerCase - computePerCase;
  if (!(marginPerCase > 0)) return fail({ code: "noBuildBreakeven" });
  return fixedAnnualCost / marginPerCase;
}

/**
 * All-in USD per acceptable outcome (the budgeting method's step 4):
 * (AI cost × (1 + rerun rate) + review minutes ÷ 60 × hourly rate) ÷ acceptance rate.
 */
export function allInCostPerOutcome(
  aiCostPerItem: number,
  reviewMinutes: number,
  hourlyRate: number,
  acceptanceRate: number,
  rerunRate: number,
): number {
  const perItem = aiCostPerItem * (1 + rerunRate) + (reviewMinutes / MINUTES_PER_HOUR) * hourlyRate;
  return perItem / acceptanceRate;
}

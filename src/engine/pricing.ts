/**
 * Pricing models (pricing.md §2). Inputs are already validated by the caller (the gate):
 * counts ≥ 0, prices ≥ 0, rates within 0–1. Full precision: rounding is the worksheet's.
 */
import { fail, type Failure } from "./problems";

const CREDITS_PER_PRICE_BLOCK = 100_000;

/** Flex Credits consumed: actions × credits per action. */
export function flexCredits(actions: number, creditsPerAction: number): number {
  return actions * creditsPerAction;
}

/** USD per action under Flex Credits, after the pre-purchase discount. */
export function flexCostPerAction(creditsPerAction: number, pricePer100kCredits: number, discount: number): number {
  return ((creditsPerAction * pricePer100kCredits) / CREDITS_PER_PRICE_BLOCK) * (1 - discount);
}

/** USD for the actions under Flex Credits: credits × price per 100k ÷ 100,000 × (1 − discount). */
export function flexCostUsd(actions: number, creditsPerAction: number, pricePer100kCredits: number, discount: number): number {
  return ((actions * creditsPerAction * pricePer100kCredits) / CREDITS_PER_PRICE_BLOCK) * (1 - discount);
}

/** USD under per-conversation pricing. */
export function conversationCostUsd(conversations: number, pricePerConversation: number): number {
  return conversations * pricePerConversation;
}

/** USD under per-user licences. */
export function seatCostUsd(users: number, months: number, pricePerUserMonth: number): number {
  return users * months * pricePerUserMonth;
}

/** Average actions per interaction of a mix: Σ share × actions (shares already sum to 1). */
export function mixActionsPerInteraction(shares: readonly number[], actionsPerInteraction: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < shares.length; i++) total += (shares[i] as number) * (actionsPerInteraction[i] as number);
  return total;
}

/** Actions per interaction at which Flex Credits cost as much as per-conversation pricing. */
export function crossoverActionsPerInteraction(pricePerConversation: number, flexUsdPerAction: number): number {
  return pricePerConversation / flexUsdPerAction;
}

/** Actions per user per month at which a seat costs as much as Flex Credits. */
export function seatBreakevenActions(pricePerUserMonth: number, flexUsdPerAction: number): number {
  return pricePerUserMonth / flexUsdPerAction;
}

/** USD of compute for one work cycle: tokens × price per 1M, times the retry multiplier. */
export function tokenCostUsd(
  inputTokens: number,
  outputTokens: number,
  inputUsdPerMillion: number,
  outputUsdPerMillion: number,
  retryMultiplier: number,
): number {
  return ((inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1_000_000) * retryMultiplier;
}

export type PricingModel = "perConversation" | "flexList" | "flexDiscounted" | "perUser";

export interface ModelCost {
  readonly model: PricingModel;
  readonly monthlyUsd: number;
  readonly annualUsd: number;
  /** Cost ÷ the cheapest model's cost (1 = the cheapest), or a failure when the cheapest costs 0. */
  readonly timesCheapest: number | Failure;
}

export interface ComparisonInputs {
  readonly interactionsPerMonth: number;
  readonly actionsPerInteraction: number;
  readonly users: number;
  readonly discount: number;
  readonly pricePerConversation: number;
  readonly creditsPerAction: number;
  readonly pricePer100kCredits: number;
  readonly pricePerUserMonth: number;
}

const MONTHS_PER_YEAR = 12;

/** The four pricing models side by side, in a fixed order (per conversation, Flex list, Flex discounted, per user). */
export function comparePricingModels(inputs: ComparisonInputs): readonly ModelCost[] {
  const actions = inputs.interactionsPerMonth * inputs.actionsPerInteraction;
  const monthly: readonly [PricingModel, number][] = [
    ["perConversation", conversationCostUsd(inputs.interactionsPerMonth, inputs.pricePerConversation)],
    ["flexList", flexCostUsd(actions, inputs.creditsPerAction, inputs.pricePer100kCredits, 0)],
    ["flexDiscounted", flexCostUsd(actions, inputs.creditsPerAction, inputs.pricePer100kCredits, inputs.discount)],
    ["perUser", seatCostUsd(inputs.users, 1, inputs.pricePerUserMonth)],
  ];
  const cheapest = Math.min(...monthly.map(([, usd]) => usd));
  return monthly.map(([model, usd]) => ({
    model,
    monthlyUsd: usd,
    annualUsd: usd * MONTHS_PER_YEAR,
    timesCheapest: cheapest > 0 ? usd / cheapest : fail({ code: "nothingCosts" }),
  }));
}

/** The cheapest of the models an org can choose (per conversation, Flex Credits at the discount, per user); ties go to the first. */
export function cheapestModel(costs: readonly ModelCost[]): PricingModel | Failure {
  let best: ModelCost | undefined;
  for (const cost of costs) {
    if (cost.model === "flexList") continue; // the discounted price is the one an org would buy at
    // A cost that overflowed can't be compared: naming a winner anyway would be a plausible wrong answer.
    if (!Number.isFinite(cost.monthlyUsd)) return fail({ code: "tooLarge" });
    if (!best || cost.monthlyUsd < best.monthlyUsd) best = cost;
  }
  return (best as ModelCost).model;
}

/** How a model is named in a cell: CHEAPEST's answer and the template's model drop-down use the same words. */
export const PRICING_MODEL_NAMES: Readonly<Record<PricingModel, string>> = {
  perConversation: "Per conversation",
  flexList: "Flex Credits (list)",
  flexDiscounted: "Flex Credits",
  perUser: "Per user",
};

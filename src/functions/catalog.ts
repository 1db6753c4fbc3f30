/**
 * The function catalog (functions.md): each AWU function's parameters declared once, in
 * the contract's order, with bounds and defaults, and the engine call it makes. Pure: no
 * Office types, so the task pane and tests use the same declarations as Excel does.
 */
import {
  PRICING_MODEL_NAMES,
  TodaysRates,
  allInCostPerOutcome,
  blendedCostPerCase,
  breakevenResolutionRate,
  buildVsBuyCases,
  builtInPlans,
  builtInRateCard,
  describePlanEvents,
  planAiCostPerCase,
  planCostUsd,
  planEvent,
  planCommitment,
  planInForce,
  planUnitPriceUsd,
  plansInForce,
  PlansToday,
  cheapestModel,
  commitCredits,
  comparePricingModels,
  conversationCostUsd,
  crossoverActionsPerInteraction,
  daysToDepletionTrend,
  fail,
  flexCostPerAction,
  flexCostUsd,
  flexCredits,
  formatThreshold,
  highestThresholdCrossed,
  humanCostPerCase,
  isoFromSerial,
  lookupRate,
  mixActionsPerInteraction,
  paybackMonths,
  ratesInForce,
  seatBreakevenActions,
  seatCostUsd,
  tokenCostUsd,
  builtInPriceList,
  modelTokenPrices,
  priceListModelCount,
  DEFAULT_ALERT_THRESHOLDS,
  LAST_EXCEL_SERIAL,
  Failure,
  type Bounds,
  type ComparisonInputs,
  type Plan,
  type PlanEvent,
  OUTCOME_STATUSES,
  DEFAULT_ACCEPTED_STATUSES,
  DEFAULT_ANOMALY_RULE,
  DEFAULT_BURST_RULE,
  acceptanceRate,
  anomalyFlags,
  costPerAcceptedOutcome,
  findRerunBursts,
  groupKey,
  forecastAlerts,
  forecastPeriod,
  rerunInflation,
  rerunRate,
} from "../engine";
import { defineFunction, type FunctionSpec, type Scalar } from "./gate";
import {
  AMOUNT,
  COUNT,
  POSITIVE,
  RATE,
  RATE_ABOVE_ZERO,
  RATE_BELOW_ONE,
  fromRateCard,
  list,
  maybeNum,
  num,
  numOrText,
  optList,
  optNum,
  text,
  optText,
  textList,
  optTextList,
  flagList,
  WHOLE_AT_LEAST_ONE,
  type RateDefault,
} from "./params";

/** Today's rate card, shared by every function's defaults. */
export const todaysRates = new TodaysRates(builtInRateCard);
const rate = (key: string): number => todaysRates.value(key);
/** Today's plans, for PLANCOST and CASECOST without a date. */
const plansToday = new PlansToday(builtInPlans);

/** The plan in force on a date (today when none), or the problem: an unknown key, or no version yet. */
function planOn(planKey: string, asOfDate: number | undefined): Plan | Failure {
  const today = asOfDate === undefined ? plansToday.get(planKey) : undefined;
  if (today) return today;
  const date = isoOn(asOfDate);
  const found = planInForce(builtInPlans, planKey, date);
  if (found.found === "unknownPlan") return fail({ code: "unknownPlan", arg: "plan", input: planKey, plans: builtInPlans.keys });
  if (found.found === "notYet") return fail({ code: "noRateOnDate", key: planKey.trim(), date, firstDate: found.firstDate });
  return found.plan;
}

const creditsPerAction = optNum("creditsPerAction", AMOUNT, fromRateCard("flex.creditsPerAction"));
const pricePer100k = optNum("pricePer100k", AMOUNT, fromRateCard("flex.pricePer100kCredits"));
const listDiscount = optNum("discount", RATE, 0);
// Where Flex cost per action divides, it must be above zero.
const divisorCreditsPerAction = optNum("creditsPerAction", POSITIVE, fromRateCard("flex.creditsPerAction"));
const divisorPricePer100k = optNum("pricePer100k", POSITIVE, fromRateCard("flex.pricePer100kCredits"));
const divisorDiscount = optNum("discount", RATE_BELOW_ONE, 0);
const prepurchaseDiscount = optNum("discount", RATE, fromRateCard("flex.prepurchaseDiscount"));
const escalationSavings = optNum("escalationSavings", RATE, 0);

const benefitsLoad: RateDefault = {
  describe: (r) =>
    `${formatRatio(r("labor.eceBenefits") / r("labor.eceWages"))} (rate card: labor.eceBenefits ÷ labor.eceWages = ${r("labor.eceBenefits")} ÷ ${r("labor.eceWages")})`,
  value: (r) => r("labor.eceBenefits") / r("labor.eceWages"),
};
const formatRatio = (x: number): string => String(Number(x.toPrecision(4)));

// The human cost per case AWU.HUMANCOST() gives with every default, for CASECOST.
const defaultHumanCost = (r: (key: string) => number): number =>
  humanCostPerCase(r("labor.csrMedianWage"), r("labor.eceBenefits") / r("labor.eceWages"), r("labor.overhead"), r("labor.utilization"), r("labor.handleMinutes"));
const humanCostDefault: RateDefault = {
  describe: (r) => `${formatRatio(defaultHumanCost(r))} (AWU.HUMANCOST() with the rate card's defaults)`,
  value: defaultHumanCost,
};

function comparison(interactionsPerMonth: number, actionsPerInteraction: number, users: number, discount: number): ComparisonInputs {
  return {
    interactionsPerMonth,
    actionsPerInteraction,
    users,
    discount,
    pricePerConversation: rate("conversation.price"),
    creditsPerAction: rate("flex.creditsPerAction"),
    pricePer100kCredits: rate("flex.pricePer100kCredits"),
    pricePerUserMonth: rate("seat.addOn"),
  };
}

// The ledger's lists: statuses are the ledger's outcome words, matched in any case.
const acceptedStatuses = optTextList("acceptedStatuses", OUTCOME_STATUSES, DEFAULT_ACCEPTED_STATUSES);
/** A whole number of days, at most Excel's calendar. */
const DAYS: Bounds = { min: 1, max: LAST_EXCEL_SERIAL, integer: true };
const MS_PER_DAY = 86_400_000;

// Rerun bursts (RERUNBURST and RERUNLOOPS): the ledger's rows and the rule, declared once.
const BURST_ROWS = [
  list("timestamps", AMOUNT),
  // A ledger row with no job is the no-name group's, as in every summary.
  textList("jobs", { sameCountAs: "timestamps", blankAs: "" }),
  flagList("isRerun", { sameCountAs: "timestamps" }),
] as const;
const BURST_RULE = [
  optNum("windowMinutes", POSITIVE, DEFAULT_BURST_RULE.windowMinutes),
  optNum("minReruns", WHOLE_AT_LEAST_ONE, DEFAULT_BURST_RULE.minReruns),
  optNum("minRerunShare", RATE, DEFAULT_BURST_RULE.minRerunShare),
] as const;

/** The engine's rerun bursts over a ledger's columns (one reading of the rows for RERUNBURST and RERUNLOOPS). */
function rerunBursts(
  timestamps: readonly number[],
  jobs: readonly string[],
  isRerun: readonly boolean[],
  windowMinutes: number,
  minReruns: number,
  minRerunShare: number,
): ReturnType<typeof findRerunBursts> {
  // Whole milliseconds, so a window's edge is not lost to the rounding of date serials.
  const actions = timestamps.map((serial, i) => ({ timeMs: Math.round(serial * MS_PER_DAY), job: jobs[i] as string, rerun: isRerun[i] as boolean }));
  return findRerunBursts(actions, { windowMinutes, minReruns, minRerunShare });
}

/** The period's forecast, or the problem with the history's length (one check for PERIODFORECAST and FORECASTALERT). */
function periodForecast(consumedToDate: number, dailyHistory: readonly number[], daysInPeriod: number): ReturnType<typeof forecastPeriod> | Failure {
  if (dailyHistory.length > daysInPeriod)
    return fail({ code: "tooManyDays", arg: "dailyHistory", count: dailyHistory.length, otherArg: "daysInPeriod", days: daysInPeriod });
  const forecast = forecastPeriod(consumedToDate, dailyHistory, daysInPeriod);
  // An overflowed forecast would compare below every threshold: a plausible wrong answer.
  return Number.isFinite(forecast.forecastUnits) ? forecast : fail({ code: "tooLarge" });
}

export const COMPARE_HEADER = ["Model", "Monthly cost (USD)", "Annual cost (USD)", "Cost vs cheapest (×)"] as const;
export const RATES_HEADER = ["Key", "Value", "Unit", "As of", "Source"] as const;
/** Model names an unknown-model message offers as examples. */
const MODEL_EXAMPLES = ["gpt-4o", "claude-sonnet-4.6"] as const;
/** A rate's source, with the card's note where it departs from another source. */
const withNote = (entry: { readonly source: string; readonly note?: string }): string => (entry.note ? `${entry.source}. ${entry.note}` : entry.source);
/** AWU.RATES' last row: the price list under the card's tokens.* rows, its model count as the value. */
export function priceListRow(): Scalar[] {
  const list = builtInPriceList();
  return [
    "tokens.*",
    priceListModelCount(list),
    "models priced per 1M tokens by the price list (AWU.TOKENCOST's model names); the tokens.* rows above override it",
    list.published,
    `${list.package} ${list.version} (npm, ${list.license}): ${list.source}`,
  ];
}
/** What AWU.PLANCOMMIT's one row holds, left to right (it spills no header, so one cell shows the commitment). */
export const PLANCOMMIT_COLUMNS = ["Commitment (units per period)", "Expected waste (units)", "Expected overage (units)"] as const;
export const PLANS_HEADER = ["Key", "Vendor", "Unit", "Price (USD per unit)", "Events (units each)", "Commitment", "Overage", "As of", "Source"] as const;

/** A date argument as an Excel date serial, or today. */
const ASOF_DATE: Bounds = { min: 1, max: LAST_EXCEL_SERIAL };
const isoOn = (asOfDate: number | undefined): string => (asOfDate === undefined ? todaysRates.isoDate() : isoFromSerial(asOfDate));

const CATALOG: readonly FunctionSpec[] = [
  // Pricing models
  defineFunction({
    id: "FLEXCOST",
    output: "cell",
    params: [num("actions", COUNT), creditsPerAction, pricePer100k, listDiscount],
    compute: flexCostUsd,
  }),
  defineFunction({
    id: "CREDITS",
    output: "cell",
    params: [num("actions", COUNT), creditsPerAction],
    compute: flexCredits,
  }),
  defineFunction({
    id: "CONVCOST",
    output: "cell",
    params: [num("conversations", COUNT), optNum("pricePerConversation", AMOUNT, fromRateCard("conversation.price"))],
    compute: conversationCostUsd,
  }),
  defineFunction({
    id: "SEATCOST",
    output: "cell",
    params: [num("users", COUNT), optNum("months", COUNT, 1), optNum("pricePerUserMonth", AMOUNT, fromRateCard("seat.addOn"))],
    compute: seatCostUsd,
  }),
  defineFunction({
    id: "MIXACTIONS",
    output: "cell",
    params: [num("interactions", COUNT), list("shares", RATE, { sumsTo: 1 }), list("actionsPerInteraction", COUNT, { sameCountAs: "shares" })],
    compute: (interactions, shares, actionsPerInteraction) => interactions * mixActionsPerInteraction(shares, actionsPerInteraction),
  }),
  defineFunction({
    id: "COMPARE",
    output: "table",
    params: [num("interactionsPerMonth", COUNT), num("actionsPerInteraction", COUNT), num("users", COUNT), prepurchaseDiscount],
    compute: (interactions, actionsPerInteraction, users, discount) => {
      const rows: (Scalar | Failure)[][] = [[...COMPARE_HEADER]];
      for (const cost of comparePricingModels(comparison(interactions, actionsPerInteraction, users, discount)))
        rows.push([PRICING_MODEL_NAMES[cost.model], cost.monthlyUsd, cost.annualUsd, cost.timesCheapest]);
      return rows;
    },
  }),
  defineFunction({
    id: "CHEAPEST",
    output: "cell",
    params: [num("interactionsPerMonth", COUNT), num("actionsPerInteraction", COUNT), num("users", COUNT), prepurchaseDiscount],
    compute: (interactions, actionsPerInteraction, users, discount) => {
      const cheapest = cheapestModel(comparePricingModels(comparison(interactions, actionsPerInteraction, users, discount)));
      return cheapest instanceof Failure ? cheapest : PRICING_MODEL_NAMES[cheapest];
    },
  }),
  defineFunction({
    id: "CROSSOVER",
    output: "cell",
    params: [
      optNum("pricePerConversation", AMOUNT, fromRateCard("conversation.price")),
      divisorCreditsPerAction,
      divisorPricePer100k,
      divisorDiscount,
    ],
    compute: (price, credits, per100k, discount) => crossoverActionsPerInteraction(price, flexCostPerAction(credits, per100k, discount)),
  }),
  defineFunction({
    id: "SEATBREAKEVEN",
    output: "cell",
    params: [optNum("pricePerUserMonth", AMOUNT, fromRateCard("seat.addOn")), divisorCreditsPerAction, divisorPricePer100k, divisorDiscount],
    compute: (seat, credits, per100k, discount) => seatBreakevenActions(seat, flexCostPerAction(credits, per100k, discount)),
  }),
  defineFunction({
    id: "TOKENCOST",
    output: "cell",
    params: [
      num("inputTokens", COUNT),
      num("outputTokens", COUNT),
      numOrText("model", AMOUNT),
      maybeNum("outputPricePerM", AMOUNT),
      optNum("retryMultiplier", { min: 1 }, 1),
    ],
    compute: (inputTokens, outputTokens, model, outputPricePerM, retryMultiplier) => {
      if (typeof model === "number") {
        if (outputPricePerM === undefined)
          return fail({ code: "priceNeeded", arg: "outputPricePerM", because: "when model is a number (the input USD per 1M tokens)" });
        return tokenCostUsd(inputTokens, outputTokens, model, outputPricePerM, retryMultiplier);
      }
      const prices = modelTokenPrices(builtInRateCard, builtInPriceList(), model, inputTokens, todaysRates.isoDate());
      if (!prices) return fail({ code: "unknownModel", arg: "model", input: model, examples: MODEL_EXAMPLES });
      if (outputPricePerM !== undefined)
        return fail({
          code: "priceNotAllowed",
          arg: "outputPricePerM",
          because: "when model is a model name; give the input price as model to use your own prices",
        });
      return tokenCostUsd(inputTokens, outputTokens, prices.inputPerMillion, prices.outputPerMillion, retryMultiplier);
    },
  }),

  defineFunction({
    id: "PLANCOST",
    output: "cell",
    params: [text("plan"), num("quantity", COUNT), optText("event"), maybeNum("asOfDate", ASOF_DATE)],
    compute: (planKey, quantity, eventName, asOfDate) => {
      // The common call (today's plan, its standard event): one lookup, no more.
      if (asOfDate === undefined && eventName === undefined) {
        const today = plansToday.get(planKey);
        if (today) return planCostUsd(today, quantity, today.events[0] as PlanEvent);
      }
      const plan = planOn(planKey, asOfDate);
      if (plan instanceof Failure) return plan;
      const event = planEvent(plan, eventName);
      if (!event) return fail({ code: "unknownPlanEvent", arg: "event", input: eventName ?? "", plan: plan.key, events: plan.events.map((e) => e.event) });
      return planCostUsd(plan, quantity, event);
    },
  }),
  defineFunction({
    id: "PLANS",
    output: "table",
    params: [optText("vendor")],
    compute: (vendor) => {
      if (vendor !== undefined && !builtInPlans.vendors.some((known) => known.toLowerCase() === vendor.trim().toLowerCase()))
        return [[fail({ code: "unknownVendor", arg: "vendor", input: vendor, vendors: builtInPlans.vendors })]];
      return [
        [...PLANS_HEADER],
        ...plansInForce(builtInPlans, todaysRates.isoDate(), vendor).map((plan) => [
          plan.key,
          plan.vendor,
          plan.unit,
          planUnitPriceUsd(plan),
          describePlanEvents(plan),
          plan.commitment,
          plan.overage,
          plan.asOf,
          plan.source,
        ]),
      ];
    },
  }),

  // Labor economics
  defineFunction({
    id: "CASECOST",
    output: "cell",
    params: [text("plan"), num("actionsPerCase", COUNT), num("resolutionRate", RATE), optNum("humanCost", AMOUNT, humanCostDefault), escalationSavings],
    compute: (planKey, actionsPerCase, resolutionRate, humanCost, savings) => {
      const plan = planOn(planKey, undefined);
      if (plan instanceof Failure) return plan;
      const aiCost = planAiCostPerCase(plan, actionsPerCase, resolutionRate);
      return aiCost instanceof Failure ? aiCost : blendedCostPerCase(humanCost, aiCost, resolutionRate, savings);
    },
  }),
  defineFunction({
    id: "HUMANCOST",
    output: "cell",
    params: [
      optNum("hourlyWage", AMOUNT, fromRateCard("labor.csrMedianWage")),
      optNum("benefitsLoad", AMOUNT, benefitsLoad),
      optNum("overhead", AMOUNT, fromRateCard("labor.overhead")),
      optNum("utilization", RATE_ABOVE_ZERO, fromRateCard("labor.utilization")),
      optNum("handleMinutes", AMOUNT, fromRateCard("labor.handleMinutes")),
    ],
    compute: humanCostPerCase,
  }),
  defineFunction({
    id: "BLENDED",
    output: "cell",
    params: [num("humanCost", AMOUNT), num("aiCost", AMOUNT), num("resolutionRate", RATE), escalationSavings],
    compute: blendedCostPerCase,
  }),
  defineFunction({
    id: "BREAKEVEN",
    output: "cell",
    params: [num("humanCost", POSITIVE), num("aiCost", AMOUNT), optNum("escalationSavings", RATE_BELOW_ONE, 0)],
    compute: breakevenResolutionRate,
  }),
  defineFunction({
    id: "PAYBACK",
    output: "cell",
    params: [
      num("enablementCost", AMOUNT),
      num("annualCases", COUNT),
      num("humanCost", AMOUNT),
      num("aiCost", AMOUNT),
      num("resolutionRate", RATE),
      escalationSavings,
    ],
    compute: paybackMonths,
  }),
  defineFunction({
    id: "BUILDVSBUY",
    output: "cell",
    params: [num("fixedAnnualCost", AMOUNT), num("buyPricePerCase", AMOUNT), num("computePerCase", AMOUNT)],
    compute: buildVsBuyCases,
  }),
  defineFunction({
    id: "ALLIN",
    output: "cell",
    params: [
      num("aiCostPerItem", AMOUNT),
      num("reviewMinutes", AMOUNT),
      num("hourlyRate", AMOUNT),
      num("acceptanceRate", RATE_ABOVE_ZERO),
      optNum("rerunRate", AMOUNT, 0),
    ],
    compute: allInCostPerOutcome,
  }),

  // Governance and rates
  defineFunction({
    id: "DEPLETION",
    output: "cell",
    params: [num("balance", AMOUNT), list("burnPerDay", AMOUNT), num("startDate", { min: 1, max: LAST_EXCEL_SERIAL })],
    compute: (balance, burnPerDay, startDate) => {
      const days = daysToDepletionTrend(balance, burnPerDay);
      if (days instanceof Failure) return days;
      return startDate + days > LAST_EXCEL_SERIAL + 1 ? fail({ code: "neverDepletes", reason: "pastLastDate" }) : startDate + days;
    },
  }),
  defineFunction({
    id: "ALERT",
    output: "cell",
    params: [num("consumed", AMOUNT), num("allocation", POSITIVE), optList("thresholds", POSITIVE, DEFAULT_ALERT_THRESHOLDS)],
    compute: (consumed, allocation, thresholds) => {
      const crossed = highestThresholdCrossed(consumed, allocation, thresholds);
      return crossed === undefined ? "OK" : formatThreshold(crossed);
    },
  }),
  defineFunction({
    id: "COMMIT",
    output: "cell",
    params: [
      list("monthlyForecast", AMOUNT),
      optNum("prepaidPrice", POSITIVE, fromRateCard("flex.pricePer100kCredits")),
      optNum("paygPrice", POSITIVE, fromRateCard("flex.paygPricePer100kCredits")),
      optNum("uncertainty", AMOUNT, fromRateCard("commit.uncertainty")),
    ],
    compute: (monthlyForecast, prepaidPrice, paygPrice, uncertainty) => {
      if (paygPrice < prepaidPrice) return fail({ code: "notAbove", arg: "paygPrice", otherArg: "prepaidPrice", orEqual: true });
      let expected = 0;
      for (const month of monthlyForecast) expected += month;
      return commitCredits(expected, prepaidPrice, paygPrice, uncertainty);
    },
  }),
  defineFunction({
    id: "PLANCOMMIT",
    // One row, no header: the commitment first, so the formula in one cell shows it (see PLANCOMMIT_COLUMNS).
    output: "table",
    params: [
      text("plan"),
      list("monthlyForecast", AMOUNT),
      optNum("uncertainty", AMOUNT, fromRateCard("commit.uncertainty")),
      optNum("humanCost", AMOUNT, humanCostDefault),
    ],
    compute: (planKey, monthlyForecast, uncertainty, humanCost) => {
      const plan = planOn(planKey, undefined);
      if (plan instanceof Failure) return [[plan]];
      const best = planCommitment(plan, monthlyForecast, uncertainty, humanCost);
      if (best instanceof Failure) return [[best]];
      return [[best.commitment, best.expectedWaste, best.expectedOverage]];
    },
  }),
  defineFunction({
    id: "RATE",
    output: "cell",
    params: [text("key"), maybeNum("asOfDate", { min: 1, max: LAST_EXCEL_SERIAL })],
    compute: (key, asOfDate) => {
      const date = asOfDate === undefined ? todaysRates.isoDate() : isoFromSerial(asOfDate);
      const found = lookupRate(builtInRateCard, key.trim(), date);
      if (found.found === "unknownKey") return fail({ code: "unknownRateKey", arg: "key", input: key });
      if (found.found === "notYet") return fail({ code: "noRateOnDate", key, date, firstDate: found.firstDate });
      return found.value;
    },
  }),
  defineFunction({
    id: "RATES",
    output: "table",
    params: [],
    compute: () => [
      [...RATES_HEADER],
      ...ratesInForce(builtInRateCard, todaysRates.isoDate()).map((row) => [row.key, row.value, row.entry.unit, row.entry.asOf, withNote(row.entry)]),
      priceListRow(),
    ],
  }),

  // Ledger and governance
  defineFunction({
    id: "OUTCOMECOST",
    output: "cell",
    params: [list("costs", AMOUNT), textList("statuses", { allowed: OUTCOME_STATUSES, sameCountAs: "costs" }), acceptedStatuses],
    compute: costPerAcceptedOutcome,
  }),
  defineFunction({
    id: "ACCEPTRATE",
    output: "cell",
    params: [textList("statuses", { allowed: OUTCOME_STATUSES }), acceptedStatuses],
    compute: acceptanceRate,
  }),
  defineFunction({
    id: "RERUNRATE",
    output: "cell",
    params: [list("units", AMOUNT), flagList("isRerun", { sameCountAs: "units" })],
    compute: rerunRate,
  }),
  defineFunction({
    id: "RERUNINFLATION",
    output: "cell",
    params: [
      list("units", AMOUNT),
      flagList("isRerun", { sameCountAs: "units" }),
      textList("statuses", { allowed: OUTCOME_STATUSES, sameCountAs: "units" }),
      acceptedStatuses,
    ],
    compute: rerunInflation,
  }),
  defineFunction({
    id: "ANOMALY",
    output: "items",
    shapeOf: "dailyUnits",
    params: [
      list("dailyUnits", AMOUNT),
      optNum("windowDays", WHOLE_AT_LEAST_ONE, DEFAULT_ANOMALY_RULE.windowDays),
      optNum("factor", POSITIVE, DEFAULT_ANOMALY_RULE.factor),
    ],
    // 1 and 0 rather than TRUE and FALSE, so SUM counts the flagged days.
    compute: (dailyUnits, windowDays, factor) => anomalyFlags(dailyUnits, { windowDays, factor }).map((flag) => (flag ? 1 : 0)),
  }),
  defineFunction({
    id: "PERIODFORECAST",
    output: "cell",
    params: [num("consumedToDate", AMOUNT), list("dailyHistory", AMOUNT), num("daysInPeriod", DAYS)],
    compute: (consumedToDate, dailyHistory, daysInPeriod) => {
      const forecast = periodForecast(consumedToDate, dailyHistory, daysInPeriod);
      return forecast instanceof Failure ? forecast : forecast.forecastUnits;
    },
  }),
  defineFunction({
    id: "FORECASTALERT",
    output: "cell",
    params: [
      num("consumedToDate", AMOUNT),
      list("dailyHistory", AMOUNT),
      num("allocation", POSITIVE),
      num("daysInPeriod", DAYS),
      optList("thresholds", POSITIVE, DEFAULT_ALERT_THRESHOLDS),
    ],
    compute: (consumedToDate, dailyHistory, allocation, daysInPeriod, thresholds) => {
      const forecast = periodForecast(consumedToDate, dailyHistory, daysInPeriod);
      if (forecast instanceof Failure) return forecast;
      const crossed = forecastAlerts(consumedToDate, dailyHistory, allocation, daysInPeriod, thresholds).forecastAlert;
      return crossed === undefined ? "OK" : formatThreshold(crossed);
    },
  }),
  defineFunction({
    id: "RERUNBURST",
    output: "items",
    shapeOf: "timestamps",
    params: [...BURST_ROWS, ...BURST_RULE],
    compute: (timestamps, jobs, isRerun, windowMinutes, minReruns, minRerunShare) =>
      rerunBursts(timestamps, jobs, isRerun, windowMinutes, minReruns, minRerunShare).flags.map((flag) => (flag ? 1 : 0)),
  }),
  defineFunction({
    id: "RERUNLOOPS",
    output: "cell",
    params: [...BURST_ROWS, optText("job"), ...BURST_RULE],
    compute: (timestamps, jobs, isRerun, job, windowMinutes, minReruns, minRerunShare) => {
      const bursts = rerunBursts(timestamps, jobs, isRerun, windowMinutes, minReruns, minRerunShare).bursts;
      // One job's bursts, matched as the engine groups jobs (trimmed, any case); none given: every job's.
      if (job === undefined) return bursts.length;
      const key = groupKey(job);
      return bursts.filter((burst) => burst.key === key).length;
    },
  }),
];

/** Every function by id. */
export const catalog: ReadonlyMap<string, FunctionSpec> = new Map(CATALOG.map((spec) => [spec.id, spec]));

export function specOf(id: string): FunctionSpec {
  const spec = catalog.get(id);
  if (!spec) throw new Error(`No AWU function ${id}`);
  return spec;
}

/** The words for an optional parameter's default, as the metadata shows them ("20 (rate card: …)"). */
export function describeDefault(spec: FunctionSpec, paramName: string): string | undefined {
  const param = spec.params.find((p) => p.name === paramName);
  if (!param || !param.optional) return undefined;
  if (param.kind === "number") {
    if (param.default === undefined) return undefined;
    return typeof param.default === "number" ? String(param.default) : param.default.describe(rate);
  }
  if (param.kind === "list" && param.items?.kind === "text" && param.items.default) return param.items.default.join(", ");
  if (param.kind === "list" && param.default) return param.default.join(", ");
  return undefined;
}

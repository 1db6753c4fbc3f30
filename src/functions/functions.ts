/**
 * The AWU worksheet functions. Each is a thin wrapper: its JSDoc is the metadata Excel
 * shows (functions.json is generated from it at build time), its body hands Excel's raw
 * arguments to the declared function in catalog.ts. Parameters are `unknown[][]` so a cell
 * or a range arrives as a matrix and the gate, not Excel, reports what is wrong with it.
 * `{default}` in a parameter's description is filled in at build time from the catalog's
 * declared default (one place for every default), and `https://localhost:3000/` is the dev
 * base URL of the function reference, rewritten for production builds.
 */
import { specOf } from "./catalog";
import { run } from "./excel";
import priceList from "../engine/token-price-list.json";
import { PRICE_LIST_GLOBAL } from "../engine/price-list-shared";

// The token price list, carried by this bundle only and published for the engine to read
// (webpack.config.js points the browser bundles' engine at the page's global, price-list-shared.ts),
// so the task pane, loaded after this script on the same page, shares it rather than carrying a copy.
(globalThis as Record<string, unknown>)[PRICE_LIST_GLOBAL] = priceList;

const FLEXCOST = specOf("FLEXCOST");
const CREDITS = specOf("CREDITS");
const CONVCOST = specOf("CONVCOST");
const SEATCOST = specOf("SEATCOST");
const MIXACTIONS = specOf("MIXACTIONS");
const COMPARE = specOf("COMPARE");
const CHEAPEST = specOf("CHEAPEST");
const CROSSOVER = specOf("CROSSOVER");
const SEATBREAKEVEN = specOf("SEATBREAKEVEN");
const TOKENCOST = specOf("TOKENCOST");
const PLANCOST = specOf("PLANCOST");
const PLANS = specOf("PLANS");
const CASECOST = specOf("CASECOST");
const HUMANCOST = specOf("HUMANCOST");
const BLENDED = specOf("BLENDED");
const BREAKEVEN = specOf("BREAKEVEN");
const PAYBACK = specOf("PAYBACK");
const BUILDVSBUY = specOf("BUILDVSBUY");
const ALLIN = specOf("ALLIN");
const DEPLETION = specOf("DEPLETION");
const ALERT = specOf("ALERT");
const COMMIT = specOf("COMMIT");
const PLANCOMMIT = specOf("PLANCOMMIT");
const RATE = specOf("RATE");
const RATES = specOf("RATES");
const OUTCOMECOST = specOf("OUTCOMECOST");
const ACCEPTRATE = specOf("ACCEPTRATE");
const RERUNRATE = specOf("RERUNRATE");
const RERUNINFLATION = specOf("RERUNINFLATION");
const ANOMALY = specOf("ANOMALY");
const PERIODFORECAST = specOf("PERIODFORECAST");
const FORECASTALERT = specOf("FORECASTALERT");
const RERUNBURST = specOf("RERUNBURST");
const RERUNLOOPS = specOf("RERUNLOOPS");

/**
 * USD for agent actions under Flex Credits: actions × credits per action × price per 100k ÷ 100,000 × (1 − discount).
 * @customfunction FLEXCOST
 * @helpurl https://localhost:3000/reference.html#FLEXCOST
 * @param actions Agent actions (a count, 0 or more). A range gives one cost per cell.
 * @param [creditsPerAction] Flex Credits per action. Default {default}.
 * @param [pricePer100k] USD per 100,000 Flex Credits. Default {default}.
 * @param [discount] Pre-purchase discount, a rate from 0 to 1 (0.25 = 25 %). Default {default} (list price).
 * @returns USD.
 */
export function flexCost(actions: unknown[][], creditsPerAction?: unknown[][], pricePer100k?: unknown[][], discount?: unknown[][]): unknown[][] {
  return run(FLEXCOST, [actions, creditsPerAction, pricePer100k, discount]);
}

/**
 * Flex Credits consumed by agent actions: actions × credits per action.
 * @customfunction CREDITS
 * @helpurl https://localhost:3000/reference.html#CREDITS
 * @param actions Agent actions (a count, 0 or more). A range gives one result per cell.
 * @param [creditsPerAction] Flex Credits per action. Default {default}.
 * @returns Flex Credits.
 */
export function credits(actions: unknown[][], creditsPerAction?: unknown[][]): unknown[][] {
  return run(CREDITS, [actions, creditsPerAction]);
}

/**
 * USD under per-conversation pricing: conversations × price per conversation.
 * @customfunction CONVCOST
 * @helpurl https://localhost:3000/reference.html#CONVCOST
 * @param conversations Conversations (a count, 0 or more). A range gives one cost per cell.
 * @param [pricePerConversation] USD per conversation, any length. Default {default}.
 * @returns USD.
 */
export function convCost(conversations: unknown[][], pricePerConversation?: unknown[][]): unknown[][] {
  return run(CONVCOST, [conversations, pricePerConversation]);
}

/**
 * USD under per-user licences: users × months × price per user per month.
 * @customfunction SEATCOST
 * @helpurl https://localhost:3000/reference.html#SEATCOST
 * @param users Licensed users (a count, 0 or more). A range gives one cost per cell.
 * @param [months] Months of licence (0 or more). Default {default}.
 * @param [pricePerUserMonth] USD per user per month. Default {default}.
 * @returns USD.
 */
export function seatCost(users: unknown[][], months?: unknown[][], pricePerUserMonth?: unknown[][]): unknown[][] {
  return run(SEATCOST, [users, months, pricePerUserMonth]);
}

/**
 * Total actions for an interaction mix: interactions × Σ share × actions per interaction.
 * @customfunction MIXACTIONS
 * @helpurl https://localhost:3000/reference.html#MIXACTIONS
 * @param interactions Interactions (a count, 0 or more). A range gives one total per cell.
 * @param shares Share of interactions of each kind, rates from 0 to 1 that add up to 1 (a range).
 * @param actionsPerInteraction Actions per interaction of each kind, one per share (a range of the same count).
 * @returns Actions.
 */
export function mixActions(interactions: unknown[][], shares: unknown[][], actionsPerInteraction: unknown[][]): unknown[][] {
  return run(MIXACTIONS, [interactions, shares, actionsPerInteraction]);
}

/**
 * A table of the pricing models side by side (spills 5 rows × 4 columns with a header): monthly and annual USD, and cost ÷ the cheapest.
 * @customfunction COMPARE
 * @helpurl https://localhost:3000/reference.html#COMPARE
 * @param interactionsPerMonth Interactions (conversations) a month, 0 or more (a single value).
 * @param actionsPerInteraction Average actions per interaction, 0 or more (a single value).
 * @param users Users for per-user licences, 0 or more (a single value).
 * @param [discount] Pre-purchase discount on Flex Credits, a rate from 0 to 1. Default {default}.
 * @returns Rows: per conversation, Flex Credits at list, Flex Credits at the discount, per user.
 */
export function compare(interactionsPerMonth: unknown[][], actionsPerInteraction: unknown[][], users: unknown[][], discount?: unknown[][]): unknown[][] {
  return run(COMPARE, [interactionsPerMonth, actionsPerInteraction, users, discount]);
}

/**
 * The name of the cheapest pricing model: "Per conversation", "Flex Credits" (at the discount) or "Per user".
 * @customfunction CHEAPEST
 * @helpurl https://localhost:3000/reference.html#CHEAPEST
 * @param interactionsPerMonth Interactions (conversations) a month, 0 or more. A range gives one answer per cell.
 * @param actionsPerInteraction Average actions per interaction, 0 or more.
 * @param users Users for per-user licences, 0 or more.
 * @param [discount] Pre-purchase discount on Flex Credits, a rate from 0 to 1. Default {default}.
 * @returns The model's name; on a tie, the first of per conversation, Flex Credits, per user.
 */
export function cheapest(interactionsPerMonth: unknown[][], actionsPerInteraction: unknown[][], users: unknown[][], discount?: unknown[][]): unknown[][] {
  return run(CHEAPEST, [interactionsPerMonth, actionsPerInteraction, users, discount]);
}

/**
 * Actions per interaction at which Flex Credits cost as much as per-conversation pricing (below it Flex is cheaper).
 * @customfunction CROSSOVER
 * @helpurl https://localhost:3000/reference.html#CROSSOVER
 * @param [pricePerConversation] USD per conversation. Default {default}.
 * @param [creditsPerAction] Flex Credits per action, more than 0. Default {default}.
 * @param [pricePer100k] USD per 100,000 Flex Credits, more than 0. Default {default}.
 * @param [discount] Pre-purchase discount, a rate from 0 up to (not including) 1. Default {default}.
 * @returns Actions per interaction.
 */
export function crossover(pricePerConversation?: unknown[][], creditsPerAction?: unknown[][], pricePer100k?: unknown[][], discount?: unknown[][]): unknown[][] {
  return run(CROSSOVER, [pricePerConversation, creditsPerAction, pricePer100k, discount]);
}

/**
 * Actions per user per month at which a seat costs as much as Flex Credits (above it the seat is cheaper).
 * @customfunction SEATBREAKEVEN
 * @helpurl https://localhost:3000/reference.html#SEATBREAKEVEN
 * @param [pricePerUserMonth] USD per user per month. Default {default}.
 * @param [creditsPerAction] Flex Credits per action, more than 0. Default {default}.
 * @param [pricePer100k] USD per 100,000 Flex Credits, more than 0. Default {default}.
 * @param [discount] Pre-purchase discount, a rate from 0 up to (not including) 1. Default {default}.
 * @returns Actions per user per month.
 */
export function seatBreakeven(pricePerUserMonth?: unknown[][], creditsPerAction?: unknown[][], pricePer100k?: unknown[][], discount?: unknown[][]): unknown[][] {
  return run(SEATBREAKEVEN, [pricePerUserMonth, creditsPerAction, pricePer100k, discount]);
}

/**
 * USD of model compute for one work cycle: (input tokens × input price + output tokens × output price) ÷ 1M × retries.
 * @customfunction TOKENCOST
 * @helpurl https://localhost:3000/reference.html#TOKENCOST
 * @param inputTokens Input (prompt) tokens per cycle, 0 or more. Above a model's tier (200k tokens for most) the higher price applies to the whole request.
 * @param outputTokens Output tokens per cycle, 0 or more.
 * @param model A model name the price list knows (gpt-4o, claude-sonnet-4.5, gemini-2.5-pro, …; any case; provider:model picks a host), the rate card's own prices first; or the input USD per 1M tokens as a number.
 * @param [outputPricePerM] Output USD per 1M tokens. Default: none; required when model is a number, left empty when model is a name.
 * @param [retryMultiplier] Attempts per cycle, 1 or more (1 = no retries). Default {default}.
 * @returns USD per work cycle.
 */
export function tokenCost(inputTokens: unknown[][], outputTokens: unknown[][], model: unknown[][], outputPricePerM?: unknown[][], retryMultiplier?: unknown[][]): unknown[][] {
  return run(TOKENCOST, [inputTokens, outputTokens, model, outputPricePerM, retryMultiplier]);
}

/**
 * USD for events under a vendor's plan at its list price: quantity × units per event × the plan's price per unit.
 * @customfunction PLANCOST
 * @helpurl https://localhost:3000/reference.html#PLANCOST
 * @param plan A plan key such as "agentforce.flex" or "intercom.fin" (any case; AWU.PLANS() lists them).
 * @param quantity Events (a count, 0 or more): actions, conversations, resolutions. A range gives one cost per cell.
 * @param [event] The kind of event, where the plan converts events to units ("voice action", "agent action"). Default: the plan's standard event.
 * @param [asOfDate] The date whose plan prices apply (an Excel date). Default: today.
 * @returns USD.
 */
export function planCost(plan: unknown[][], quantity: unknown[][], event?: unknown[][], asOfDate?: unknown[][]): unknown[][] {
  return run(PLANCOST, [plan, quantity, event, asOfDate]);
}

/**
 * Vendors' plans in force today, as a table with a header: key, vendor, unit, price, events, commitment, overage, as-of date, source.
 * @customfunction PLANS
 * @helpurl https://localhost:3000/reference.html#PLANS
 * @param [vendor] Only this vendor's plans, such as "Salesforce" (any case). Default: every vendor.
 * @returns One row per plan.
 */
export function plans(vendor?: unknown[][]): unknown[][] {
  return run(PLANS, [vendor]);
}

/**
 * Blended USD per inbound case under a vendor's plan: the plan's AI cost per case plus the unresolved share × humanCost × (1 − escalationSavings).
 * @customfunction CASECOST
 * @helpurl https://localhost:3000/reference.html#CASECOST
 * @param plan A plan key such as "agentforce.flex" or "intercom.fin" (any case; AWU.PLANS() lists them). A range gives one cost per cell.
 * @param actionsPerCase The plan's standard events per case attempted (a count, 0 or more); action-priced plans bill them on every attempt.
 * @param resolutionRate Share of cases the AI resolves, a rate from 0 to 1 (0.6 = 60 %); outcome-priced plans bill only these.
 * @param [humanCost] USD per human-handled case. Default {default}.
 * @param [escalationSavings] Share of human cost saved on escalated cases, a rate from 0 to 1. Default {default}.
 * @returns USD per inbound case.
 */
export function caseCost(plan: unknown[][], actionsPerCase: unknown[][], resolutionRate: unknown[][], humanCost?: unknown[][], escalationSavings?: unknown[][]): unknown[][] {
  return run(CASECOST, [plan, actionsPerCase, resolutionRate, humanCost, escalationSavings]);
}

/**
 * Fully loaded USD per human-handled case: wage × (1 + benefits load) × (1 + overhead) ÷ utilization × handle minutes ÷ 60.
 * @customfunction HUMANCOST
 * @helpurl https://localhost:3000/reference.html#HUMANCOST
 * @param [hourlyWage] USD per hour. Default {default}.
 * @param [benefitsLoad] Benefits ÷ wages (0 or more). Default {default}.
 * @param [overhead] Supervision, training and tools on top of the loaded wage, as a share (0.2 = 20 %). Default {default}.
 * @param [utilization] Share of paid time spent handling cases, a rate above 0 up to 1. Default {default}.
 * @param [handleMinutes] Average handle time per case, minutes. Default {default}.
 * @returns USD per case.
 */
export function humanCost(hourlyWage?: unknown[][], benefitsLoad?: unknown[][], overhead?: unknown[][], utilization?: unknown[][], handleMinutes?: unknown[][]): unknown[][] {
  return run(HUMANCOST, [hourlyWage, benefitsLoad, overhead, utilization, handleMinutes]);
}

/**
 * USD per inbound case when AI handles every case and resolves a share, humans the rest: aiCost + (1 − rate) × humanCost × (1 − savings).
 * @customfunction BLENDED
 * @helpurl https://localhost:3000/reference.html#BLENDED
 * @param humanCost Fully loaded USD per human-handled case (see AWU.HUMANCOST).
 * @param aiCost AI USD per case.
 * @param resolutionRate Share of cases the AI resolves alone, a rate from 0 to 1.
 * @param [escalationSavings] Share of human effort saved on escalated cases, a rate from 0 to 1. Default {default}.
 * @returns USD per inbound case.
 */
export function blended(humanCost: unknown[][], aiCost: unknown[][], resolutionRate: unknown[][], escalationSavings?: unknown[][]): unknown[][] {
  return run(BLENDED, [humanCost, aiCost, resolutionRate, escalationSavings]);
}

/**
 * The resolution rate at which AI plus escalations costs the same as all-human: 1 − (1 − aiCost ÷ humanCost) ÷ (1 − savings).
 * @customfunction BREAKEVEN
 * @helpurl https://localhost:3000/reference.html#BREAKEVEN
 * @param humanCost Fully loaded USD per human-handled case, more than 0.
 * @param aiCost AI USD per case.
 * @param [escalationSavings] Share of human effort saved on escalated cases, a rate from 0 up to (not including) 1. Default {default}.
 * @returns A rate from 0 to 1; #N/A when no rate breaks even.
 */
export function breakeven(humanCost: unknown[][], aiCost: unknown[][], escalationSavings?: unknown[][]): unknown[][] {
  return run(BREAKEVEN, [humanCost, aiCost, escalationSavings]);
}

/**
 * Months to pay back the one-time enablement cost from annual savings: cost ÷ (cases × (human − blended) ÷ 12).
 * @customfunction PAYBACK
 * @helpurl https://localhost:3000/reference.html#PAYBACK
 * @param enablementCost One-time USD to enable the AI.
 * @param annualCases Inbound cases a year (a count).
 * @param humanCost Fully loaded USD per human-handled case.
 * @param aiCost AI USD per case.
 * @param resolutionRate Share of cases the AI resolves alone, a rate from 0 to 1.
 * @param [escalationSavings] Share of human effort saved on escalated cases, a rate from 0 to 1. Default {default}.
 * @returns Months; #N/A when there are no savings.
 */
export function payback(enablementCost: unknown[][], annualCases: unknown[][], humanCost: unknown[][], aiCost: unknown[][], resolutionRate: unknown[][], escalationSavings?: unknown[][]): unknown[][] {
  return run(PAYBACK, [enablementCost, annualCases, humanCost, aiCost, resolutionRate, escalationSavings]);
}

/**
 * Cases a year above which building in-house is cheaper than buying: fixed cost ÷ (buy price − compute per case).
 * @customfunction BUILDVSBUY
 * @helpurl https://localhost:3000/reference.html#BUILDVSBUY
 * @param fixedAnnualCost USD a year to build and run it in-house.
 * @param buyPricePerCase USD per case when bought.
 * @param computePerCase USD of compute per case when built.
 * @returns Cases a year; #N/A when buying is never dearer per case.
 */
export function buildVsBuy(fixedAnnualCost: unknown[][], buyPricePerCase: unknown[][], computePerCase: unknown[][]): unknown[][] {
  return run(BUILDVSBUY, [fixedAnnualCost, buyPricePerCase, computePerCase]);
}

/**
 * All-in USD per acceptable outcome: (AI cost × (1 + rerun rate) + review minutes ÷ 60 × hourly rate) ÷ acceptance rate.
 * @customfunction ALLIN
 * @helpurl https://localhost:3000/reference.html#ALLIN
 * @param aiCostPerItem AI USD per item produced.
 * @param reviewMinutes Human review minutes per item.
 * @param hourlyRate Reviewer USD per hour.
 * @param acceptanceRate Share of items that pass the quality bar, a rate above 0 up to 1.
 * @param [rerunRate] Reruns per item (0 or more; 0.1 = one item in ten is run again). Default {default}.
 * @returns USD per accepted outcome.
 */
export function allIn(aiCostPerItem: unknown[][], reviewMinutes: unknown[][], hourlyRate: unknown[][], acceptanceRate: unknown[][], rerunRate?: unknown[][]): unknown[][] {
  return run(ALLIN, [aiCostPerItem, reviewMinutes, hourlyRate, acceptanceRate, rerunRate]);
}

/**
 * The date the credit balance runs out, counting from the start date, at a constant burn or the trend of a usage history.
 * @customfunction DEPLETION
 * @helpurl https://localhost:3000/reference.html#DEPLETION
 * @param balance Credits (or USD) left on the start date. A range gives one date per cell.
 * @param burnPerDay Burn per day (one value), or a usage history of daily burn, oldest first and ending the day before startDate, whose least-squares trend is extrapolated.
 * @param startDate The date counting starts (an Excel date; pass TODAY() for today).
 * @returns An Excel date serial (format the cell as a date); #N/A when the balance never runs out.
 */
export function depletion(balance: unknown[][], burnPerDay: unknown[][], startDate: unknown[][]): unknown[][] {
  return run(DEPLETION, [balance, burnPerDay, startDate]);
}

/**
 * The highest alert threshold that consumption has reached, as text: "OK" below all of them, else "50%", "75%", "90%", "100%", ….
 * @customfunction ALERT
 * @helpurl https://localhost:3000/reference.html#ALERT
 * @param consumed Credits (or USD) consumed so far. A range gives one status per cell.
 * @param allocation The allocation or budget, more than 0.
 * @param [thresholds] Thresholds as shares of the allocation (a range; 1.2 = 120 %). Default {default}.
 * @returns "OK" or the threshold crossed.
 */
export function alert(consumed: unknown[][], allocation: unknown[][], thresholds?: unknown[][]): unknown[][] {
  return run(ALERT, [consumed, allocation, thresholds]);
}

/**
 * Credits to pre-purchase for a term: the newsvendor quantity that minimises the expected cost of prepaid credits (lost if unused) plus pay-as-you-go above them.
 * @customfunction COMMIT
 * @helpurl https://localhost:3000/reference.html#COMMIT
 * @param monthlyForecast Forecast credits for each month of the term (a range); the term's expected use is their sum.
 * @param [prepaidPrice] USD per 100,000 prepaid credits, more than 0. Default {default}.
 * @param [paygPrice] USD per 100,000 pay-as-you-go credits, at least prepaidPrice. Default {default}.
 * @param [uncertainty] Relative standard deviation of the term's total use (0.2 = ±20 %). Default {default}.
 * @returns Credits to pre-purchase.
 */
export function commit(monthlyForecast: unknown[][], prepaidPrice?: unknown[][], paygPrice?: unknown[][], uncertainty?: unknown[][]): unknown[][] {
  return run(COMMIT, [monthlyForecast, prepaidPrice, paygPrice, uncertainty]);
}

/**
 * The commitment under a vendor's plan that minimises expected cost by the plan's own expiry and overage rules, with the expected waste and overage beside it: one row, commitment first.
 * @customfunction PLANCOMMIT
 * @helpurl https://localhost:3000/reference.html#PLANCOMMIT
 * @param plan A plan key such as "zendesk.resolution.committed" or "copilot-studio.pack" (any case; AWU.PLANS() lists them).
 * @param monthlyForecast Forecast use for each month, in the plan's unit (credits, resolutions, assists), a range; an annual pool takes 1 steady month or 12, 24, … months.
 * @param [uncertainty] Relative standard deviation of one commitment period's use (0.2 = ±20 %). Default {default}.
 * @param [humanCost] USD per case people handle when a hard-stop plan runs out (one case per standard event). Default {default}.
 * @returns Commitment per period, expected units unused, expected units beyond it.
 */
export function planCommit(plan: unknown[][], monthlyForecast: unknown[][], uncertainty?: unknown[][], humanCost?: unknown[][]): unknown[][] {
  return run(PLANCOMMIT, [plan, monthlyForecast, uncertainty, humanCost]);
}

/**
 * One rate-card value, in force today or on a given date.
 * @customfunction RATE
 * @helpurl https://localhost:3000/reference.html#RATE
 * @param key A rate-card key such as "flex.creditsPerAction" (any case; AWU.RATES() lists them). A range gives one value per cell.
 * @param [asOfDate] The date the value was in force (an Excel date). Default: today.
 * @returns The value, in the unit AWU.RATES() shows.
 */
export function rate(key: unknown[][], asOfDate?: unknown[][]): unknown[][] {
  return run(RATE, [key, asOfDate]);
}

/**
 * The whole rate card in force today, as a table with a header: key, value, unit, as-of date, source.
 * @customfunction RATES
 * @helpurl https://localhost:3000/reference.html#RATES
 * @returns One row per rate-card key, a 200k-token tier as a row of its own; last, the token price list's row (tokens.*: its model count, date and version).
 */
export function rates(): unknown[][] {
  return run(RATES, []);
}

/**
 * USD per accepted outcome over a ledger: the sum of every row's cost (failures and reruns included) ÷ the rows whose status is accepted.
 * @customfunction OUTCOMECOST
 * @helpurl https://localhost:3000/reference.html#OUTCOMECOST
 * @param costs USD of each ledger row, 0 or more (a range).
 * @param statuses Each row's outcome: attempted, succeeded, validated or failed, any case (a range of the same count).
 * @param [acceptedStatuses] The statuses that count as an accepted outcome (a range or one status). Default {default}.
 * @returns USD per accepted outcome; #N/A when no row is accepted.
 */
export function outcomeCost(costs: unknown[][], statuses: unknown[][], acceptedStatuses?: unknown[][]): unknown[][] {
  return run(OUTCOMECOST, [costs, statuses, acceptedStatuses]);
}

/**
 * Acceptance rate over a ledger: rows whose status is accepted ÷ all rows (every row is an attempted action).
 * @customfunction ACCEPTRATE
 * @helpurl https://localhost:3000/reference.html#ACCEPTRATE
 * @param statuses Each row's outcome: attempted, succeeded, validated or failed, any case (a range).
 * @param [acceptedStatuses] The statuses that count as accepted (a range or one status). Default {default}.
 * @returns A rate from 0 to 1.
 */
export function acceptRate(statuses: unknown[][], acceptedStatuses?: unknown[][]): unknown[][] {
  return run(ACCEPTRATE, [statuses, acceptedStatuses]);
}

/**
 * Rerun rate over a ledger: units of rows that are reruns ÷ units of first runs (the Jobs sheet's "Rerun rate": 0.2 = reruns cost a fifth more).
 * @customfunction RERUNRATE
 * @helpurl https://localhost:3000/reference.html#RERUNRATE
 * @param units Credits (or billing units) of each ledger row, 0 or more (a range).
 * @param isRerun Whether each row reruns an earlier action: TRUE/FALSE, 1/0 or "yes"/"no" (a range of the same count).
 * @returns Rerun units per first-run unit (0 or more); #N/A when first runs used no units.
 */
export function rerunRate(units: unknown[][], isRerun: unknown[][]): unknown[][] {
  return run(RERUNRATE, [units, isRerun]);
}

/**
 * Rerun inflation over a ledger: units spent on reruns ÷ units of rows that produced accepted work.
 * @customfunction RERUNINFLATION
 * @helpurl https://localhost:3000/reference.html#RERUNINFLATION
 * @param units Credits (or billing units) of each ledger row, 0 or more (a range).
 * @param isRerun Whether each row reruns an earlier action: TRUE/FALSE, 1/0 or "yes"/"no" (a range of the same count).
 * @param statuses Each row's outcome: attempted, succeeded, validated or failed, any case (a range of the same count).
 * @param [acceptedStatuses] The statuses that count as accepted work (a range or one status). Default {default}.
 * @returns Rerun units per accepted unit (0 or more); #N/A when accepted rows used no units.
 */
export function rerunInflation(units: unknown[][], isRerun: unknown[][], statuses: unknown[][], acceptedStatuses?: unknown[][]): unknown[][] {
  return run(RERUNINFLATION, [units, isRerun, statuses, acceptedStatuses]);
}

/**
 * Flags anomalous days: 1 where a day's consumption is more than factor × the median of the windowDays days before it, else 0 (spills in the range's shape).
 * @customfunction ANOMALY
 * @helpurl https://localhost:3000/reference.html#ANOMALY
 * @param dailyUnits Consumption per day (credits or units, 0 or more), oldest first, one cell per day (a range).
 * @param [windowDays] Trailing days whose median a day is compared with, a whole number of 1 or more; the first windowDays days are never flagged. Default {default}.
 * @param [factor] How many times the trailing median a day must exceed, more than 0. Default {default}.
 * @returns 1 (anomalous) or 0 per day, so SUM counts the flagged days.
 */
export function anomaly(dailyUnits: unknown[][], windowDays?: unknown[][], factor?: unknown[][]): unknown[][] {
  return run(ANOMALY, [dailyUnits, windowDays, factor]);
}

/**
 * Forecast consumption for the period: consumed to date plus the least-squares trend of the daily history over the days that remain.
 * @customfunction PERIODFORECAST
 * @helpurl https://localhost:3000/reference.html#PERIODFORECAST
 * @param consumedToDate Credits (or units) consumed in the period so far, 0 or more. A range gives one forecast per cell.
 * @param dailyHistory Consumption of each elapsed day of the period, oldest first (a range); its count is the days elapsed.
 * @param daysInPeriod Days in the whole period, a whole number from 1, at least the history's count.
 * @returns Credits (or units) for the whole period.
 */
export function periodForecast(consumedToDate: unknown[][], dailyHistory: unknown[][], daysInPeriod: unknown[][]): unknown[][] {
  return run(PERIODFORECAST, [consumedToDate, dailyHistory, daysInPeriod]);
}

/**
 * The highest alert threshold the period's forecast consumption reaches, as text: "OK" below all, else "50%", "75%", "90%", "100%", … (AWU.ALERT on the forecast).
 * @customfunction FORECASTALERT
 * @helpurl https://localhost:3000/reference.html#FORECASTALERT
 * @param consumedToDate Credits (or units) consumed in the period so far, 0 or more. A range gives one status per cell.
 * @param dailyHistory Consumption of each elapsed day of the period, oldest first (a range); its trend is extrapolated.
 * @param allocation The allocation or budget for the period, more than 0.
 * @param daysInPeriod Days in the whole period, a whole number from 1, at least the history's count.
 * @param [thresholds] Thresholds as shares of the allocation (a range; 1.2 = 120 %). Default {default}.
 * @returns "OK" or the threshold the forecast crosses.
 */
export function forecastAlert(consumedToDate: unknown[][], dailyHistory: unknown[][], allocation: unknown[][], daysInPeriod: unknown[][], thresholds?: unknown[][]): unknown[][] {
  return run(FORECASTALERT, [consumedToDate, dailyHistory, allocation, daysInPeriod, thresholds]);
}

/**
 * Flags reruns in a burst on one job, the signature of a loop: 1 for each rerun inside a window holding at least minReruns reruns of its job that are at least minRerunShare of the job's actions there, else 0.
 * @customfunction RERUNBURST
 * @helpurl https://localhost:3000/reference.html#RERUNBURST
 * @param timestamps When each ledger row ran, as Excel date-times (a range).
 * @param jobs The job or workflow of each row, text matched trimmed and in any case (a range of the same count).
 * @param isRerun Whether each row reruns an earlier action: TRUE/FALSE, 1/0 or "yes"/"no" (a range of the same count).
 * @param [windowMinutes] The window's length in minutes, from a rerun to the last one counted, more than 0. Default {default}.
 * @param [minReruns] Reruns of one job within the window that make a burst, a whole number of 1 or more. Default {default}.
 * @param [minRerunShare] The reruns' least share of the job's actions between the first and last of them, a rate from 0 to 1. Default {default}.
 * @returns 1 (a rerun in a burst) or 0 per row, in the shape of timestamps.
 */
export function rerunBurst(timestamps: unknown[][], jobs: unknown[][], isRerun: unknown[][], windowMinutes?: unknown[][], minReruns?: unknown[][], minRerunShare?: unknown[][]): unknown[][] {
  return run(RERUNBURST, [timestamps, jobs, isRerun, windowMinutes, minReruns, minRerunShare]);
}

/**
 * Counts rerun bursts, the loops AWU.RERUNBURST flags: windows holding at least minReruns reruns of one job that are at least minRerunShare of the job's actions there, overlapping windows counted once.
 * @customfunction RERUNLOOPS
 * @helpurl https://localhost:3000/reference.html#RERUNLOOPS
 * @param timestamps When each ledger row ran, as Excel date-times (a range).
 * @param jobs The job or workflow of each row, text matched trimmed and in any case (a range of the same count).
 * @param isRerun Whether each row reruns an earlier action: TRUE/FALSE, 1/0 or "yes"/"no" (a range of the same count).
 * @param [job] Count only this job's bursts, matched trimmed and in any case (0 for a job with no rows). Default every job. A range gives one count per cell.
 * @param [windowMinutes] The window's length in minutes, from a rerun to the last one counted, more than 0. Default {default}.
 * @param [minReruns] Reruns of one job within the window that make a burst, a whole number of 1 or more. Default {default}.
 * @param [minRerunShare] The reruns' least share of the job's actions between the first and last of them, a rate from 0 to 1. Default {default}.
 * @returns The number of bursts (0 or more).
 */
export function rerunLoops(timestamps: unknown[][], jobs: unknown[][], isRerun: unknown[][], job?: unknown[][], windowMinutes?: unknown[][], minReruns?: unknown[][], minRerunShare?: unknown[][]): unknown[][] {
  return run(RERUNLOOPS, [timestamps, jobs, isRerun, job, windowMinutes, minReruns, minRerunShare]);
}

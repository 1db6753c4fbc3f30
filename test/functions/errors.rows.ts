/**
 * The error table: for every function, bad input of each kind it can meet, with the Excel
 * error it must give and the exact message (reviewed wording; messages.ts is their one home).
 * Args are as typed in a cell: null = left empty, a nested list = a range.
 */
export interface ErrorRow {
  readonly id: string;
  readonly args: readonly unknown[];
  readonly error: "#VALUE!" | "#N/A" | "#NUM!";
  readonly message: string;
  readonly why: string;
}

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

export const ERROR_ROWS: readonly ErrorRow[] = [
  // FLEXCOST
  { id: "FLEXCOST", why: "wrong type", args: ["lots"], error: "#VALUE!", message: 'actions must be a number, not the text "lots".' },
  { id: "FLEXCOST", why: "a boolean", args: [true], error: "#VALUE!", message: "actions must be a number, not TRUE." },
  { id: "FLEXCOST", why: "negative count", args: [-1], error: "#VALUE!", message: "actions must be at least 0; it is -1." },
  { id: "FLEXCOST", why: "rate outside 0–1", args: [100, null, null, 25], error: "#VALUE!", message: "discount must be a rate from 0 to 1 (0.25 means 25 %); it is 25." },
  { id: "FLEXCOST", why: "required argument left out", args: [null], error: "#VALUE!", message: "actions is required." },
  { id: "FLEXCOST", why: "an empty cell", args: [[[""]]], error: "#VALUE!", message: "actions is an empty cell; enter a number." },
  { id: "FLEXCOST", why: "unequal ranges", args: [col(1, 2), null, null, col(0.1, 0.2, 0.3)], error: "#VALUE!", message: "actions (2×1) and discount (3×1) must be ranges of the same size, or single values." },
  { id: "FLEXCOST", why: "a result too large for Excel", args: [1e308, 1e10], error: "#NUM!", message: "The result is too large for Excel." },
  // CREDITS
  { id: "CREDITS", why: "negative count", args: [-5], error: "#VALUE!", message: "actions must be at least 0; it is -5." },
  { id: "CREDITS", why: "wrong type", args: [10, "twenty"], error: "#VALUE!", message: 'creditsPerAction must be a number, not the text "twenty".' },
  // CONVCOST
  { id: "CONVCOST", why: "negative count", args: [-10], error: "#VALUE!", message: "conversations must be at least 0; it is -10." },
  { id: "CONVCOST", why: "negative price", args: [10, -2], error: "#VALUE!", message: "pricePerConversation must be at least 0; it is -2." },
  // SEATCOST
  { id: "SEATCOST", why: "negative count", args: [-3], error: "#VALUE!", message: "users must be at least 0; it is -3." },
  { id: "SEATCOST", why: "wrong type", args: [3, "a year"], error: "#VALUE!", message: 'months must be a number, not the text "a year".' },
  // MIXACTIONS
  { id: "MIXACTIONS", why: "shares not summing to 1", args: [100, col(0.6, 0.3), col(3, 7)], error: "#VALUE!", message: "shares must add up to 1; they add up to 0.9." },
  { id: "MIXACTIONS", why: "unequal ranges", args: [100, col(0.6, 0.3, 0.1), col(3, 7)], error: "#VALUE!", message: "actionsPerInteraction has 2 values and shares has 3; give one for each." },
  { id: "MIXACTIONS", why: "rate outside 0–1", args: [100, col(1.2, -0.2), col(3, 7)], error: "#VALUE!", message: "shares must be a rate from 0 to 1 (0.25 means 25 %); it is 1.2." },
  { id: "MIXACTIONS", why: "a gap in a range", args: [100, col(0.5, "", 0.5), col(3, 7, 9)], error: "#VALUE!", message: "shares has an empty cell at item 2; enter 0 or remove it." },
  { id: "MIXACTIONS", why: "wrong type in a range", args: [100, col(0.5, 0.5), col(3, "x")], error: "#VALUE!", message: 'actionsPerInteraction must be a number, not the text "x".' },
  { id: "MIXACTIONS", why: "an empty range", args: [100, col("", ""), col(3, 7)], error: "#VALUE!", message: "shares has no values." },
  // COMPARE
  { id: "COMPARE", why: "a range where a single value belongs", args: [col(100, 200), 3, 5], error: "#VALUE!", message: "interactionsPerMonth must be a single value, not a 2×1 range." },
  { id: "COMPARE", why: "rate outside 0–1", args: [100, 3, 5, 1.5], error: "#VALUE!", message: "discount must be a rate from 0 to 1 (0.25 means 25 %); it is 1.5." },
  { id: "COMPARE", why: "negative count", args: [100, 3, -5], error: "#VALUE!", message: "users must be at least 0; it is -5." },
  // CHEAPEST
  { id: "CHEAPEST", why: "wrong type", args: [100, "three", 5], error: "#VALUE!", message: 'actionsPerInteraction must be a number, not the text "three".' },
  // CROSSOVER
  { id: "CROSSOVER", why: "zero denominator (a free action)", args: [2, 20, 500, 1], error: "#VALUE!", message: "discount must be a rate at least 0 and less than 1 (0.25 means 25 %); it is 1." },
  { id: "CROSSOVER", why: "zero denominator (no credits per action)", args: [2, 0], error: "#VALUE!", message: "creditsPerAction must be more than 0; it is 0." },
  // SEATBREAKEVEN
  { id: "SEATBREAKEVEN", why: "zero denominator (free credits)", args: [125, 20, 0], error: "#VALUE!", message: "pricePer100k must be more than 0; it is 0." },
  { id: "SEATBREAKEVEN", why: "negative price", args: [-125], error: "#VALUE!", message: "pricePerUserMonth must be at least 0; it is -125." },
  // TOKENCOST
  { id: "TOKENCOST", why: "unknown model", args: [1000, 100, "gpt-9"], error: "#VALUE!", message: 'model "gpt-9" is not on the price list; use a model name it knows (e.g. gpt-4o, claude-sonnet-4.6) or the input USD per 1M tokens as a number.' },
  { id: "TOKENCOST", why: "a model its provider doesn't list", args: [1000, 100, "anthropic:gpt-4o"], error: "#VALUE!", message: 'model "anthropic:gpt-4o" is not on the price list; use a model name it knows (e.g. gpt-4o, claude-sonnet-4.6) or the input USD per 1M tokens as a number.' },
  { id: "TOKENCOST", why: "a price as model needs the output price", args: [1000, 100, 2.5], error: "#VALUE!", message: "outputPricePerM is required when model is a number (the input USD per 1M tokens)." },
  { id: "TOKENCOST", why: "a model name with an output price", args: [1000, 100, "gemini-3-flash", 3], error: "#VALUE!", message: "outputPricePerM must be empty when model is a model name; give the input price as model to use your own prices." },
  { id: "TOKENCOST", why: "retries below one", args: [1000, 100, "gemini-3-flash", null, 0.5], error: "#VALUE!", message: "retryMultiplier must be at least 1; it is 0.5." },
  { id: "TOKENCOST", why: "negative count", args: [-1000, 100, "gemini-3-flash"], error: "#VALUE!", message: "inputTokens must be at least 0; it is -1000." },
  { id: "TOKENCOST", why: "negative price as model", args: [1000, 100, -1, 2], error: "#VALUE!", message: "model must be at least 0; it is -1." },
  // PLANCOST
  { id: "PLANCOST", why: "unknown plan", args: ["salesforce.flex", 100], error: "#VALUE!", message: 'plan "salesforce.flex" is not a plan on the rate card; use agentforce.flex, agentforce.conversation, intercom.fin, zendesk.resolution.committed, zendesk.resolution.payg, copilot-studio.payg, copilot-studio.pack, agentforce.resolution, agentforce.user, agentforce.user.metered, agentforce.edition, hubspot.credits or servicenow.assist (AWU.PLANS() lists them).' },
  { id: "PLANCOST", why: "unknown event", args: ["agentforce.flex", 100, "email action"], error: "#VALUE!", message: 'event "email action" is not an event of agentforce.flex; use standard action or voice action.' },
  { id: "PLANCOST", why: "an event of another plan", args: ["copilot-studio.payg", 100, "voice action"], error: "#VALUE!", message: 'event "voice action" is not an event of copilot-studio.payg; use generative answer, classic answer, agent action or tenant graph grounding.' },
  { id: "PLANCOST", why: "negative quantity", args: ["intercom.fin", -1], error: "#VALUE!", message: "quantity must be at least 0; it is -1." },
  { id: "PLANCOST", why: "quantity as text", args: ["intercom.fin", "many"], error: "#VALUE!", message: 'quantity must be a number, not the text "many".' },
  { id: "PLANCOST", why: "plan as a number", args: [42, 100], error: "#VALUE!", message: "plan must be text, not 42." },
  { id: "PLANCOST", why: "plan left out", args: [null, 100], error: "#VALUE!", message: "plan is required." },
  { id: "PLANCOST", why: "a date before the plan", args: ["intercom.fin", 1, null, 44927], error: "#N/A", message: '"intercom.fin" has no rate in force on 2023-01-01; its first entry is from 2023-11-15.' },
  { id: "PLANCOST", why: "a result too large for Excel", args: ["copilot-studio.payg", 1e308, "tenant graph grounding"], error: "#NUM!", message: "The result is too large for Excel." },
  // PLANS
  { id: "PLANS", why: "unknown vendor", args: ["Acme"], error: "#VALUE!", message: 'vendor "Acme" has no plan on the rate card; use Salesforce, Intercom, Zendesk, Microsoft, HubSpot or ServiceNow.' },
  { id: "PLANS", why: "vendor as a number", args: [3], error: "#VALUE!", message: "vendor must be text, not 3." },
  // CASECOST
  { id: "CASECOST", why: "unknown plan", args: ["fin", 5, 0.6], error: "#VALUE!", message: 'plan "fin" is not a plan on the rate card; use agentforce.flex, agentforce.conversation, intercom.fin, zendesk.resolution.committed, zendesk.resolution.payg, copilot-studio.payg, copilot-studio.pack, agentforce.resolution, agentforce.user, agentforce.user.metered, agentforce.edition, hubspot.credits or servicenow.assist (AWU.PLANS() lists them).' },
  { id: "CASECOST", why: "rate outside 0–1", args: ["intercom.fin", 5, 60], error: "#VALUE!", message: "resolutionRate must be a rate from 0 to 1 (0.25 means 25 %); it is 60." },
  { id: "CASECOST", why: "negative actions", args: ["agentforce.flex", -2, 0.6], error: "#VALUE!", message: "actionsPerCase must be at least 0; it is -2." },
  { id: "CASECOST", why: "negative human cost", args: ["agentforce.flex", 2, 0.6, -8], error: "#VALUE!", message: "humanCost must be at least 0; it is -8." },
  { id: "CASECOST", why: "savings outside 0–1", args: ["agentforce.flex", 2, 0.6, 8, 2], error: "#VALUE!", message: "escalationSavings must be a rate from 0 to 1 (0.25 means 25 %); it is 2." },
  { id: "CASECOST", why: "a plan priced per user", args: ["agentforce.edition", 5, 0.6], error: "#N/A", message: "No cost per case: agentforce.edition is priced per user-month, not per case; price its users with AWU.PLANCOST or AWU.SEATCOST." },
  // HUMANCOST
  { id: "HUMANCOST", why: "zero denominator", args: [null, null, null, 0], error: "#VALUE!", message: "utilization must be a rate more than 0 and at most 1 (0.25 means 25 %); it is 0." },
  { id: "HUMANCOST", why: "rate outside 0–1", args: [null, null, null, 1.5], error: "#VALUE!", message: "utilization must be a rate more than 0 and at most 1 (0.25 means 25 %); it is 1.5." },
  { id: "HUMANCOST", why: "wrong type", args: ["$20"], error: "#VALUE!", message: 'hourlyWage must be a number, not the text "$20".' },
  // BLENDED
  { id: "BLENDED", why: "rate outside 0–1", args: [8.37, 2, 1.2], error: "#VALUE!", message: "resolutionRate must be a rate from 0 to 1 (0.25 means 25 %); it is 1.2." },
  { id: "BLENDED", why: "negative cost", args: [8.37, -2, 0.6], error: "#VALUE!", message: "aiCost must be at least 0; it is -2." },
  // BREAKEVEN
  { id: "BREAKEVEN", why: "zero denominator (human cost)", args: [0, 2], error: "#VALUE!", message: "humanCost must be more than 0; it is 0." },
  { id: "BREAKEVEN", why: "zero denominator (all escalation effort saved)", args: [8.37, 2, 1], error: "#VALUE!", message: "escalationSavings must be a rate at least 0 and less than 1 (0.25 means 25 %); it is 1." },
  { id: "BREAKEVEN", why: "no break-even: AI dearer than human", args: [8.37, 9], error: "#N/A", message: "No break-even: AI plus escalations costs more than all-human even at a 100 % resolution rate." },
  { id: "BREAKEVEN", why: "no break-even: AI cheaper at every rate", args: [10, 1, 0.5], error: "#N/A", message: "No break-even: AI plus escalations costs less than all-human at every resolution rate, even 0 %." },
  // PAYBACK
  { id: "PAYBACK", why: "no payback: no savings", args: [250000, 100000, 2, 3, 0.5], error: "#N/A", message: "No payback: the blended cost per case (4) is not below humanCost (2), so nothing is saved." },
  { id: "PAYBACK", why: "no payback: no cases", args: [250000, 0, 8.37, 2, 0.6], error: "#N/A", message: "No payback: annualCases is 0, so nothing is saved." },
  { id: "PAYBACK", why: "rate outside 0–1", args: [250000, 100000, 8.37, 2, 60], error: "#VALUE!", message: "resolutionRate must be a rate from 0 to 1 (0.25 means 25 %); it is 60." },
  // BUILDVSBUY
  { id: "BUILDVSBUY", why: "no break-even", args: [500000, 0.05, 2], error: "#N/A", message: "No break-even: buyPricePerCase is not above computePerCase, so building never recovers its fixed cost." },
  { id: "BUILDVSBUY", why: "negative cost", args: [-1, 2, 0.05], error: "#VALUE!", message: "fixedAnnualCost must be at least 0; it is -1." },
  // ALLIN
  { id: "ALLIN", why: "zero denominator", args: [0.2, 2, 30, 0], error: "#VALUE!", message: "acceptanceRate must be a rate more than 0 and at most 1 (0.25 means 25 %); it is 0." },
  { id: "ALLIN", why: "negative count", args: [0.2, -2, 30, 0.8], error: "#VALUE!", message: "reviewMinutes must be at least 0; it is -2." },
  // DEPLETION
  { id: "DEPLETION", why: "no depletion: zero burn", args: [1000, 0, 46023], error: "#N/A", message: "The balance never runs out: burnPerDay is 0." },
  { id: "DEPLETION", why: "no depletion: the trend dies out", args: [1000, col(30, 20, 10), 46023], error: "#N/A", message: "The balance never runs out: the usage trend falls to 0 before the balance is spent." },
  { id: "DEPLETION", why: "past Excel's calendar", args: [1e12, 1, 46023], error: "#N/A", message: "The balance lasts past 9999-12-31, Excel's last date." },
  { id: "DEPLETION", why: "negative balance", args: [-1, 10, 46023], error: "#VALUE!", message: "balance must be at least 0; it is -1." },
  { id: "DEPLETION", why: "wrong type", args: [1000, 10, "today"], error: "#VALUE!", message: 'startDate must be a number, not the text "today".' },
  { id: "DEPLETION", why: "a gap in the history", args: [1000, col(10, "", 12), 46023], error: "#VALUE!", message: "burnPerDay has an empty cell at item 2; enter 0 or remove it." },
  // ALERT
  { id: "ALERT", why: "zero denominator", args: [10, 0], error: "#VALUE!", message: "allocation must be more than 0; it is 0." },
  { id: "ALERT", why: "a threshold of 0", args: [10, 100, col(0, 0.5)], error: "#VALUE!", message: "thresholds must be more than 0; it is 0." },
  // COMMIT
  { id: "COMMIT", why: "pay-as-you-go cheaper than prepaid", args: [col(1000, 1000), 500, 400], error: "#VALUE!", message: "paygPrice must be at least prepaidPrice." },
  { id: "COMMIT", why: "negative forecast", args: [col(1000, -1000)], error: "#VALUE!", message: "monthlyForecast must be at least 0; it is -1000." },
  { id: "COMMIT", why: "zero denominator (free prepaid credits)", args: [col(1000), 0], error: "#VALUE!", message: "prepaidPrice must be more than 0; it is 0." },
  { id: "COMMIT", why: "required argument left out", args: [null], error: "#VALUE!", message: "monthlyForecast is required." },
  // PLANCOMMIT
  { id: "PLANCOMMIT", why: "unknown plan", args: ["acme.credits", col(1000)], error: "#VALUE!", message: 'plan "acme.credits" is not a plan on the rate card; use agentforce.flex, agentforce.conversation, intercom.fin, zendesk.resolution.committed, zendesk.resolution.payg, copilot-studio.payg, copilot-studio.pack, agentforce.resolution, agentforce.user, agentforce.user.metered, agentforce.edition, hubspot.credits or servicenow.assist (AWU.PLANS() lists them).' },
  { id: "PLANCOMMIT", why: "plan as a number", args: [42, col(1000)], error: "#VALUE!", message: "plan must be text, not 42." },
  { id: "PLANCOMMIT", why: "a range of plans (the result is a row)", args: [col("intercom.fin", "zendesk.resolution.payg"), col(1000)], error: "#VALUE!", message: "plan must be a single value, not a 2×1 range." },
  { id: "PLANCOMMIT", why: "plan left out", args: [null, col(1000)], error: "#VALUE!", message: "plan is required." },
  { id: "PLANCOMMIT", why: "forecast left out", args: ["intercom.fin", null], error: "#VALUE!", message: "monthlyForecast is required." },
  { id: "PLANCOMMIT", why: "negative forecast", args: ["copilot-studio.pack", col(1000, -5)], error: "#VALUE!", message: "monthlyForecast must be at least 0; it is -5." },
  { id: "PLANCOMMIT", why: "text in the forecast", args: ["copilot-studio.pack", col(1000, "lots")], error: "#VALUE!", message: 'monthlyForecast must be a number, not the text "lots".' },
  { id: "PLANCOMMIT", why: "a gap in the forecast", args: ["copilot-studio.pack", col(1000, "", 2000)], error: "#VALUE!", message: "monthlyForecast has an empty cell at item 2; enter 0 or remove it." },
  { id: "PLANCOMMIT", why: "an empty forecast", args: ["copilot-studio.pack", col("", "")], error: "#VALUE!", message: "monthlyForecast has no values." },
  { id: "PLANCOMMIT", why: "months that are not whole years of an annual pool", args: ["servicenow.assist", col(1, 2, 3, 4, 5, 6, 7)], error: "#VALUE!", message: "monthlyForecast has 7 months; servicenow.assist commits to an annual pool, so give 1 value (a steady month, 12 of them a year) or 12, 24, 36, … monthly values." },
  { id: "PLANCOMMIT", why: "negative uncertainty", args: ["copilot-studio.pack", col(1000), -0.1], error: "#VALUE!", message: "uncertainty must be at least 0; it is -0.1." },
  { id: "PLANCOMMIT", why: "uncertainty as text", args: ["copilot-studio.pack", col(1000), "high"], error: "#VALUE!", message: 'uncertainty must be a number, not the text "high".' },
  { id: "PLANCOMMIT", why: "a range of uncertainties", args: ["copilot-studio.pack", col(1000), col(0.1, 0.2)], error: "#VALUE!", message: "uncertainty must be a single value, not a 2×1 range." },
  { id: "PLANCOMMIT", why: "negative human cost", args: ["hubspot.credits", col(1000), 0.2, -8], error: "#VALUE!", message: "humanCost must be at least 0; it is -8." },
  { id: "PLANCOMMIT", why: "a term too large for Excel", args: ["agentforce.flex", col(1e308, 1e308)], error: "#NUM!", message: "The result is too large for Excel." },
  // RATE
  { id: "RATE", why: "unknown rate key", args: ["flex.price"], error: "#VALUE!", message: 'key "flex.price" is not on the rate card; AWU.RATES() lists the keys.' },
  { id: "RATE", why: "wrong type", args: [20], error: "#VALUE!", message: "key must be text, not 20." },
  { id: "RATE", why: "a date before the card", args: ["flex.creditsPerAction", 45292], error: "#N/A", message: '"flex.creditsPerAction" has no rate in force on 2024-01-01; its first entry is from 2025-05-15.' },
  // OUTCOMECOST
  { id: "OUTCOMECOST", why: "no accepted outcome", args: [col(0.5, 0.5), col("failed", "succeeded")], error: "#N/A", message: "No accepted outcome: no status is validated, so there is no cost per outcome." },
  { id: "OUTCOMECOST", why: "no accepted outcome, two accepted statuses", args: [col(0.5, 0.5), col("failed", "attempted"), col("validated", "succeeded")], error: "#N/A", message: "No accepted outcome: no status is validated or succeeded, so there is no cost per outcome." },
  { id: "OUTCOMECOST", why: "an unknown status", args: [col(0.5, 0.5, 0.5), col("validated", "done", "failed")], error: "#VALUE!", message: 'statuses item 2 is the text "done"; use attempted, succeeded, validated or failed.' },
  { id: "OUTCOMECOST", why: "a number where a status belongs", args: [col(0.5, 0.5), col("validated", 1)], error: "#VALUE!", message: "statuses item 2 is 1; use attempted, succeeded, validated or failed." },
  { id: "OUTCOMECOST", why: "a blank status", args: [col(0.5, 0.5, 0.5), col("validated", "", "failed")], error: "#VALUE!", message: "statuses has an empty cell at item 2; enter attempted, succeeded, validated or failed." },
  { id: "OUTCOMECOST", why: "unequal lengths", args: [col(0.5, 0.5, 0.5), col("validated", "failed")], error: "#VALUE!", message: "statuses has 2 values and costs has 3; give one for each." },
  { id: "OUTCOMECOST", why: "a negative cost", args: [col(0.5, -0.5), col("validated", "failed")], error: "#VALUE!", message: "costs must be at least 0; it is -0.5." },
  { id: "OUTCOMECOST", why: "an unknown accepted status", args: [col(0.5), col("validated"), "accepted"], error: "#VALUE!", message: 'acceptedStatuses item 1 is the text "accepted"; use attempted, succeeded, validated or failed.' },
  { id: "OUTCOMECOST", why: "required argument left out", args: [col(0.5), null], error: "#VALUE!", message: "statuses is required." },
  // ACCEPTRATE
  { id: "ACCEPTRATE", why: "an unknown status", args: [col("validated", "ok")], error: "#VALUE!", message: 'statuses item 2 is the text "ok"; use attempted, succeeded, validated or failed.' },
  { id: "ACCEPTRATE", why: "an empty range", args: [col("", "")], error: "#VALUE!", message: "statuses has no values." },
  { id: "ACCEPTRATE", why: "TRUE where a status belongs", args: [col("validated", true)], error: "#VALUE!", message: "statuses item 2 is TRUE; use attempted, succeeded, validated or failed." },
  // RERUNRATE
  { id: "RERUNRATE", why: "no first runs", args: [col(20, 20), col(true, true)], error: "#N/A", message: "No rerun rate: the units of first runs (isRerun FALSE) add up to 0." },
  { id: "RERUNRATE", why: "a flag that is not yes or no", args: [col(20, 20), col(false, "maybe")], error: "#VALUE!", message: 'isRerun item 2 is the text "maybe"; use TRUE or FALSE (or 1 or 0, "yes" or "no").' },
  { id: "RERUNRATE", why: "a number that is not 1 or 0", args: [col(20, 20), col(false, 2)], error: "#VALUE!", message: 'isRerun item 2 is 2; use TRUE or FALSE (or 1 or 0, "yes" or "no").' },
  { id: "RERUNRATE", why: "a blank flag", args: [col(20, 20, 20), col(false, "", true)], error: "#VALUE!", message: "isRerun has an empty cell at item 2; enter TRUE or FALSE." },
  { id: "RERUNRATE", why: "unequal lengths", args: [col(20, 20), col(false, true, true)], error: "#VALUE!", message: "isRerun has 3 values and units has 2; give one for each." },
  { id: "RERUNRATE", why: "wrong type in units", args: [col(20, "twenty"), col(false, true)], error: "#VALUE!", message: 'units must be a number, not the text "twenty".' },
  // RERUNINFLATION
  { id: "RERUNINFLATION", why: "no accepted units", args: [col(20, 20), col(false, true), col("failed", "succeeded")], error: "#N/A", message: "No rerun inflation: the units of rows whose status is validated add up to 0." },
  { id: "RERUNINFLATION", why: "unequal lengths", args: [col(20, 20), col(false, true), col("validated")], error: "#VALUE!", message: "statuses has 1 values and units has 2; give one for each." },
  { id: "RERUNINFLATION", why: "an unknown status", args: [col(20, 20), col(false, true), col("validated", "rerun")], error: "#VALUE!", message: 'statuses item 2 is the text "rerun"; use attempted, succeeded, validated or failed.' },
  // ANOMALY
  { id: "ANOMALY", why: "a fractional window", args: [col(10, 10, 40), 2.5], error: "#VALUE!", message: "windowDays must be a whole number at least 1; it is 2.5." },
  { id: "ANOMALY", why: "a factor of 0", args: [col(10, 10, 40), 2, 0], error: "#VALUE!", message: "factor must be more than 0; it is 0." },
  { id: "ANOMALY", why: "a gap in the series", args: [col(10, "", 40)], error: "#VALUE!", message: "dailyUnits has an empty cell at item 2; enter 0 or remove it." },
  { id: "ANOMALY", why: "a range where a single value belongs", args: [col(10, 10, 40), col(2, 3)], error: "#VALUE!", message: "windowDays must be a single value, not a 2×1 range." },
  { id: "ANOMALY", why: "negative consumption", args: [col(10, -10, 40)], error: "#VALUE!", message: "dailyUnits must be at least 0; it is -10." },
  // PERIODFORECAST
  { id: "PERIODFORECAST", why: "more history than the period", args: [300, col(100, 100, 100), 2], error: "#VALUE!", message: "dailyHistory has 3 days, more than daysInPeriod (2)." },
  { id: "PERIODFORECAST", why: "a fractional period", args: [300, col(100, 100, 100), 30.5], error: "#VALUE!", message: "daysInPeriod must be a whole number from 1 to 2958465; it is 30.5." },
  { id: "PERIODFORECAST", why: "a period of 0 days", args: [300, col(100, 100, 100), 0], error: "#VALUE!", message: "daysInPeriod must be a whole number from 1 to 2958465; it is 0." },
  { id: "PERIODFORECAST", why: "a forecast too large for Excel", args: [1e308, col(1e308, 1e308), 3], error: "#NUM!", message: "The result is too large for Excel." },
  // FORECASTALERT
  { id: "FORECASTALERT", why: "zero denominator", args: [300, col(100, 100, 100), 0, 30], error: "#VALUE!", message: "allocation must be more than 0; it is 0." },
  { id: "FORECASTALERT", why: "more history than the period", args: [300, col(100, 100, 100), 4000, 2], error: "#VALUE!", message: "dailyHistory has 3 days, more than daysInPeriod (2)." },
  { id: "FORECASTALERT", why: "a threshold of 0", args: [300, col(100, 100, 100), 4000, 30, col(0, 0.5)], error: "#VALUE!", message: "thresholds must be more than 0; it is 0." },
  { id: "FORECASTALERT", why: "a forecast too large to compare", args: [1e308, col(1e308, 1e308), 1, 3], error: "#NUM!", message: "The result is too large for Excel." },
  // RERUNBURST
  { id: "RERUNBURST", why: "unequal lengths", args: [col(46023, 46023.1), col("a"), col(true, true)], error: "#VALUE!", message: "jobs has 1 values and timestamps has 2; give one for each." },
  { id: "RERUNBURST", why: "TRUE where a job belongs", args: [col(46023, 46023.1), col("a", true), col(true, true)], error: "#VALUE!", message: "jobs must be text, not TRUE." },
  // A blank job is no error: the no-name group's (test/functions/blank-jobs.test.ts).
  { id: "RERUNBURST", why: "a fractional rerun count", args: [col(46023), col("a"), col(true), 10, 2.5], error: "#VALUE!", message: "minReruns must be a whole number at least 1; it is 2.5." },
  { id: "RERUNBURST", why: "a share outside 0–1", args: [col(46023), col("a"), col(true), 10, 5, 1.5], error: "#VALUE!", message: "minRerunShare must be a rate from 0 to 1 (0.25 means 25 %); it is 1.5." },
  { id: "RERUNBURST", why: "a window of 0 minutes", args: [col(46023), col("a"), col(true), 0], error: "#VALUE!", message: "windowMinutes must be more than 0; it is 0." },
  { id: "RERUNBURST", why: "a negative date", args: [col(-1), col("a"), col(true)], error: "#VALUE!", message: "timestamps must be at least 0; it is -1." },
  // RERUNLOOPS
  { id: "RERUNLOOPS", why: "fewer jobs than timestamps", args: [col(46023, 46023.1), col("a"), col(true, true)], error: "#VALUE!", message: "jobs has 1 values and timestamps has 2; give one for each." },
  { id: "RERUNLOOPS", why: "more flags than timestamps", args: [col(46023, 46023.1), col("a", "a"), col(true, true, false)], error: "#VALUE!", message: "isRerun has 3 values and timestamps has 2; give one for each." },
  { id: "RERUNLOOPS", why: "a flag that is not yes or no", args: [col(46023, 46023.1), col("a", "a"), col(true, "maybe")], error: "#VALUE!", message: 'isRerun item 2 is the text "maybe"; use TRUE or FALSE (or 1 or 0, "yes" or "no").' },
  { id: "RERUNLOOPS", why: "a number that is not 1 or 0 as a flag", args: [col(46023, 46023.1), col("a", "a"), col(1, 2)], error: "#VALUE!", message: 'isRerun item 2 is 2; use TRUE or FALSE (or 1 or 0, "yes" or "no").' },
  { id: "RERUNLOOPS", why: "a negative date", args: [col(-1), col("a"), col(true)], error: "#VALUE!", message: "timestamps must be at least 0; it is -1." },
  { id: "RERUNLOOPS", why: "a gap in the timestamps", args: [col(46023, "", 46023.2), col("a", "a", "a"), col(true, true, true)], error: "#VALUE!", message: "timestamps has an empty cell at item 2; enter 0 or remove it." },
  { id: "RERUNLOOPS", why: "TRUE where a job belongs in the list", args: [col(46023, 46023.1), col("a", true), col(true, true)], error: "#VALUE!", message: "jobs must be text, not TRUE." },
  { id: "RERUNLOOPS", why: "the flags left out", args: [col(46023), col("a"), null], error: "#VALUE!", message: "isRerun is required." },
  { id: "RERUNLOOPS", why: "TRUE where the job belongs", args: [col(46023), col("a"), col(true), true], error: "#VALUE!", message: "job must be text, not TRUE." },
  { id: "RERUNLOOPS", why: "a number where the job belongs", args: [col(46023), col("a"), col(true), 42], error: "#VALUE!", message: "job must be text, not 42." },
  { id: "RERUNLOOPS", why: "a column of jobs and a column of windows of different sizes", args: [col(46023), col("a"), col(true), col("a", "b"), col(10, 20, 30)], error: "#VALUE!", message: "job (2×1) and windowMinutes (3×1) must be ranges of the same size, or single values." },
  { id: "RERUNLOOPS", why: "a window of 0 minutes", args: [col(46023), col("a"), col(true), null, 0], error: "#VALUE!", message: "windowMinutes must be more than 0; it is 0." },
  { id: "RERUNLOOPS", why: "a fractional rerun count", args: [col(46023), col("a"), col(true), "a", 10, 2.5], error: "#VALUE!", message: "minReruns must be a whole number at least 1; it is 2.5." },
  { id: "RERUNLOOPS", why: "a share outside 0–1", args: [col(46023), col("a"), col(true), null, 10, 5, 1.5], error: "#VALUE!", message: "minRerunShare must be a rate from 0 to 1 (0.25 means 25 %); it is 1.5." },
];

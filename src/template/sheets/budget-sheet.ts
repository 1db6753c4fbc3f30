/**
 * The Budget sheet (template.md "One budget", docs/model.md §10): 12 calendar months from
 * the fiscal-year start, each job's full monthly volume (the Jobs sheet) phased by its ramp
 * and growth; per month the AI spend under the pricing model in use, the human review and
 * escalation labor, and the platform and hidden costs; the year's totals; then the ledger's
 * actual dollars per month against the budget, with the variance split into volume, mix and
 * price. Native formulas over the Jobs and Ledger tables (SUMPRODUCT with arithmetic and
 * comparisons only), so the portable file computes every figure; engine: monthlyBudget,
 * actualsByMonth (src/engine/budget.ts).
 */
import { LAST_EXCEL_SERIAL, PRICING_MODEL_NAMES, serialFromIso } from "../../engine";
import { absolute, amount, input, output, panes, rate, rateCell, rateInput, Stack } from "./builders";
import { L, actionsWhere, exactly, ledgerCost, pricedByUnits, timestampsBetween } from "./ledger-formulas";
import { BUDGET_NAMES, SHEETS, TABLES, type TemplateOptions } from "./names";
import { PLAN_IN_USE, usesPlan, usesSeatPlan } from "./plan-formulas";
import { add, awu, bool, call, col, concat, div, eq, gt, le, mul, name, ne, num, pow, ref, str, sub, wholeCol, type Expr } from "../model/formula";
import { tableHeaderCell } from "../model/layout";
import type { CellBlock, LabelledCell, SheetSpec, TableBlock, TableColumn } from "../model/description";

const MONTHS = 12;
const MINUTES_PER_HOUR = 60;
const CREDITS_PER_PRICE_BLOCK = 100000;

const J = (column: string): Expr => wholeCol(TABLES.jobs, column);
const B = (column: string): Expr => col(TABLES.budget, column);
const V = (column: string): Expr => col(TABLES.budgetVsActual, column);
const isModel = (model: keyof typeof PRICING_MODEL_NAMES): Expr => eq(name("PricingModel"), str(PRICING_MODEL_NAMES[model]));
/** The Jobs sheet prices the Inputs sheet's models other than per conversation and per user as Flex Credits; so does the budget. */
const isFlex = (): Expr => call("AND", call("NOT", usesPlan()), call("NOT", isModel("perConversation")), call("NOT", isModel("perUser")));
/** Per user, or a vendor's seat plan: the seats are the AI spend, a fixed amount a month whatever the volume. */
const isSeats = (): Expr => call("OR", isModel("perUser"), usesSeatPlan());
/** The seats a month: per user at the Inputs sheet's price, or a seat plan's bill at the Jobs' full volume (its metered use included). */
const seatsForAMonth = (): Expr => call("IF", isModel("perUser"), awu("SEATCOST", name("LicensedUsers"), num(1), name("PricePerUserMonth")), name(PLAN_IN_USE.seats));

/**
 * Each job's share of its full monthly volume in month m, for every row of the Jobs table:
 * the ramp min(1, m ÷ ramp) (1 for no ramp), written with comparisons only so SUMPRODUCT
 * takes it everywhere, times the growth compounded from month 1, (1 + growth)^(m − 1).
 */
function volumeFactor(month: Expr): Expr {
  const ramp = J("Ramp (months)");
  const rampShare = sub(num(1), mul(gt(ramp, month), sub(num(1), div(month, add(ramp, eq(ramp, num(0)))))));
  return mul(rampShare, pow(add(num(1), J("Monthly growth")), sub(month, num(1))));
}

/** Σ over the jobs of a Jobs column × its volume factor in month m. */
const phased = (perMonth: Expr, month: Expr): Expr => call("SUMPRODUCT", mul(perMonth, volumeFactor(month)));

/** Where a table anchored at `anchor` has its header row (layout.ts decides it), for its rows' month numbers. */
const headerOf = (anchor: string, table: string): string => tableHeaderCell({ kind: "table", name: table, anchor, heading: "", columns: [], rows: [], exampleRows: 0, totalRow: true });

/** Month 1 … 12 of a 12-row table: its row less the header's, so every row has the same formula. */
const monthNumber = (headerCell: string): Expr => sub(call("ROW"), call("ROW", ref(SHEETS.budget, absolute(headerCell))));

/** The first day of the month `later` months after the one `date` falls in. */
const monthStart = (date: Expr, later: Expr): Expr => call("DATE", call("YEAR", date), add(call("MONTH", date), later), num(1));

function inputsBlock(options: TemplateOptions, anchor: string): CellBlock {
  const year = options.asOf.slice(0, 4);
  const development: LabelledCell = options.examples
    ? rateInput("Agent development, one-time", "DevelopmentCost", "development.agentCost", "usdWhole", amount("Building the agents, in currency."), "rate card: development.agentCost ($50k–150k a major deployment)")
    : input("Agent development, one-time", "DevelopmentCost", 0, "usdWhole", { validation: amount("Building the agents, in currency."), note: "rate card: development.agentCost is $50k–150k a major deployment" });
  return {
    kind: "cells",
    anchor,
    heading: "Budget inputs (each with its source)",
    cells: [
      // A calendar fiscal year of the rate card's year: the most common, and the example ledger's November falls in it.
      input("Fiscal year start", BUDGET_NAMES.fiscalYearStart, serialFromIso(`${year}-01-01`), "date", {
        validation: { kind: "decimal", min: 1, max: LAST_EXCEL_SERIAL, prompt: "The fiscal year's first day, a date: its month is the budget's first." },
        note: "the budget's 12 months start with this date's month",
      }),
      input("Seat users beside usage pricing", "BudgetSeatUsers", options.examples ? 10 : 0, "count", {
        validation: { kind: "whole", min: 0, prompt: "Users on a seat licence while the agents bill by usage." },
        note: "at Inputs' price per user per month (rate card: seat.addOn); none under Per user, whose seats are the AI spend",
      }),
      rateInput("Data Cloud share of AI spend", "DataCloudShare", "dataCloud.shareOfAiSpend", "percent", rate("Data Cloud spend as a share of the AI spend, 0 to 100 %."), "rate card: dataCloud.shareOfAiSpend (30–50 % for data-heavy uses)"),
      rateCell("Data Cloud price per 100,000 credits", "DataCloudPricePer100kCredits", "dataCloud.pricePer100kCredits", "usd"),
      rateInput("Sandbox share of usage", "SandboxShare", "sandbox.usageShare", "percent", rate("Sandbox consumption as a share of production usage, 0 to 100 %.")),
      rateInput("Sandbox discount", "SandboxDiscount", "sandbox.discount", "percent", rate("Discount on sandbox consumption, 0 to 100 %.")),
      rateInput("Premier Support surcharge", "SupportSurcharge", "premier.surcharge", "percent", rate("Share of product spend Premier Support adds; 0 without it."), "rate card: premier.surcharge; 0 without Premier Support"),
      development,
      rateInput("Development amortised over (months)", "DevelopmentAmortisationMonths", "development.amortisationMonths", "count", { kind: "whole", min: 1, prompt: "Months the development cost is spread over, 1 or more." }),
      input("Included Flex Credits a year", "IncludedCreditsPerYear", 0, "count", {
        validation: amount("Flex Credits an edition includes a year."),
        note: "with an edition that includes them (Agentforce 1 Sales: rate card seat.agentforce1Credits)",
      }),
      rateInput("Free Foundations credits", "FreeCredits", "foundations.freeCredits", "count", amount("Free Flex Credits.")),
      output(
        "Credits' worth this year",
        "CreditsValue",
        call("IF", isFlex(), mul(add(name("IncludedCreditsPerYear"), name("FreeCredits")), mul(div(name("PricePer100kCredits"), num(CREDITS_PER_PRICE_BLOCK)), sub(num(1), name("PrepurchaseDiscount")))), num(0)),
        "usd",
        "at the Flex price paid, drawn down by the AI spend from month 1; none under the other models",
      ),
    ],
  };
}

function budgetTable(anchor: string): TableBlock {
  const header = headerOf(anchor, TABLES.budget);
  const m = B("Month #");
  const money = (title: string, formula: Expr, extra: Partial<TableColumn> = {}): TableColumn => ({ header: title, kind: "formula", format: "usdWhole", total: "sum", formula, ...extra });
  // AI spend to date, for the credits drawn down so far.
  const cumulativeAi = call("SUMIFS", wholeCol(TABLES.budget, "AI spend"), wholeCol(TABLES.budget, "Month #"), concat(str("<="), m));
  const amortisation = call("MAX", num(1), name("DevelopmentAmortisationMonths"));
  return {
    kind: "table",
    name: TABLES.budget,
    anchor,
    heading: "The budget month by month (12 calendar months from the fiscal-year start; the Jobs sheet's volumes phased by each job's ramp and growth)",
    columns: [
      { header: "Month", kind: "formula", format: "date", total: "label", name: BUDGET_NAMES.months, formula: monthStart(name(BUDGET_NAMES.fiscalYearStart), sub(m, num(1))) },
      { header: "Month #", kind: "formula", format: "count", formula: monthNumber(header) },
      { header: "Agent actions", kind: "formula", format: "count", total: "sum", formula: phased(J("Units per month"), m) },
      // Per user or a seat plan: the seats are the AI spend, whatever the volume.
      money("AI spend", call("IF", isSeats(), seatsForAMonth(), phased(J("AI cost per month"), m)), { name: BUDGET_NAMES.ai }),
      money("Human review", phased(J("Human review cost per month"), m)),
      // Every item not accepted at the bar is finished by a person, at the human cost per case.
      money("Escalation labor", mul(phased(mul(J("Items per month"), sub(num(1), J("Target acceptance rate"))), m), name("HumanCostPerCase"))),
      money("Review and escalation", add(B("Human review"), B("Escalation labor")), { name: BUDGET_NAMES.review }),
      money("Seats", call("IF", isSeats(), num(0), mul(name("BudgetSeatUsers"), name("PricePerUserMonth")))),
      money("Data Cloud", mul(name("DataCloudShare"), B("AI spend"))),
      money("Sandbox", mul(mul(name("SandboxShare"), B("AI spend")), sub(num(1), name("SandboxDiscount")))),
      money("Development", mul(le(m, amortisation), div(name("DevelopmentCost"), amortisation))),
      // The credits' worth used by this month's AI spend: what is left of it, up to the month's spend.
      money("Less credits", sub(call("MIN", sub(cumulativeAi, B("AI spend")), name("CreditsValue")), call("MIN", cumulativeAi, name("CreditsValue")))),
      money("Support uplift", mul(name("SupportSurcharge"), add(add(add(add(B("AI spend"), B("Seats")), B("Data Cloud")), B("Sandbox")), B("Less credits")))),
      money("Platform and hidden costs", add(add(add(add(add(B("Seats"), B("Data Cloud")), B("Sandbox")), B("Development")), B("Less credits")), B("Support uplift")), { name: BUDGET_NAMES.platform }),
      money("Total", add(add(B("AI spend"), B("Review and escalation")), B("Platform and hidden costs")), { name: BUDGET_NAMES.total }),
    ],
    rows: Array.from({ length: MONTHS }, () => ({})),
    exampleRows: 0,
    totalRow: true,
  };
}

/**
 * Σ over the Jobs rows of the month's ledger actions of each job (matched exactly, in any
 * case, as the Ledger sheet matches them), times `weight`: only jobs with a name and
 * budgeted actions, and a job listed twice shares its actions between its rows.
 */
function matchedActions(month: Expr, next: Expr, weight: Expr): Expr {
  const job = J("Job");
  // Actions, not rows: an aggregated row is its Count of actions.
  const actions = actionsWhere(L("Job"), exactly(job), ...timestampsBetween(month, next));
  const listed = add(call("COUNTIFS", job, exactly(job)), eq(job, str("")));
  const share = div(mul(mul(actions, ne(job, str(""))), gt(J("Units per month"), num(0))), listed);
  return call("SUMPRODUCT", mul(share, weight));
}

/** Each job's budget cost per action, month-independent: its AI cost (not the fixed seats of per-user pricing), review and escalation over its actions. */
function jobCostPerAction(): Expr {
  const units = J("Units per month");
  const cost = add(add(mul(call("NOT", isSeats()), J("AI cost per month")), J("Human review cost per month")), mul(mul(J("Items per month"), sub(num(1), J("Target acceptance rate"))), name("HumanCostPerCase")));
  return div(cost, add(units, eq(units, num(0))));
}

function budgetVsActualTable(anchor: string): TableBlock {
  const header = headerOf(anchor, TABLES.budgetVsActual);
  const m = V("Month #");
  const month = V("Month");
  const next = monthStart(month, num(1));
  const inMonth = timestampsBetween(month, next);
  const rows = V("Ledger actions");
  const none = eq(rows, num(0));
  // No ledger rows in a month: no actual, and no variance (not −100 %).
  const ifRows = (e: Expr): Expr => call("IF", none, str(""), e);
  // A month the ledger covers in part (it starts or ends inside it) is budgeted for the days it covers.
  const covered = call("IF", none, num(1), V("Month covered"));
  const budgetAt = (named: string): Expr => mul(call("INDEX", name(named), m), covered);
  const budgetActions = V("Budget actions");
  const usageBudget = add(budgetAt(BUDGET_NAMES.ai), budgetAt(BUDGET_NAMES.review));
  // Per user, the seats cost the same per action in every job: they make no mix.
  const variablePerAction = div(sub(usageBudget, call("IF", isSeats(), budgetAt(BUDGET_NAMES.ai), num(0))), budgetActions);
  // Σ matched actions × (their job's cost per action − the budget's): one pass over the ledger, and no difference of two large costs per action.
  const mix = matchedActions(month, next, sub(jobCostPerAction(), variablePerAction));
  const daysCovered = sub(call("MIN", next, add(name("BudgetActualsThrough"), num(1))), call("MAX", month, name("BudgetActualsFrom")));
  const money = (title: string, formula: Expr, extra: Partial<TableColumn> = {}): TableColumn => ({ header: title, kind: "formula", format: "usdWhole", total: "sum", formula, ...extra });
  const perAction = (title: string, formula: Expr): TableColumn => ({ header: title, kind: "formula", format: "usd", formula });
  return {
    kind: "table",
    name: TABLES.budgetVsActual,
    anchor,
    heading: "Budget vs actual by month (the Ledger's rows in each month; the variance split into volume, mix and price)",
    columns: [
      { header: "Month", kind: "formula", format: "date", total: "label", formula: call("INDEX", name(BUDGET_NAMES.months), m) },
      { header: "Month #", kind: "formula", format: "count", formula: monthNumber(header) },
      { header: "Ledger actions", kind: "formula", format: "count", total: "sum", formula: actionsWhere(...inMonth) },
      { header: "Month covered", kind: "formula", format: "percent", formula: ifRows(div(daysCovered, sub(next, month))) },
      { header: "Budget actions", kind: "formula", format: "count", total: "sum", formula: mul(call("INDEX", wholeCol(TABLES.budget, "Agent actions"), m), covered) },
      money("Budget", budgetAt(BUDGET_NAMES.total)),
      // Rows with a cost of their own (stated, or tokens priced) cost that; the others' units are priced under the model.
      money(
        "Actual AI spend",
        ifRows(add(call("SUMIFS", L("Cost"), ...inMonth), call("IF", isSeats(), mul(seatsForAMonth(), covered), ledgerCost(call("SUMIFS", L("Units"), ...inMonth, ...pricedByUnits()))))),
      ),
      money("Actual review", ifRows(mul(div(call("SUMIFS", L("Review minutes"), ...inMonth), num(MINUTES_PER_HOUR)), name("ReviewerHourlyCost")))),
      money("Actual escalation", ifRows(mul(actionsWhere(L("Escalated"), bool(true), ...inMonth), name("HumanCostPerCase")))),
      // Platform and hidden costs are not in a usage log: carried at budget.
      money("Platform (at budget)", ifRows(budgetAt(BUDGET_NAMES.platform))),
      money("Actual", ifRows(add(add(add(V("Actual AI spend"), V("Actual review")), V("Actual escalation")), V("Platform (at budget)"))), { name: BUDGET_NAMES.actual }),
      money("Variance", ifRows(sub(V("Actual"), V("Budget"))), { name: BUDGET_NAMES.variance }),
      { header: "Variance %", kind: "formula", format: "percent", formula: call("IF", call("OR", none, eq(V("Budget"), num(0))), str(""), div(V("Variance"), V("Budget"))) },
      perAction("Budget cost per action", call("IF", eq(budgetActions, num(0)), str(""), div(usageBudget, budgetActions))),
      perAction("Budget cost per action at the actual mix", call("IF", call("OR", none, eq(budgetActions, num(0))), str(""), add(V("Budget cost per action"), div(V("Mix"), rows)))),
      perAction("Actual cost per action", ifRows(div(add(add(V("Actual AI spend"), V("Actual review")), V("Actual escalation")), rows))),
      // Unbudgeted activity is all volume.
      money("Volume", ifRows(call("IF", eq(budgetActions, num(0)), V("Variance"), mul(sub(rows, budgetActions), V("Budget cost per action"))))),
      money("Mix", ifRows(call("IF", eq(budgetActions, num(0)), num(0), mix))),
      // What is left is price, so the three add up to the variance exactly.
      money("Price", ifRows(sub(sub(V("Variance"), V("Volume")), V("Mix")))),
    ],
    rows: Array.from({ length: MONTHS }, () => ({})),
    exampleRows: 0,
    totalRow: true,
  };
}

export function budgetSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  stack.push(inputsBlock(options, stack.anchor()));
  const sumOf = (named: string): Expr => call("SUM", name(named));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "The year",
    cells: [
      output("AI spend", "BudgetAnnualAI", sumOf(BUDGET_NAMES.ai), "usdWhole", "under the pricing model in use (Inputs)"),
      output("Human review and escalation labor", "BudgetAnnualReview", sumOf(BUDGET_NAMES.review), "usdWhole"),
      output("Platform and hidden costs", "BudgetAnnualPlatform", sumOf(BUDGET_NAMES.platform), "usdWhole"),
      output("Total", BUDGET_NAMES.annualTotal, sumOf(BUDGET_NAMES.total), "usdWhole"),
      output(
        "Data Cloud credits the year's share buys",
        "BudgetDataCloudCredits",
        call("IF", eq(name("DataCloudPricePer100kCredits"), num(0)), str(""), mul(div(call("SUM", wholeCol(TABLES.budget, "Data Cloud")), name("DataCloudPricePer100kCredits")), num(CREDITS_PER_PRICE_BLOCK))),
        "count",
        "to check against the Data Cloud contract",
      ),
    ],
  });
  stack.push(budgetTable(stack.anchor()));
  const withRows = (column: string): Expr => call("SUMIFS", wholeCol(TABLES.budgetVsActual, column), wholeCol(TABLES.budgetVsActual, "Ledger actions"), str(">0"));
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Budget vs actual, over the months with ledger rows",
    cells: [
      output("Ledger from", "BudgetActualsFrom", call("INT", call("MIN", L("Timestamp"))), "date", "the first day with a ledger row"),
      output("Ledger through", "BudgetActualsThrough", call("INT", call("MAX", L("Timestamp"))), "date", "the last day with a ledger row: its month is budgeted to that day"),
      output("Months with ledger rows", "ActualMonthsWithRows", call("COUNTIFS", wholeCol(TABLES.budgetVsActual, "Ledger actions"), str(">0")), "count"),
      output("Budget for those months", "ActualMonthsBudget", withRows("Budget"), "usdWhole"),
      output("Actual", "ActualToDate", sumOf(BUDGET_NAMES.actual), "usdWhole"),
      output("Variance (actual − budget)", "VarianceToDate", sumOf(BUDGET_NAMES.variance), "usdWhole"),
      output("of which volume", "VarianceVolumeToDate", withRows("Volume"), "usdWhole", "more or fewer actions than budgeted, at the budget's cost per action"),
      output("of which mix", "VarianceMixToDate", withRows("Mix"), "usdWhole", "the jobs' shares of the actions, at each job's budget cost per action"),
      output("of which price", "VariancePriceToDate", withRows("Price"), "usdWhole", "the rest: what each action cost against its budget"),
    ],
  });
  stack.push(budgetVsActualTable(stack.anchor()));
  return {
    name: SHEETS.budget,
    purpose: "The year's budget month by month from the fiscal-year start, then the ledger's actuals against it with the variance explained.",
    tabColor: "2E75B6",
    columnWidths: [36, 12, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
    freeze: panes(stack.blocks),
  };
}

/**
 * The Vendors sheet (issue 12, "The workbook"): the Jobs' volume priced under every vendor plan
 * of the rate card, side by side: monthly and annual cost at list price, cost per resolved
 * case, the best commitment under each plan's own expiry and overage rules with its expected
 * waste and overage, and a chart of the monthly cost by plan.
 *
 * The plans are data on the sheet (the VendorPlans table at its foot), written from the rate
 * card's `plans` as of the workbook's date, as the Inputs sheet writes the rate card's
 * entries; every figure is a native formula over that table and the one driver chain
 * (Pricing's InteractionsPerMonth and TotalActionsPerMonth, ROI's ResolutionRate and
 * HumanCostPerCase, Inputs' LicensedUsers and CommitUncertainty), so an analyst who edits a
 * price sees every figure follow, in the AWU workbook and the portable one alike (no AWU call,
 * nothing written as a value). The formulas reproduce the engine: planCostUsd for the costs,
 * planCommitment (AWU.PLANCOMMIT) for a steady 12-month forecast (docs/model.md §8.3), which the
 * tests check cell by cell (test/template/vendors.test.ts).
 */
import { plansInForce, builtInPlans, seatIncludedPerYear, seatUseBilledAs, COMMIT_PERIODS, OVERAGE_RULES, PLAN_CHARGES, type PlanBook } from "../../engine";
import { TEMPLATE_MESSAGES } from "../../messages/sheet-notes";
import { amount, output, panes } from "./builders";
import { add, bool, call, col, concat, div, eq, le, mul, name, num, str, sub, wholeCol, type Expr } from "../model/formula";
import { blockHeight, tableColumnRange } from "../model/layout";
import type { Block, CellBlock, ChartBlock, SheetSpec, TableBlock, TableRow } from "../model/description";
import { SHEETS, TABLES, type TemplateOptions } from "./names";
import { PLAN_COLUMNS, meteredUseCost, planNamed } from "./plan-formulas";

const M = TEMPLATE_MESSAGES.vendors;

/** The defined names of the sheet's volume cells. */
export const VENDOR_NAMES = {
  conversations: "VendorConversations",
  actions: "VendorActions",
  resolutionRate: "VendorResolutionRate",
  resolved: "VendorResolvedCases",
  users: "VendorUsers",
  uncertainty: "VendorUncertainty",
  humanCost: "VendorHumanCost",
  cheapest: "VendorCheapestPlan",
  cheapestCost: "VendorCheapestCost",
} as const;

/** Months in the commitments' forecast: a year of the same steady volume. */
export const FORECAST_MONTHS = 12;

const P = PLAN_COLUMNS;
/** The commitments table's column of the units the plan's prices are for. */
const UNITS_MONTHLY = "Units billed a month (the plan's unit)";
const BEST = "Best commitment (units a period)";
const WASTE = "Expected waste a year (units)";
const OVERAGE = "Expected overage a year (units)";
const PRICES_PER = "Prices per (units)";
const PLANS = TABLES.vendorPlans;
const COMPARISON = TABLES.vendorComparison;
const COMMITMENTS = TABLES.vendorCommitments;

/** A column of the plan a row of `table` names (its Plan column), read from the plans table. */
const planOf = (table: string, column: string): Expr => planNamed(col(table, P.plan), column);

/**
 * The events a plan bills a month, by what it bills: every action (of its standard event),
 * every conversation, every resolved conversation, or every licensed user.
 */
function eventsBilled(bills: Expr): Expr {
  const [action, conversation, outcome, seat] = PLAN_CHARGES;
  return call(
    "IF",
    eq(bills, str(action)),
    name(VENDOR_NAMES.actions),
    call(
      "IF",
      eq(bills, str(conversation)),
      name(VENDOR_NAMES.conversations),
      call("IF", eq(bills, str(outcome)), name(VENDOR_NAMES.resolved), call("IF", eq(bills, str(seat)), name(VENDOR_NAMES.users), call("NA"))),
    ),
  );
}

/** The plans table's rows: the plans in force on the workbook's date, in card order. */
export function vendorPlanRows(asOf: string, book: PlanBook = builtInPlans): TableRow[] {
  return plansInForce(book, asOf).map((plan) => {
    const standard = plan.events[0];
    const meteredAs = seatUseBilledAs(plan, book);
    return {
      [P.plan]: plan.key,
      [P.vendor]: plan.vendor,
      [P.bills]: plan.charges,
      [P.unit]: plan.unit,
      [P.price]: plan.priceUsd,
      [P.perUnits]: plan.perUnits,
      [P.event]: standard?.event ?? "",
      [P.units]: standard?.units ?? 0,
      [P.commitment]: plan.commit.period,
      [P.beyond]: plan.commit.overage,
      ...(plan.commit.overage === "payg" ? { [P.overagePrice]: plan.commit.overagePriceUsd ?? plan.priceUsd } : {}),
      ...(meteredAs === undefined ? {} : { [P.meteredAs]: meteredAs, [P.included]: seatIncludedPerYear(plan) }),
      [P.asOf]: plan.asOf,
      [P.source]: plan.source,
    };
  });
}

/** Places blocks down column A from row 4, a blank row between; a chart takes the rows it is given. */
class Rows {
  private row = 4;
  readonly blocks: Block[] = [];
  anchor(): string {
    return `A${this.row}`;
  }
  push<B extends Exclude<Block, ChartBlock>>(block: B): B {
    this.blocks.push(block);
    this.row += blockHeight(block) + 1;
    return block;
  }
  chart(make: (top: number) => ChartBlock, height: number): void {
    this.blocks.push(make(this.row));
    this.row += height + 1;
  }
}

export function vendorsSheet(options: TemplateOptions): SheetSpec {
  const rows = new Rows();
  const planRows = vendorPlanRows(options.asOf);
  rows.push<CellBlock>({
    kind: "cells",
    anchor: rows.anchor(),
    heading: "Volume, from the Jobs (through the Pricing and ROI sheets)",
    cells: [
      output("Conversations a month", VENDOR_NAMES.conversations, name("InteractionsPerMonth"), "count", M.conversations),
      output("Actions a month", VENDOR_NAMES.actions, name("TotalActionsPerMonth"), "count", M.actions),
      output("Resolution rate", VENDOR_NAMES.resolutionRate, name("ResolutionRate"), "percent", M.resolutionRate),
      output("Resolved conversations a month", VENDOR_NAMES.resolved, mul(name(VENDOR_NAMES.conversations), name(VENDOR_NAMES.resolutionRate)), "count", M.resolved),
      output("Licensed users", VENDOR_NAMES.users, name("LicensedUsers"), "count", M.users),
      output("Forecast uncertainty (relative)", VENDOR_NAMES.uncertainty, name("CommitUncertainty"), "percent", M.uncertainty),
      output("Human cost per case", VENDOR_NAMES.humanCost, name("HumanCostPerCase"), "usd", M.humanCost),
    ],
  });
  const cost = wholeCol(COMPARISON, "Monthly cost");
  rows.push<CellBlock>({
    kind: "cells",
    anchor: rows.anchor(),
    heading: "The cheapest plan for this volume",
    cells: [
      output("Cheapest plan", VENDOR_NAMES.cheapest, call("INDEX", wholeCol(COMPARISON, P.plan), call("MATCH", call("MIN", cost), cost, num(0))), "general", M.cheapest),
      output("Its monthly cost", VENDOR_NAMES.cheapestCost, call("MIN", cost), "usd", M.cheapestCost),
    ],
  });

  const V = (column: string): Expr => planOf(COMPARISON, column);
  const C = (column: string): Expr => col(COMPARISON, column);
  const keys = planRows.map((row) => ({ [P.plan]: row[P.plan] as string }));
  // The commitments: the plans with one (a plan without pays as used, its cost the comparison's).
  const committed = keys.filter((_, i) => planRows[i]?.[P.commitment] !== COMMIT_PERIODS[0]);
  const comparison = rows.push<TableBlock>({
    kind: "table",
    name: COMPARISON,
    anchor: rows.anchor(),
    heading: M.comparisonHeading,
    columns: [
      { header: P.plan, kind: "input", format: "text" },
      { header: "Vendor", kind: "formula", format: "general", formula: V(P.vendor) },
      { header: "What it bills", kind: "formula", format: "general", formula: V(P.bills) },
      { header: "Events billed a month", kind: "formula", format: "count", formula: eventsBilled(C("What it bills")) },
      { header: UNITS_MONTHLY, kind: "formula", format: "count", formula: mul(C("Events billed a month"), V(P.units)) },
      {
        header: "Seats' metered use a month",
        kind: "formula",
        format: "usd",
        // A seat plan whose agents' use bills as another plan's units: those units a month, less the allowance, at that plan's price.
        formula: meteredUseCost(C(P.plan), { conversations: name(VENDOR_NAMES.conversations), actions: name(VENDOR_NAMES.actions) }, name(VENDOR_NAMES.resolutionRate)),
      },
      // planCostUsd's order: units × price ÷ the units priced.
      { header: "Monthly cost", kind: "formula", format: "usd", formula: add(div(mul(C(UNITS_MONTHLY), V(P.price)), V(P.perUnits)), C("Seats' metered use a month")) },
      { header: "Annual cost", kind: "formula", format: "usdWhole", formula: mul(C("Monthly cost"), num(12)) },
      {
        header: "Cost per resolved case",
        kind: "formula",
        format: "usd",
        formula: call("IF", eq(name(VENDOR_NAMES.resolved), num(0)), call("NA"), div(C("Monthly cost"), name(VENDOR_NAMES.resolved))),
      },
      { header: "Cost vs cheapest", kind: "formula", format: "ratio", formula: call("IF", eq(call("MIN", cost), num(0)), call("NA"), div(C("Monthly cost"), call("MIN", cost))) },
    ],
    rows: keys,
    exampleRows: 0,
    totalRow: false,
  });
  rows.chart(
    (top): ChartBlock => ({
      kind: "chart",
      title: M.chartTitle,
      type: "bar",
      from: `A${top}`,
      to: `G${top + 19}`,
      categories: tableColumnRange(comparison, P.plan),
      values: tableColumnRange(comparison, "Monthly cost"),
      seriesName: "Monthly cost",
    }),
    20,
  );

  const K = (column: string): Expr => planOf(COMMITMENTS, column);
  const R = (column: string): Expr => col(COMMITMENTS, column);
  const period = K(P.commitment);
  const beyond = K(P.beyond);
  const [none, month, year, term] = COMMIT_PERIODS;
  const [, payg, hardStop] = OVERAGE_RULES;
  const unitsMonthly = call("INDEX", wholeCol(COMPARISON, UNITS_MONTHLY), call("MATCH", R(P.plan), wholeCol(COMPARISON, P.plan), num(0)));
  // Periods in the year's forecast: twelve monthly resets, or one pool.
  const periods = call("IF", eq(period, str(month)), num(12), num(1));
  const mu = R("Expected use a period");
  const q = R(BEST);
  const sigma = mul(name(VENDOR_NAMES.uncertainty), mu);
  const k = div(sub(q, mu), sigma);
  const density = call("NORM.S.DIST", k, bool(false));
  const below = call("NORM.S.DIST", k, bool(true));
  const rule = concat(
    call("IF", eq(period, str(none)), str(M.rules.none), call("IF", eq(period, str(month)), str(M.rules.month), call("IF", eq(period, str(year)), str(M.rules.year), call("IF", eq(period, str(term)), str(M.rules.term), period)))),
    call("IF", eq(period, str(none)), str(""), call("IF", eq(beyond, str(payg)), str(M.rules.payg), call("IF", eq(beyond, str(hardStop)), str(M.rules.hardStop), str("")))),
  );
  rows.push<TableBlock>({
    kind: "table",
    name: COMMITMENTS,
    anchor: rows.anchor(),
    heading: M.commitmentsHeading,
    columns: [
      { header: P.plan, kind: "input", format: "text" },
      { header: "Unit", kind: "formula", format: "general", formula: K(P.unit) },
      { header: "Rule", kind: "formula", format: "general", formula: rule },
      // A monthly reset's period is a month; an annual or term pool's, the year (the forecast's 12 months).
      { header: "Expected use a period", kind: "formula", format: "count", formula: call("IF", eq(period, str(month)), unitsMonthly, mul(unitsMonthly, num(FORECAST_MONTHS))) },
      { header: "Committed price", kind: "formula", format: "usd", formula: K(P.price) },
      {
        header: "Price beyond it",
        kind: "formula",
        format: "usd",
        // A hard stop's price of a unit short: the case it leaves to people, one per standard event.
        formula: call("IF", eq(beyond, str(payg)), K(P.overagePrice), call("IF", eq(beyond, str(hardStop)), div(mul(name(VENDOR_NAMES.humanCost), K(P.perUnits)), K(P.units)), K(P.price))),
      },
      { header: PRICES_PER, kind: "formula", format: "count", formula: K(P.perUnits) },
      // The critical ratio: the chance the best commitment covers a period's use.
      {
        header: "Chance it covers a period",
        kind: "formula",
        format: "percent",
        formula: call("IF", call("OR", eq(period, str(none)), le(R("Price beyond it"), R("Committed price"))), num(0), div(sub(R("Price beyond it"), R("Committed price")), R("Price beyond it"))),
      },
      {
        header: BEST,
        kind: "formula",
        format: "count",
        formula: call(
          "IF",
          call("OR", eq(R("Chance it covers a period"), num(0)), eq(mu, num(0))),
          num(0),
          call("IF", eq(name(VENDOR_NAMES.uncertainty), num(0)), mu, call("MAX", num(0), mul(mu, add(num(1), mul(call("NORM.S.INV", R("Chance it covers a period")), name(VENDOR_NAMES.uncertainty)))))),
        ),
      },
      {
        header: WASTE,
        kind: "formula",
        format: "count",
        formula: mul(
          periods,
          call("IF", eq(q, num(0)), num(0), call("IF", eq(sigma, num(0)), call("MAX", num(0), sub(q, mu)), call("MAX", num(0), mul(sigma, add(density, mul(k, below)))))),
        ),
      },
      {
        header: OVERAGE,
        kind: "formula",
        format: "count",
        formula: mul(
          periods,
          call("IF", eq(q, num(0)), mu, call("IF", eq(sigma, num(0)), call("MAX", num(0), sub(mu, q)), call("MAX", num(0), mul(sigma, sub(density, mul(k, sub(num(1), below))))))),
        ),
      },
      {
        header: "Expected cost a year",
        kind: "formula",
        format: "usdWhole",
        formula: div(add(mul(mul(periods, q), R("Committed price")), mul(R(OVERAGE), R("Price beyond it"))), R(PRICES_PER)),
      },
    ],
    rows: committed,
    exampleRows: 0,
    totalRow: false,
  });

  rows.push<TableBlock>({
    kind: "table",
    name: PLANS,
    anchor: rows.anchor(),
    heading: M.plansHeading(options.asOf),
    columns: [
      { header: P.plan, kind: "input", format: "text" },
      { header: P.vendor, kind: "input", format: "text" },
      { header: P.unit, kind: "input", format: "text" },
      { header: P.bills, kind: "input", format: "text", validation: { kind: "list", choices: PLAN_CHARGES, prompt: M.billsPrompt } },
      { header: P.price, kind: "input", format: "usd", validation: amount(M.pricePrompt) },
      { header: P.perUnits, kind: "input", format: "count", validation: { kind: "decimal", min: 1e-9, prompt: M.unitsPrompt } },
      { header: P.unitPrice, kind: "formula", format: "general", formula: div(col(PLANS, P.price), col(PLANS, P.perUnits)) },
      { header: P.event, kind: "input", format: "text" },
      { header: P.units, kind: "input", format: "decimal", validation: amount(M.eventPrompt) },
      { header: P.commitment, kind: "input", format: "text", validation: { kind: "list", choices: COMMIT_PERIODS, prompt: M.commitPrompt } },
      { header: P.beyond, kind: "input", format: "text", validation: { kind: "list", choices: OVERAGE_RULES, prompt: M.overagePrompt } },
      { header: P.overagePrice, kind: "input", format: "usd", validation: amount(M.pricePrompt) },
      { header: P.meteredAs, kind: "input", format: "text" },
      { header: P.included, kind: "input", format: "count", validation: amount(M.includedPrompt) },
      { header: P.asOf, kind: "input", format: "text" },
      { header: P.source, kind: "input", format: "text" },
    ],
    rows: planRows,
    exampleRows: 0,
    totalRow: false,
  });

  return {
    name: SHEETS.vendors,
    purpose: M.purpose,
    tabColor: "7030A0",
    columnWidths: [28, 20, 38, 14, 14, 14, 14, 16, 14, 14, 14, 14, 16, 14, 24, 80],
    blocks: rows.blocks,
    conditionalFormats: [],
    freeze: panes(rows.blocks),
  };
}

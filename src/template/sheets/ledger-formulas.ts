/**
 * The native formulas the Ledger and Wallet sheets compute over the imported usage log
 * (docs/model.md §9): what units cost under the chosen pricing model, a ratio that is blank
 * when it does not exist, and the least-squares burn trend of a daily history with its
 * forecast in closed form, exactly as the engine's `burnTrend` and `trendBurnBetween` have
 * them. Native SUMIFS, SUMPRODUCT and arithmetic only, so the portable export computes the
 * same figures where the add-in is not installed (LibreOffice included).
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { LEDGER_WORKBOOK } from "./ledger-tables";
import { PLAN_IN_USE, usesPlan, usesSeatPlan } from "./plan-formulas";
import { add, bool, call, concat, div, eq, gt, le, lt, ge, mul, name, neg, num, str, sub, wholeCol, type Expr } from "../model/formula";

type LedgerColumn = (typeof LEDGER_WORKBOOK.ledger.columns)[number];

/** A whole column of the imported Ledger table. */
export const L = (column: LedgerColumn): Expr => wholeCol(LEDGER_WORKBOOK.ledger.table, column);

/** SUMIFS criteria: the Ledger rows without a cost of their own (Cost blank), priced by their units under the pricing model. */
export const pricedByUnits = (): Expr[] => [L("Cost"), str("=")];

/**
 * What `units` of the ledger cost under the Inputs sheet's pricing model (docs/model.md §9.3):
 * units of rows without a cost of their own. Per user, the seats are shared among those rows' units.
 */
export function ledgerCost(units: Expr): Expr {
  const allUnits = call("SUMIFS", L("Units"), ...pricedByUnits());
  const shareOf = (usdPerMonth: Expr): Expr => call("IF", eq(allUnits, num(0)), num(0), div(mul(mul(usdPerMonth, name("LedgerMonths")), units), allUnits));
  return call(
    "IF",
    usesPlan(),
    // A vendor plan: units are the plan's units at its price; a seat plan's bill (at the Jobs' volume) is shared as per-user seats are.
    call("IF", usesSeatPlan(), shareOf(name(PLAN_IN_USE.seats)), mul(units, name(PLAN_IN_USE.usdPerUnit))),
    call(
    "IF",
    eq(name("PricingModel"), str(PRICING_MODEL_NAMES.perConversation)),
    // Units are the conversations billed.
    mul(units, name("PricePerConversation")),
    call(
      "IF",
      eq(name("PricingModel"), str(PRICING_MODEL_NAMES.perUser)),
      // The seats' cost for the period, shared in proportion to units.
      call("IF", eq(allUnits, num(0)), num(0), div(mul(mul(mul(name("LicensedUsers"), name("LedgerMonths")), name("PricePerUserMonth")), units), allUnits)),
      // Flex: units are credits.
      mul(div(mul(units, name("PricePer100kCredits")), num(100000)), sub(num(1), name("PrepurchaseDiscount"))),
    ),
    ),
  );
}

/**
 * The USD of the Ledger rows meeting `criteria` (all rows without): each row's own cost where it
 * has one (stated, or its tokens priced on import), plus the units of the others under the
 * pricing model, as the engine's recordCostsUsd.
 */
export function ledgerCostWhere(...criteria: Expr[]): Expr {
  const own = criteria.length === 0 ? call("SUM", L("Cost")) : call("SUMIFS", L("Cost"), ...criteria);
  return add(own, ledgerCost(call("SUMIFS", L("Units"), ...criteria, ...pricedByUnits())));
}

/**
 * The actions of the Ledger rows meeting `criteria` (without, every row with a status: never the
 * empty table's blank row): Σ Count, an aggregated row being its count of actions, and a row whose Count is
 * blank (typed by hand, or written before the column) one action, as the engine reads it back.
 */
export function actionsWhere(...criteria: Expr[]): Expr {
  const given = criteria.length > 0 ? criteria : [L("Status"), str("<>")];
  return add(call("SUMIFS", L("Count"), ...given), call("COUNTIFS", ...given, L("Count"), str("=")));
}

/** A ratio that does not exist when its divisor is 0: blank (docs/model.md §9.2). */
export const ratio = (numerator: Expr, divisor: Expr): Expr => call("IF", eq(divisor, num(0)), str(""), div(numerator, divisor));
export const isNum = (e: Expr): Expr => call("ISNUMBER", e);
/** A test on a figure that may be blank: FALSE when it is. */
export const whenNumber = (e: Expr, test: Expr): Expr => call("IF", isNum(e), test, bool(false));

/**
 * A name as a pattern that matches only itself: the wildcards * and ? and their escape ~
 * escaped (~*, ~?, ~~), as MATCH and SUMIFS/COUNTIFS read every text they are given.
 */
export const literalPattern = (nameExpr: Expr): Expr =>
  call("SUBSTITUTE", call("SUBSTITUTE", call("SUBSTITUTE", nameExpr, str("~"), str("~~")), str("*"), str("~*")), str("?"), str("~?"));

/**
 * A SUMIFS/COUNTIFS criterion matching a name exactly, in any case as the engine groups
 * names (docs/model.md §9.10): wildcards escaped, and "=" first so that a name starting
 * with <, > or = is compared, not read as an operator. A blank name would match blank cells:
 * callers give a blank name nothing.
 */
export const exactly = (nameExpr: Expr): Expr => concat(str("="), literalPattern(nameExpr));

/** SUMIFS/COUNTIFS criteria: the rows of the Ledger whose `column` is the name, exactly. */
export const whereName = (column: LedgerColumn, nameExpr: Expr): Expr[] => [L(column), exactly(nameExpr)];

/** The position of a name in a column, exactly (MATCH type 0 reads wildcards too), or #N/A. */
export const matchName = (nameExpr: Expr, within: Expr): Expr => call("MATCH", literalPattern(nameExpr), within, num(0));

/** SUMIFS/COUNTIFS criteria: a Ledger timestamp on or after `from` and before `to` (day serials). */
export const timestampsBetween = (from: Expr, to: Expr): Expr[] => [L("Timestamp"), concat(str(">="), from), L("Timestamp"), concat(str("<"), to)];

/**
 * Σ day index × units over the ledger rows from day `start` through day `through` (index 0
 * = `start`), the rows also passing `where` (a 0/1 array, e.g. one team's): with the units'
 * sum it is all a least-squares line over the daily history needs, quiet days included.
 */
export function dayWeightedUnits(start: Expr, through: Expr, where?: Expr): Expr {
  const ts = L("Timestamp");
  const inside = mul(ge(ts, start), lt(ts, add(through, num(1))));
  return call("SUMPRODUCT", mul(mul(where ? mul(where, inside) : inside, L("Units")), sub(call("INT", ts), start)));
}

/** The line's value on the day after the history, Σy ÷ n + slope × (n + 1) ÷ 2, given the slope (a cell, so the line is computed once). */
export function nextDayBurn(days: Expr, sumUnits: Expr, slope: Expr): Expr {
  return call("IF", eq(days, num(0)), num(0), add(div(sumUnits, days), div(mul(slope, add(days, num(1))), num(2))));
}

/**
 * The slope of the least-squares line through (0, y0) … (n−1, y(n−1)) from n, Σy and
 * Σ index × y: (Σxy − Σx Σy ÷ n) ÷ (n(n² − 1) ÷ 12); 0 for fewer than two days, so one day
 * is a constant burn and no day no burn (engine: leastSquaresLine, burnTrend).
 */
export function trendSlope(days: Expr, sumUnits: Expr, sumDayUnits: Expr): Expr {
  const sumDays = div(mul(days, sub(days, num(1))), num(2));
  return call("IF", lt(days, num(2)), num(0), div(sub(sumDayUnits, div(mul(sumDays, sumUnits), days)), div(mul(days, sub(mul(days, days), num(1))), num(12))));
}

/**
 * Σ max(0, r0 + s × k) for k from `from` up to (not including) `to`: the trend's burn over
 * those days after the history, in closed form as the engine's trendBurnBetween (a falling
 * trend burns until its root, a rising one from it).
 */
export function trendBurnBetween(r0: Expr, s: Expr, from: Expr, to: Expr): Expr {
  const start = call("IF", call("AND", gt(s, num(0)), le(r0, num(0))), call("MAX", from, add(call("INT", div(neg(r0), s)), num(1))), from);
  const end = call("IF", lt(s, num(0)), call("MIN", to, call("IF", gt(r0, num(0)), call("ROUNDUP", div(neg(r0), s), num(0)), num(0))), to);
  const days = sub(end, start);
  return call(
    "IF",
    call("AND", eq(s, num(0)), call("NOT", gt(r0, num(0)))),
    num(0),
    call("IF", le(end, start), num(0), add(mul(days, r0), div(mul(mul(s, sub(add(start, end), num(1))), days), num(2)))),
  );
}

/**
 * The first day of the trend (0 = the day after the history) that burns something: a rising
 * line that starts at or below 0 burns from the day after its root (engine: daysToDepletionTrend).
 */
export const firstBurningDay = (r0: Expr, s: Expr): Expr => call("IF", call("AND", gt(s, num(0)), le(r0, num(0))), add(call("INT", div(neg(r0), s)), num(1)), num(0));

/**
 * Whether the trend never spends `balance` (above 0): a flat line at or below 0, or a falling
 * one whose burn on days 0 … E − 1, E = ⌈−r0 ÷ s⌉ the first day at or below 0, is short of
 * the balance (engine: the "trendEnds" failure).
 */
export function trendNeverSpends(balance: Expr, r0: Expr, s: Expr): Expr {
  const days = call("ROUNDUP", div(neg(r0), s), num(0));
  const burned = add(mul(days, r0), div(mul(mul(s, days), sub(days, num(1))), num(2)));
  return call("IF", gt(s, num(0)), bool(false), call("IF", call("OR", eq(s, num(0)), le(r0, num(0))), le(r0, num(0)), lt(burned, balance)));
}

/**
 * The whole days the trend burns before `balance` runs out, counted from the day after the
 * history: the last day k with Σ_{j<k} max(0, r0 + s × j) below the balance, as the engine's
 * bisection finds it, here in closed form. From the first burning day a, whose burn is
 * `firstBurn` (c = r0 + s × a > 0), t days burn t × c + s × t(t − 1) ÷ 2, a quadratic whose
 * root t* = 2B ÷ (q + √(q² + 2sB)), q = c − s ÷ 2, is written in the form that does not
 * cancel (q ≥ 0; a rising line with q < 0 takes (√(q² + 2sB) − q) ÷ s); k = a + ⌈t*⌉ − 1.
 * #N/A when the trend never spends the balance; 0 when the balance is 0.
 */
export function trendDepletionWholeDays(balance: Expr, r0: Expr, s: Expr, firstDay: Expr, firstBurn: Expr): Expr {
  const q = sub(firstBurn, div(s, num(2)));
  const root = call("SQRT", call("MAX", num(0), add(mul(q, q), mul(mul(num(2), s), balance))));
  const crossing = call("IF", ge(q, num(0)), div(mul(num(2), balance), add(q, root)), div(sub(root, q), s));
  const wholeDays = add(firstDay, call("MAX", num(0), sub(call("ROUNDUP", crossing, num(0)), num(1))));
  return call("IF", eq(balance, num(0)), num(0), call("IF", trendNeverSpends(balance, r0, s), call("NA"), wholeDays));
}

/**
 * Days from the day after the history until `balance` runs out, given the whole days k
 * before (trendDepletionWholeDays): k, then the part of day k's burn that is left, as the
 * engine has it. With t = k − a burning days before it, they burned t × c + s × t(t − 1) ÷ 2
 * and day k burns c + s × t.
 */
export function trendDepletionDays(balance: Expr, s: Expr, firstDay: Expr, firstBurn: Expr, wholeDays: Expr): Expr {
  const t = sub(wholeDays, firstDay);
  const burned = add(mul(t, firstBurn), div(mul(mul(s, t), sub(t, num(1))), num(2)));
  return call("IF", eq(balance, num(0)), num(0), add(wholeDays, div(sub(balance, burned), add(firstBurn, mul(s, t)))));
}

/**
 * Portable formulas: each AWU call expanded into the native Excel formula that computes the
 * same result, so a saved workbook works where the add-in is not installed (Excel without
 * it, LibreOffice). Bounds, defaults and refusals are read from the catalog's declarations
 * (catalog.ts), so an expansion refuses (#VALUE!) exactly the arguments the function refuses
 * and gives #N/A where it finds no result. Omitted arguments become today's default as a
 * number. A call with no native equivalent throws NotPortable: the file writer then writes
 * the value the engine computes instead.
 *
 * Known differences, all about cells rather than arguments given in the formula: a
 * referenced empty cell reads as 0 here, where the AWU function takes an optional
 * parameter's default or calls a required one empty; a blank inside a list counts as 0,
 * and two lists must be ranges of one size (SUMPRODUCT), where the function first drops
 * trailing blanks; ALERT words a threshold held in a cell to 10 decimals of a percent,
 * the function to 12 significant digits. TOKENCOST is portable only with the input price
 * written in the formula as a number: a cell may hold a model name, priced from the rate card.
 */
import { LAST_EXCEL_SERIAL, formatThreshold, type Bounds } from "../../engine";
import { specOf, todaysRates } from "../../functions/catalog";
import { SHARE_SUM_TOLERANCE, type Param } from "../../functions/params";
import { parseAddress, address as cellAddress } from "../model/address";
import {
  add,
  call,
  concat,
  div,
  eq,
  errorLiteral,
  ge,
  gt,
  le,
  lt,
  mul,
  ne,
  num,
  str,
  sub,
  type AwuRenderer,
  type Expr,
  type RenderOptions,
} from "../model/formula";

/** An AWU call with no native Excel formula: write its value instead. */
export class NotPortable extends Error {
  constructor(
    readonly fn: string,
    readonly reason: string,
  ) {
    super(`AWU.${fn} has no portable formula: ${reason}.`);
    this.name = "NotPortable";
  }
}

const VALUE_ERROR = errorLiteral("#VALUE!");
const NOT_AVAILABLE = call("NA");
const CREDITS_PER_PRICE_BLOCK = 100_000;
const MINUTES_PER_HOUR = 60;
const MONTHS_PER_YEAR = 12;
const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** A rate-card default, read as today's number. */
const todaysRate = (key: string): number => todaysRates.value(key);

/** The conditions under which `x` breaks the bounds (none when it has none). */
function breaks(x: Expr, bounds: Bounds): Expr[] {
  const parts: Expr[] = [];
  if (bounds.min !== undefined) parts.push(bounds.minExclusive ? le(x, num(bounds.min)) : lt(x, num(bounds.min)));
  if (bounds.max !== undefined) parts.push(bounds.maxExclusive ? ge(x, num(bounds.max)) : gt(x, num(bounds.max)));
  return parts;
}

function outOfBounds(x: number, b: Bounds): boolean {
  return (b.min !== undefined && (b.minExclusive ? x <= b.min : x < b.min)) || (b.max !== undefined && (b.maxExclusive ? x >= b.max : x > b.max));
}

/** A range given whole (a table column, or an A1 range): a list, never one number. */
const isRange = (e: Expr): boolean => (e.op === "column" && !e.thisRow) || (e.op === "ref" && e.address.includes(":"));

/** An expression that can only be a number: a numeric literal or arithmetic on anything. */
const isNumeric = (e: Expr): boolean =>
  e.op === "num" || e.op === "negate" || e.op === "percent" || (e.op === "binary" && ["+", "-", "*", "/", "^"].includes(e.operator));

/**
 * The arguments of one call checked against the function's parameters: each argument (an
 * omitted one replaced by its default) and the conditions under which the function refuses.
 */
class Checked {
  readonly refusals: Expr[] = [];
  /** Refused whatever the cells hold: a literal out of bounds, text given for a number, a required argument left out. */
  refusedAlways = false;
  private readonly values = new Map<string, Expr>();

  constructor(
    readonly fn: string,
    args: readonly (Expr | null)[],
    /** Parameters the caller checks itself (lists read specially, a number-or-text). */
    own: readonly string[] = [],
  ) {
    specOf(fn).params.forEach((param, i) => {
      const arg = args[i] ?? null;
      if (own.includes(param.name)) {
        if (arg) this.values.set(param.name, arg);
        return;
      }
      const value = this.check(param, arg);
      if (value) this.values.set(param.name, value);
    });
  }

  /** The argument for a parameter; its default when omitted. */
  arg(name: string): Expr {
    const value = this.values.get(name);
    if (!value) throw new Error(`AWU.${this.fn}: no argument ${name}`);
    return value;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  refuseWhen(condition: Expr): void {
    this.refusals.push(condition);
  }

  /** The expansion: #VALUE! where the function refuses an argument, the body otherwise. */
  expand(body: () => Expr): Expr {
    if (this.refusedAlways) return VALUE_ERROR;
    const result = body();
    if (this.refusals.length === 0) return result;
    const refused = this.refusals.length === 1 ? (this.refusals[0] as Expr) : call("OR", ...this.refusals);
    return call("IF", refused, VALUE_ERROR, result);
  }

  private check(param: Param, arg: Expr | null): Expr | undefined {
    if (arg === null) {
      if (!param.optional) this.refusedAlways = true;
      if (param.kind === "number" && param.default !== undefined)
        return num(typeof param.default === "number" ? param.default : param.default.value(todaysRate));
      return undefined;
    }
    if (param.kind === "text") return arg;
    // Text or TRUE/FALSE typed where a number belongs: the function refuses it (Excel would coerce "5").
    if (arg.op === "str" || arg.op === "bool") {
      this.refusedAlways = true;
      return arg;
    }
    if (param.kind === "number" || param.kind === "numberOrText") {
      if (arg.op === "num") {
        if (outOfBounds(arg.value, param.bounds)) this.refusedAlways = true;
        return arg;
      }
      this.refusals.push(...breaks(arg, param.bounds));
      return arg;
    }
    // A list: every value within bounds, and at least one value.
    if (arg.op === "num") {
      if (outOfBounds(arg.value, param.bounds)) this.refusedAlways = true;
      return arg;
    }
    const { min, max } = param.bounds;
    if (min !== undefined) this.refusals.push(...breaks(call("MIN", arg), { ...param.bounds, max: undefined }));
    if (max !== undefined) this.refusals.push(...breaks(call("MAX", arg), { ...param.bounds, min: undefined }));
    this.refusals.push(eq(call("COUNT", arg), num(0)));
    return arg;
  }
}

/** USD per action under Flex Credits, in the engine's order of operations (flexCostPerAction). */
const flexPerAction = (c: Checked): Expr =>
  mul(div(mul(c.arg("creditsPerAction"), c.arg("pricePer100k")), num(CREDITS_PER_PRICE_BLOCK)), sub(num(1), c.arg("discount")));

/** Blended cost per case, as blendedCostPerCase computes it. */
const blended = (humanCost: Expr, aiCost: Expr, resolutionRate: Expr, escalationSavings: Expr): Expr =>
  add(aiCost, mul(mul(sub(num(1), resolutionRate), humanCost), sub(num(1), escalationSavings)));

/** A threshold as ALERT words it ("75%"), computed in the cell: whole to 10 decimals of a percent. */
const thresholdText = (threshold: Expr): Expr => concat(call("ROUND", mul(threshold, num(100)), num(10)), str("%"));

/** Every cell of an A1 range on a sheet, row by row. */
function rangeCells(range: Expr & { op: "ref" }): Expr[] {
  const [from, to] = range.address.split(":") as [string, string];
  const a = parseAddress(from);
  const b = parseAddress(to);
  const cells: Expr[] = [];
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++)
    for (let column = Math.min(a.column, b.column); column <= Math.max(a.column, b.column); column++)
      cells.push({ op: "ref", sheet: range.sheet, address: cellAddress({ row, column }, { row: true, column: true }) });
  return cells;
}

/** ALERT: the highest threshold the used share has reached, in words, or "OK". */
function alert(args: readonly (Expr | null)[]): Expr {
  const c = new Checked("ALERT", args, ["thresholds"]);
  const used = div(c.arg("consumed"), c.arg("allocation"));
  const given = args[2] ?? null;
  if (given === null || given.op === "num") {
    // Thresholds known now: a nested IF from the highest down, with the function's own words.
    const param = specOf("ALERT").params[2];
    const thresholds = given === null ? (param?.kind === "list" ? (param.default ?? []) : []) : [given.value];
    if (thresholds.some((t) => !(t > 0))) return VALUE_ERROR;
    const descending = [...new Set(thresholds)].sort((x, y) => y - x);
    return c.expand(() => descending.reduceRight<Expr>((otherwise, t) => call("IF", ge(used, num(t)), str(formatThreshold(t)), otherwise), str("OK")));
  }
  if (given.op === "str" || given.op === "bool") return VALUE_ERROR;
  let crossed: Expr;
  if (given.op === "column" && !given.thisRow) {
    // A table column of thresholds: SUMPRODUCT evaluates the comparison over the column without an array formula.
    c.refuseWhen(le(call("MIN", given), num(0)));
    crossed = call("SUMPRODUCT", call("MAX", mul(le(given, used), given)));
  } else {
    const cells = given.op === "ref" && given.address.includes(":") ? rangeCells(given) : [given];
    for (const t of cells) c.refuseWhen(le(t, num(0)));
    crossed = call("MAX", ...cells.map((t) => call("IF", ge(used, t), t, num(0))));
  }
  return c.expand(() => call("IF", eq(crossed, num(0)), str("OK"), thresholdText(crossed)));
}

/** DEPLETION with one constant burn per day: the start date plus balance ÷ burn. */
function depletion(args: readonly (Expr | null)[]): Expr {
  const burnArg = args[1] ?? null;
  if (burnArg && isRange(burnArg)) throw new NotPortable("DEPLETION", "a usage history is forecast by its trend, which needs the engine");
  // One burn rate, checked as the number it is (the catalog's list of one).
  const c = new Checked("DEPLETION", args, ["burnPerDay"]);
  const balance = c.arg("balance");
  if (!burnArg || burnArg.op === "str" || burnArg.op === "bool" || (burnArg.op === "num" && burnArg.value < 0)) return VALUE_ERROR;
  const burn = burnArg;
  if (burn.op !== "num") c.refuseWhen(lt(burn, num(0)));
  const start = c.arg("startDate");
  const depleted = add(start, div(balance, burn));
  return c.expand(() =>
    call("IF", eq(balance, num(0)), start, call("IF", eq(burn, num(0)), NOT_AVAILABLE, call("IF", gt(depleted, num(LAST_EXCEL_SERIAL + 1)), NOT_AVAILABLE, depleted))),
  );
}

/** COMMIT: the newsvendor quantity, as commitCredits computes it. */
function commit(args: readonly (Expr | null)[]): Expr {
  const c = new Checked("COMMIT", args);
  const expected = call("SUM", c.arg("monthlyForecast"));
  const prepaid = c.arg("prepaidPrice");
  const payg = c.arg("paygPrice");
  const uncertainty = c.arg("uncertainty");
  // The catalog refuses a pay-as-you-go price below the prepaid one.
  if (payg.op === "num" && prepaid.op === "num") {
    if (payg.value < prepaid.value) c.refusedAlways = true;
  } else c.refuseWhen(lt(payg, prepaid));
  const z = call("NORM.S.INV", div(sub(payg, prepaid), payg));
  return c.expand(() =>
    call(
      "IF",
      call("OR", eq(expected, num(0)), eq(payg, prepaid)),
      num(0),
      call("IF", eq(uncertainty, num(0)), expected, call("MAX", num(0), mul(expected, add(num(1), mul(z, uncertainty))))),
    ),
  );
}

/** TOKENCOST with the input price given as a number; a model name is looked up in the rate card (not portable). */
function tokenCost(args: readonly (Expr | null)[]): Expr {
  const model = args[2] ?? null;
  if (model && !isNumeric(model))
    throw new NotPortable("TOKENCOST", model.op === "str" ? "a model's prices are looked up in the rate card" : "the model may be a name looked up in the rate card");
  const c = new Checked("TOKENCOST", args);
  // A price per 1M input tokens needs the output price too.
  if (!c.has("outputPricePerM")) return VALUE_ERROR;
  return c.expand(() =>
    mul(
      div(add(mul(c.arg("inputTokens"), c.arg("model")), mul(c.arg("outputTokens"), c.arg("outputPricePerM"))), num(TOKENS_PER_PRICE_UNIT)),
      c.arg("retryMultiplier"),
    ),
  );
}

type Expansion = (args: readonly (Expr | null)[]) => Expr;

/** A function whose arguments are all checked the same way, with its formula over them. */
const simple =
  (fn: string, body: (c: Checked) => Expr): Expansion =>
  (args) => {
    const c = new Checked(fn, args);
    return c.expand(() => body(c));
  };

const EXPANSIONS: Readonly<Record<string, Expansion>> = {
  FLEXCOST: simple("FLEXCOST", (c) =>
    mul(div(mul(mul(c.arg("actions"), c.arg("creditsPerAction")), c.arg("pricePer100k")), num(CREDITS_PER_PRICE_BLOCK)), sub(num(1), c.arg("discount"))),
  ),
  CREDITS: simple("CREDITS", (c) => mul(c.arg("actions"), c.arg("creditsPerAction"))),
  CONVCOST: simple("CONVCOST", (c) => mul(c.arg("conversations"), c.arg("pricePerConversation"))),
  SEATCOST: simple("SEATCOST", (c) => mul(mul(c.arg("users"), c.arg("months")), c.arg("pricePerUserMonth"))),
  MIXACTIONS: simple("MIXACTIONS", (c) => {
    const shares = c.arg("shares");
    const actions = c.arg("actionsPerInteraction");
    // The catalog's list rules: shares add up to 1, one action count per share.
    c.refuseWhen(gt(call("ABS", sub(call("SUM", shares), num(1))), num(SHARE_SUM_TOLERANCE)));
    c.refuseWhen(ne(call("COUNT", shares), call("COUNT", actions)));
    return mul(c.arg("interactions"), call("SUMPRODUCT", shares, actions));
  }),
  CROSSOVER: simple("CROSSOVER", (c) => div(c.arg("pricePerConversation"), flexPerAction(c))),
  SEATBREAKEVEN: simple("SEATBREAKEVEN", (c) => div(c.arg("pricePerUserMonth"), flexPerAction(c))),
  TOKENCOST: tokenCost,
  HUMANCOST: simple("HUMANCOST", (c) =>
    div(
      mul(div(mul(mul(c.arg("hourlyWage"), add(num(1), c.arg("benefitsLoad"))), add(num(1), c.arg("overhead"))), c.arg("utilization")), c.arg("handleMinutes")),
      num(MINUTES_PER_HOUR),
    ),
  ),
  BLENDED: simple("BLENDED", (c) => blended(c.arg("humanCost"), c.arg("aiCost"), c.arg("resolutionRate"), c.arg("escalationSavings"))),
  BREAKEVEN: simple("BREAKEVEN", (c) => {
    const rate = sub(num(1), div(sub(num(1), div(c.arg("aiCost"), c.arg("humanCost"))), sub(num(1), c.arg("escalationSavings"))));
    return call("IF", call("OR", gt(rate, num(1)), lt(rate, num(0))), NOT_AVAILABLE, rate);
  }),
  PAYBACK: simple("PAYBACK", (c) => {
    const humanCost = c.arg("humanCost");
    const savings = mul(c.arg("annualCases"), sub(humanCost, blended(humanCost, c.arg("aiCost"), c.arg("resolutionRate"), c.arg("escalationSavings"))));
    return call("IF", le(savings, num(0)), NOT_AVAILABLE, div(c.arg("enablementCost"), div(savings, num(MONTHS_PER_YEAR))));
  }),
  BUILDVSBUY: simple("BUILDVSBUY", (c) => {
    const margin = sub(c.arg("buyPricePerCase"), c.arg("computePerCase"));
    return call("IF", le(margin, num(0)), NOT_AVAILABLE, div(c.arg("fixedAnnualCost"), margin));
  }),
  ALLIN: simple("ALLIN", (c) =>
    div(
      add(mul(c.arg("aiCostPerItem"), add(num(1), c.arg("rerunRate"))), mul(div(c.arg("reviewMinutes"), num(MINUTES_PER_HOUR)), c.arg("hourlyRate"))),
      c.arg("acceptanceRate"),
    ),
  ),
  DEPLETION: depletion,
  ALERT: alert,
  COMMIT: commit,
};

/** Why the functions without an expansion have none. */
const NO_EXPANSION: Readonly<Record<string, string>> = {
  RATE: "it reads the add-in's dated rate card",
  RATES: "it lists the add-in's rate card",
  COMPARE: "it returns a table",
  CHEAPEST: "it names the cheapest of a comparison the engine makes",
  RERUNLOOPS: "it finds bursts by walking each job's reruns in time order, which needs the engine",
};

/** The native formula for an AWU call, as an expression over the call's own arguments. */
export function expandAwu(fn: string, args: readonly (Expr | null)[]): Expr {
  const expansion = EXPANSIONS[fn];
  if (expansion) return expansion(args);
  specOf(fn); // an unknown function is a defect of the description, not a portability question
  throw new NotPortable(fn, NO_EXPANSION[fn] ?? "no native formula is known");
}

/** Renders an AWU call as its native expansion; throws NotPortable where there is none. */
export const renderPortableCall: AwuRenderer = (fn, args, render) => render(expandAwu(fn, args));

/** Formulas as stored in an .xlsx file, every AWU call expanded. */
export const PORTABLE_FILE: RenderOptions = { awuCall: renderPortableCall, syntax: "file" };
/** Formulas as typed into Excel's grid, every AWU call expanded. */
export const PORTABLE_GRID: RenderOptions = { awuCall: renderPortableCall, syntax: "grid" };

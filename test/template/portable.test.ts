/**
 * Each portable expansion computes what the AWU function computes: the expansion is
 * evaluated by a spreadsheet engine (HyperFormula) on many arguments, given both in cells
 * (the refusals are checked in the formula) and as literals (checked when written), and
 * compared with the catalog's own applyFunction(): the same number, the same text, or the same
 * kind of error (#VALUE! for a refused argument, #N/A for no result).
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { errorKind } from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { address } from "../../src/template/model/address";
import { awu, name, num, ref, renderExpr, str, wholeCol, type Expr } from "../../src/template/model/formula";
import { NotPortable, PORTABLE_FILE, PORTABLE_GRID, expandAwu } from "../../src/template/render/portable";

/** An argument: a number, omitted (null), or a list laid out along a row (null inside is a blank cell). */
type Arg = number | null | readonly (number | null)[];
type Outcome = number | string | { readonly error: "VALUE" | "NA" | "NUM" };

/** What the catalog gives, with Excel's argument shapes: a matrix per argument, null when omitted. */
function catalogResult(fn: string, args: readonly Arg[]): Outcome {
  const raw = args.map((a) => (a === null ? null : typeof a === "number" ? [[a]] : [a.map((v) => v)]));
  const cell = applyFunction(specOf(fn), raw, todaysRates, (problem) => {
    const kind = errorKind(problem);
    return { error: kind === "value" ? "VALUE" : kind === "notAvailable" ? "NA" : "NUM" } as const;
  })[0]?.[0];
  if (cell === undefined) throw new Error(`${fn}: no result`);
  return cell;
}

/** A seeded generator (mulberry32): the same cases every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AMOUNTS: readonly Arg[] = [0, 1, 2, 2.5, 8.37, 20, 125, 500, 666.67, 53000, 250000, 1e-3, -1, -0.5, 0.25];
const RATES: readonly Arg[] = [0, 0.2, 0.25, 0.6, 0.9, 1, 0.999, -0.1, 1.1];
const LISTS: Readonly<Record<string, readonly Arg[]>> = {
  shares: [[0.6, 0.3, 0.1], [0.5, 0.5], [1], [0.7, 0.4, -0.1], [0.5, 0.3, 0.1], [0.2, 0.2, 0.2, 0.4], [1.5, -0.5]],
  actionsPerInteraction: [[3, 7, 14], [0, 0, 0], [2, 5], [1, -1, 3], [10, 20, 30, 40], [3], [4, 6]],
  monthlyForecast: [[100, 200, 300], [0, 0, 0], [1e6], [-5, 10, 10], [1060000, 1060000, 1060000], [0.5]],
  thresholds: [null, [0.8, 1, 1.2], [0.9, 0.5, 0.75], [0.5], [0, 0.5], [1.2, 0.8, 1], [0.333, 0.125]],
};
/** Pools for particular parameters, where the generic ones would miss the interesting cases. */
const POOLS: Readonly<Record<string, readonly Arg[]>> = {
  "DEPLETION.burnPerDay": [0, 40000, 1.5, -1, 1e-9, 34849.3],
  "DEPLETION.startDate": [46349, 1, 0, 2958465, 2958466, 45000.5],
  "DEPLETION.balance": [5000000, 0, 1, -3, 1e9],
  "ALERT.consumed": [0, 7000000, 4200000, 3300000, 2500000, 12000000, 1, -1],
  "ALERT.allocation": [12000000, 6000000, 4000000, 2000000, 0, -1, 1],
  "COMMIT.prepaidPrice": [375, 500, 666.67, 0, -1, null],
  "COMMIT.paygPrice": [666.67, 500, 375, 1000, 0, null],
  "COMMIT.uncertainty": [0, 0.2, 0.3, 1, 5, -0.1, null],
  "TOKENCOST.retryMultiplier": [1, 2, 1.5, 0.5, null],
  "TOKENCOST.outputPricePerM": [3, 15, 0, -1, null],
  "HUMANCOST.utilization": [0.7, 1, 0, 0.5, 1.2, null],
  "ALLIN.acceptanceRate": [0.8, 1, 0, 0.5, 1.2],
  "BREAKEVEN.humanCost": [8.37, 2, 0, 1, 10],
  "BREAKEVEN.aiCost": [2, 8.37, 0, 1, 12],
};

const PORTABLE = [
  "FLEXCOST",
  "CREDITS",
  "CONVCOST",
  "SEATCOST",
  "MIXACTIONS",
  "CROSSOVER",
  "SEATBREAKEVEN",
  "TOKENCOST",
  "HUMANCOST",
  "BLENDED",
  "BREAKEVEN",
  "PAYBACK",
  "BUILDVSBUY",
  "ALLIN",
  "DEPLETION",
  "ALERT",
  "COMMIT",
] as const;

/** The published worked figures and the edges of each function, always included. */
const HAND_CASES: readonly { fn: string; args: readonly Arg[] }[] = [
  { fn: "FLEXCOST", args: [53000] },
  { fn: "FLEXCOST", args: [53000, null, null, 0.25] },
  { fn: "CREDITS", args: [53000] },
  { fn: "CONVCOST", args: [10000] },
  { fn: "SEATCOST", args: [50] },
  { fn: "MIXACTIONS", args: [10000, [0.6, 0.3, 0.1], [3, 7, 14]] },
  // Trailing blanks: the function drops them; SUMPRODUCT counts them as 0 (lists are columns of one table, the same size).
  { fn: "MIXACTIONS", args: [10000, [0.6, 0.4, null], [4, 6, null]] },
  { fn: "MIXACTIONS", args: [10000, [0.6, 0.4, null], [3, 7, 14]] },
  { fn: "CROSSOVER", args: [] },
  { fn: "SEATBREAKEVEN", args: [] },
  { fn: "CROSSOVER", args: [2, 20, 500, 1] },
  { fn: "TOKENCOST", args: [4000, 800, 0.5, 3] },
  { fn: "TOKENCOST", args: [12000, 2000, 3, 15, 2] },
  { fn: "TOKENCOST", args: [12000, 2000, 3] },
  { fn: "HUMANCOST", args: [] },
  { fn: "BLENDED", args: [8.37, 2, 0.6, 0.2] },
  { fn: "BREAKEVEN", args: [8.37, 2, 0] },
  { fn: "BREAKEVEN", args: [2, 8.37] },
  { fn: "BREAKEVEN", args: [8.37, 2, 0.9] },
  { fn: "PAYBACK", args: [250000, 100000, 8.37, 2, 0.6, 0.2] },
  { fn: "PAYBACK", args: [250000, 100000, 2, 8.37, 0.6] },
  { fn: "PAYBACK", args: [250000, 100000, 8.37, 8.37, 0] },
  { fn: "BUILDVSBUY", args: [500000, 2, 0.05] },
  { fn: "BUILDVSBUY", args: [500000, 2, 2] },
  { fn: "ALLIN", args: [0.1, 2, 40, 0.8, 0.25] },
  { fn: "ALLIN", args: [0.1, 2, 40, 0.8] },
  { fn: "DEPLETION", args: [5000000, 34849.3, 46349] },
  { fn: "DEPLETION", args: [0, 0, 46349] },
  { fn: "DEPLETION", args: [5000000, 0, 46349] },
  { fn: "DEPLETION", args: [1e9, 1e-3, 2958000] },
  { fn: "ALERT", args: [7000000, 12000000] },
  { fn: "ALERT", args: [12000000, 12000000] },
  { fn: "ALERT", args: [2500000, 2000000, [0.8, 1, 1.2]] },
  { fn: "ALERT", args: [1, 2000000, [0.8, 1, 1.2]] },
  { fn: "ALERT", args: [1000, 3000, [0.333]] },
  { fn: "COMMIT", args: [[1060000, 1060000, 1060000], 375, 666.67, 0.2] },
  { fn: "COMMIT", args: [[100, 200], 500, 500, 0.2] },
  { fn: "COMMIT", args: [[100, 200], 500, 666.67, 0] },
  { fn: "COMMIT", args: [[100, 200], 500, 400, 0.2] },
  { fn: "COMMIT", args: [[100, 200], 100, 1000, 5] },
  { fn: "COMMIT", args: [[100, 200]] },
];

function poolFor(fn: string, paramName: string): readonly Arg[] {
  const own = POOLS[`${fn}.${paramName}`] ?? LISTS[paramName];
  if (own) return own;
  const param = specOf(fn).params.find((p) => p.name === paramName);
  if (!param || param.kind === "text") throw new Error(`no pool for ${fn}.${paramName}`);
  const base = param.kind !== "list" && param.bounds.isRate ? RATES : AMOUNTS;
  // An optional argument is sometimes left out; a required one rarely (the function says it is missing).
  return param.optional ? [...base, null, null] : [...base, ...(paramName === "actions" ? [null] : [])];
}

function generatedCases(fn: string, count: number, seed: number): { fn: string; args: Arg[] }[] {
  const next = random(seed);
  const params = specOf(fn).params;
  return Array.from({ length: count }, () => ({
    fn,
    args: params.map((p) => {
      const pool = poolFor(fn, p.name);
      return pool[Math.floor(next() * pool.length)] ?? null;
    }),
  }));
}

const CASES = [...HAND_CASES, ...PORTABLE.flatMap((fn, i) => generatedCases(fn, 160, 1000 + i))];

// One sheet, one case a row: arguments in cells from column A (lists along the row), then the two formulas.
const SHEET = "S";
const FIRST_ARG_COLUMN = 1;
const CELLS_FORMULA_COLUMN = 30;
const LITERAL_FORMULA_COLUMN = 31;

function caseRow(c: { fn: string; args: readonly Arg[] }, row: number): (number | string | null)[] {
  const line: (number | string | null)[] = [];
  const cellArgs: (Expr | null)[] = [];
  const literalArgs: (Expr | null)[] = [];
  let column = FIRST_ARG_COLUMN;
  for (const [index, arg] of c.args.entries()) {
    // TOKENCOST's model is portable only as a number written in the formula (a cell may hold a model name).
    if (c.fn === "TOKENCOST" && index === 2 && typeof arg === "number") {
      cellArgs.push(num(arg));
      literalArgs.push(num(arg));
      continue;
    }
    if (arg === null) {
      cellArgs.push(null);
      literalArgs.push(null);
      continue;
    }
    const values = typeof arg === "number" ? [arg] : arg;
    const from = address({ row, column });
    values.forEach((v, i) => (line[column - 1 + i] = v));
    const to = address({ row, column: column + values.length - 1 });
    const cells = ref(SHEET, typeof arg === "number" ? from : `${from}:${to}`);
    cellArgs.push(cells);
    literalArgs.push(typeof arg === "number" ? num(arg) : cells);
    column += values.length;
  }
  while (line.length < LITERAL_FORMULA_COLUMN) line.push(null);
  for (let i = 0; i < line.length; i++) line[i] ??= null;
  line[CELLS_FORMULA_COLUMN - 1] = `=${renderExpr(awu(c.fn, ...cellArgs), PORTABLE_GRID)}`;
  line[LITERAL_FORMULA_COLUMN - 1] = `=${renderExpr(awu(c.fn, ...literalArgs), PORTABLE_GRID)}`;
  return line;
}

const hf = HyperFormula.buildFromSheets(
  { [SHEET]: CASES.map((c, i) => caseRow(c, i + 1)) },
  // Array arithmetic lets SUMPRODUCT evaluate a comparison over a range, as Excel and LibreOffice do.
  { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true, precisionEpsilon: 0 },
);
const sheetId = hf.getSheetId(SHEET) as number;

function engineResult(row: number, column: number): Outcome | { other: string } {
  const v = hf.getCellValue({ sheet: sheetId, row: row - 1, col: column - 1 });
  if (v instanceof DetailedCellError) return v.type === "VALUE" || v.type === "NA" || v.type === "NUM" ? { error: v.type } : { other: `${v.type} ${v.message}` };
  if (typeof v === "number" || typeof v === "string") return v;
  return { other: JSON.stringify(v) };
}

function same(expected: Outcome, actual: Outcome | { other: string }): boolean {
  if (typeof expected === "number" && typeof actual === "number") return Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected));
  return JSON.stringify(expected) === JSON.stringify(actual);
}

describe.each(PORTABLE)("AWU.%s expanded", (fn) => {
  const rows = CASES.map((c, i) => ({ c, row: i + 1 })).filter(({ c }) => c.fn === fn);

  test("gives the catalog's result on every case, arguments in cells", () => {
    const mismatches = rows.flatMap(({ c, row }) => {
      const expected = catalogResult(fn, c.args);
      const actual = engineResult(row, CELLS_FORMULA_COLUMN);
      return same(expected, actual) ? [] : [`${fn}(${JSON.stringify(c.args)}): catalog ${JSON.stringify(expected)}, portable ${JSON.stringify(actual)}`];
    });
    expect(mismatches).toEqual([]);
  });

  test("gives the catalog's result on every case, arguments as literals", () => {
    const mismatches = rows.flatMap(({ c, row }) => {
      const expected = catalogResult(fn, c.args);
      const actual = engineResult(row, LITERAL_FORMULA_COLUMN);
      return same(expected, actual) ? [] : [`${fn}(${JSON.stringify(c.args)}): catalog ${JSON.stringify(expected)}, portable ${JSON.stringify(actual)}`];
    });
    expect(mismatches).toEqual([]);
  });

  test("covers results, refusals and (where the function has them) no-result cases", () => {
    const outcomes = rows.map(({ c }) => catalogResult(fn, c.args));
    expect(outcomes.some((o) => typeof o === "number" || typeof o === "string")).toBe(true);
    expect(outcomes.some((o) => typeof o === "object" && o.error === "VALUE")).toBe(true);
    if (["BREAKEVEN", "PAYBACK", "BUILDVSBUY", "DEPLETION"].includes(fn)) expect(outcomes.some((o) => typeof o === "object" && o.error === "NA")).toBe(true);
  });
});

describe("portable formulas", () => {
  test("omitted arguments become today's rate-card numbers, never names", () => {
    expect(renderExpr(awu("FLEXCOST", name("Actions")), PORTABLE_GRID)).toBe("IF(Actions<0,#VALUE!,Actions*20*500/100000*(1-0))");
    expect(renderExpr(awu("HUMANCOST"), PORTABLE_GRID)).toBe(`20.59*(1+${13.68 / 32.37})*(1+0.2)/0.7*10/60`);
    expect(renderExpr(awu("COMMIT", name("Forecast")), PORTABLE_GRID)).toContain("666.67");
  });

  test("ALERT with the default thresholds is a nested IF with the function's own words", () => {
    expect(renderExpr(awu("ALERT", name("Consumed"), name("Allocation")), PORTABLE_GRID)).toBe(
      'IF(OR(Consumed<0,Allocation<=0),#VALUE!,IF(Consumed/Allocation>=1,"100%",IF(Consumed/Allocation>=0.9,"90%",IF(Consumed/Allocation>=0.75,"75%",IF(Consumed/Allocation>=0.5,"50%","OK")))))',
    );
  });

  test("ALERT over a table column of thresholds gives the catalog's words", () => {
    const thresholds = [0.8, 1, 1.2];
    const engine = HyperFormula.buildFromSheets(
      { T: [[0.8], [1], [1.2], [`=${renderExpr(awu("ALERT", num(2500000), num(2000000), wholeCol("Teams", "Threshold")), { ...PORTABLE_GRID, column: () => "T!$A$1:$A$3" })}`]] },
      { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true },
    );
    expect(engine.getCellValue({ sheet: 0, row: 3, col: 0 })).toBe(catalogResult("ALERT", [2500000, 2000000, thresholds]));
  });

  test("the file syntax prefixes functions newer than Excel 2007", () => {
    const commit = renderExpr(awu("COMMIT", name("Forecast"), name("Prepaid"), name("Payg"), name("U")), PORTABLE_FILE);
    expect(commit).toContain("_xlfn.NORM.S.INV(");
    expect(renderExpr(awu("COMMIT", name("Forecast")), PORTABLE_GRID)).not.toContain("_xlfn.");
  });

  test("an AWU call inside another's arguments is expanded too", () => {
    const text = renderExpr(awu("BLENDED", awu("HUMANCOST"), num(2), num(0.6), num(0.2)), PORTABLE_GRID);
    expect(text).not.toContain("AWU.");
    const engine = HyperFormula.buildFromArray([[`=${text}`]], { licenseKey: "gpl-v3", smartRounding: false });
    expect(engine.getCellValue({ sheet: 0, row: 0, col: 0 })).toBeCloseTo(catalogResult("BLENDED", [catalogResult("HUMANCOST", []) as number, 2, 0.6, 0.2]) as number, 12);
  });

  test("text typed where a number belongs is refused, as the function refuses it", () => {
    expect(renderExpr(awu("FLEXCOST", str("5")), PORTABLE_GRID)).toBe("#VALUE!");
  });

  test.each([
    ["TOKENCOST with a model name", awu("TOKENCOST", num(4000), num(800), str("gemini-3-flash"))],
    ["TOKENCOST with a model that may be a name", awu("TOKENCOST", num(4000), num(800), name("Model"))],
    ["RATE", awu("RATE", str("flex.creditsPerAction"))],
    ["RATES", awu("RATES")],
    ["COMPARE", awu("COMPARE", num(10000), num(5.3), num(50))],
    ["CHEAPEST", awu("CHEAPEST", num(10000), num(5.3), num(50))],
    ["DEPLETION over a usage history", awu("DEPLETION", num(5000000), wholeCol("Usage", "Credits"), num(46349))],
    ["DEPLETION over a range", awu("DEPLETION", num(5000000), ref("S", "A1:A5"), num(46349))],
  ])("%s has no native formula: NotPortable", (_label, expr) => {
    expect(() => renderExpr(expr, PORTABLE_FILE)).toThrow(NotPortable);
  });

  test("an unknown function is a defect, not a portability question", () => {
    expect(() => expandAwu("NOPE", [])).toThrow(/No AWU function NOPE/);
  });
});

/**
 * Numerical robustness of every AWU function (functions.md: "Never a silent NaN, Infinity,
 * a thrown exception, or a plausible wrong number"): any finite inputs, from 1e-300 to
 * 1e300, zero and negative, give numbers Excel can hold, text, or a catalogued problem.
 * Then exact edge cases at the ends of the double range, with their Excel error and message.
 */
import fc from "fast-check";
import { builtInPlans, builtInRateCard, errorKind, ratesInForce, type Problem, type ProblemCode } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { catalog, specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction, type FunctionSpec, type Grid } from "../../src/functions/gate";
import type { Param } from "../../src/functions/params";

/** The problem catalogue (problems.ts), restated: a result cell may carry only these. */
const CATALOGUED: readonly ProblemCode[] = [
  "missing",
  "empty",
  "notNumber",
  "notText",
  "outOfBounds",
  "notSingle",
  "unequalRanges",
  "unequalLists",
  "emptyList",
  "blankInList",
  "badSum",
  "unknownRateKey",
  "unknownModel",
  "unknownPlan",
  "unknownPlanEvent",
  "unknownVendor",
  "priceNeeded",
  "priceNotAllowed",
  "notAbove",
  "blankEntry",
  "unknownEntry",
  "notFlag",
  "tooManyDays",
  "badForecastLength",
  "noPayback",
  "breakevenAboveOne",
  "breakevenBelowZero",
  "noBuildBreakeven",
  "neverDepletes",
  "noRateOnDate",
  "nothingCosts",
  "noOutcome",
  "noCaseCost",
  "internal",
  "tooLarge",
];

const run = (spec: FunctionSpec, args: readonly unknown[]): Grid<Problem> => applyFunction(spec, args, todaysRates, (p) => p);

/** A positive double of any magnitude from 1e-300 to 1e301. */
const magnitude = fc
  .tuple(fc.integer({ min: -300, max: 300 }), fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }))
  .map(([exponent, mantissa]) => mantissa * 10 ** exponent);

/** Any finite input: wide magnitudes of both signs, zero, the extremes, and everyday sizes. */
const wide: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: magnitude },
  { weight: 2, arbitrary: magnitude.map((x) => -x) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, 0.5, 1e300, 1e-300, -1e300, 9.99e300, Number.MIN_VALUE, 1e308, Number.MAX_VALUE) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 3e6, noNaN: true }) },
);

const cell = (x: number): number[][] => [[x]];
const column = (xs: readonly number[]): number[][] => xs.map((x) => [x]);

/** One argument for a parameter, as Excel passes it; lists take the call's shared length. */
function argFor(param: Param, listLength: number): fc.Arbitrary<unknown> {
  const omission: fc.Arbitrary<unknown>[] = param.optional ? [fc.constant(null)] : [];
  switch (param.kind) {
    case "number": {
      // A bounded parameter (a date serial) also draws from its whole allowed range.
      const { min, max } = param.bounds;
      const within = max === undefined ? [] : [fc.double({ min: min ?? -max, max, noNaN: true }).map(cell)];
      // A whole-number parameter (days, reruns) also draws whole numbers, small and large.
      const whole = param.bounds.integer ? [fc.integer({ min: min ?? 0, max: Math.min(max ?? 1e6, 1e6) }).map(cell), fc.integer({ min: 1, max: 40 }).map(cell)] : [];
      return fc.oneof(wide.map(cell), wide, fc.tuple(wide, wide).map(([a, b]) => [[a], [b]]), ...within, ...whole, ...omission);
    }
    case "numberOrText":
      return fc.oneof(wide.map(cell), fc.constantFrom(...builtInRateCard.tokenModels).map((m) => [[m]]));
    case "text": {
      // Names the parameter takes: plan keys, plan events, vendors (issue 12), else rate-card keys.
      const keys =
        param.name === "plan"
          ? builtInPlans.keys
          : param.name === "event"
            ? [...builtInPlans.byKey.values()].flatMap((versions) => versions.flatMap((plan) => plan.events.map((e) => e.event)))
            : param.name === "vendor"
              ? builtInPlans.vendors
              : ratesInForce(builtInRateCard, "2099-01-01").map((row) => row.key);
      return fc.oneof(fc.constantFrom(...keys).map((k) => [[k]]), wide.map(cell), ...omission);
    }
    case "list": {
      const items = param.items;
      if (items !== undefined) {
        // Labels: mostly ones the list takes (a status, a job, a flag), now and then one it refuses.
        const good: fc.Arbitrary<unknown> =
          items.kind === "flag"
            ? fc.constantFrom<unknown>(true, false, 1, 0, "yes", "No", "TRUE")
            : items.allowed
              ? fc.constantFrom<unknown>(...items.allowed, ...items.allowed.map((a) => a.toUpperCase()))
              : fc.constantFrom<unknown>("Follow-ups", "research", " Research ", 42);
        const label = fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom<unknown>("done", 7, true, "") });
        return fc.oneof(fc.array(label, { minLength: listLength, maxLength: listLength }).map((xs) => xs.map((x) => [x])), ...omission);
      }
      const values = fc.array(wide, { minLength: listLength, maxLength: listLength });
      if (param.sumsTo === undefined) return fc.oneof(values.map(column), ...omission);
      // Shares that do add up, from positive weights, as well as any numbers.
      const sumsTo = param.sumsTo;
      const shares = fc
        .array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: listLength, maxLength: listLength })
        .map((weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          return column(weights.map((w) => (w / total) * sumsTo));
        });
      return fc.oneof(values.map(column), shares);
    }
  }
}

const argsFor = (spec: FunctionSpec): fc.Arbitrary<unknown[]> =>
  fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...spec.params.map((param) => argFor(param, n))));

/** Fails unless the cell is a finite number, text, or a catalogued problem with a message. */
function expectSound(value: unknown, where: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value}`);
    return;
  }
  if (typeof value === "string") return;
  if (typeof value !== "object" || value === null || !("code" in value)) throw new Error(`${where}: not a result: ${String(value)}`);
  const problem = value as Problem;
  expect(CATALOGUED).toContain(problem.code);
  const message = messageFor(problem);
  expect(typeof message).toBe("string");
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/undefined|NaN/);
  expect(["value", "notAvailable", "number"]).toContain(errorKind(problem));
}

const SPECS = [...catalog.values()];

describe("finite inputs of any magnitude never give NaN, ±Infinity or an exception", () => {
  test.each(SPECS.filter((spec) => spec.params.length > 0).map((spec) => [spec.id, spec] as const))("%s", (_id, spec) => {
    let runs = 0;
    let computed = 0;
    fc.assert(
      fc.property(argsFor(spec), (args) => {
        runs++;
        const grid = run(spec, args);
        expect(grid.length).toBeGreaterThan(0);
        const width = grid[0]?.length ?? 0;
        expect(width).toBeGreaterThan(0);
        grid.forEach((row, r) => {
          expect(row).toHaveLength(width);
          row.forEach((value, c) => expectSound(value, `AWU.${spec.id}(${JSON.stringify(args)})[${r}][${c}]`));
        });
        // Below a table's header, or in any cell of a cell function: did the maths run?
        const body = spec.output === "table" && grid.length > 1 ? grid.slice(1) : grid;
        if (body.some((row) => row.some((value) => typeof value === "number" || typeof value === "string" || errorKind(value) !== "value"))) computed++;
      }),
      { numRuns: 400 },
    );
    // The draws must get past the argument checks often enough for the property to mean something.
    expect(computed).toBeGreaterThan(runs / 40);
  });

  test("RATES (no arguments) lists finite values", () => {
    const grid = run(specOf("RATES"), []);
    expect(grid.length).toBeGreaterThan(1);
    for (const row of grid.slice(1)) {
      expect(row).toHaveLength(5);
      expect(typeof row[1]).toBe("number");
      expectSound(row[1], `RATES ${String(row[0])}`);
    }
  });
});

describe("edge cases at the ends of the double range", () => {
  const TOO_LARGE = { error: "#NUM!", message: "The result is too large for Excel." };
  const EXCEL = { value: "#VALUE!", notAvailable: "#N/A", number: "#NUM!" } as const;

  /** The single cell of a call, as Excel would show it. */
  function shown(id: string, args: readonly unknown[]): unknown {
    const grid = applyFunction(specOf(id), args, todaysRates, (problem) => ({ error: EXCEL[errorKind(problem)], message: messageFor(problem) }));
    expect(grid).toHaveLength(1);
    expect(grid[0]).toHaveLength(1);
    return grid[0]?.[0];
  }

  test.each([
    // 1e308 actions × 1e308 credits per action is far past the largest double.
    ["FLEXCOST(1e308, 1e308)", "FLEXCOST", [cell(1e308), cell(1e308), null, null]],
    // 1e300 users × 1e300 months × $1e300.
    ["SEATCOST(1e300, 1e300, 1e300)", "SEATCOST", [cell(1e300), cell(1e300), cell(1e300)]],
    ["CREDITS(1e300, 1e300)", "CREDITS", [cell(1e300), cell(1e300)]],
    ["CONVCOST(1e300, 1e300)", "CONVCOST", [cell(1e300), cell(1e300)]],
    // $1e300 an hour at a utilization of 1e-300: ≈ 1e600 per case.
    ["HUMANCOST(1e300, , , 1e-300)", "HUMANCOST", [cell(1e300), null, null, cell(1e-300), null]],
    // $1e300 fixed over a margin of $1e-300 a case: 1e600 cases.
    ["BUILDVSBUY(1e300, 1e-300, 0)", "BUILDVSBUY", [cell(1e300), cell(1e-300), cell(0)]],
    // A conversation price of 1e300 over a Flex cost per action of ≈ 1e-605.
    ["CROSSOVER(1e300, 1e-300, 1e-300)", "CROSSOVER", [cell(1e300), cell(1e-300), cell(1e-300), null]],
    ["SEATBREAKEVEN(1e300, 1e-300, 1e-300)", "SEATBREAKEVEN", [cell(1e300), cell(1e-300), cell(1e-300), null]],
    ["TOKENCOST(1e300, 1e300, 1e300, 1e300)", "TOKENCOST", [cell(1e300), cell(1e300), cell(1e300), cell(1e300), null]],
    // Savings of 1 × 1e-300 cases a year against $1e300 of enablement: ≈ 1.2e601 months.
    ["PAYBACK(1e300, 1e-300, 1, 0, 1)", "PAYBACK", [cell(1e300), cell(1e-300), cell(1), cell(0), cell(1), null]],
    // $1e300 per item accepted once in 1e300 times.
    ["ALLIN(1e300, 0, 0, 1e-300)", "ALLIN", [cell(1e300), cell(0), cell(0), cell(1e-300), null]],
    // Two months of 1e308 credits: a term of 2e308.
    ["COMMIT({1e308; 1e308})", "COMMIT", [column([1e308, 1e308]), null, null, null]],
  ])("%s is too large for Excel (#NUM!)", (_name, id, args) => {
    expect(shown(id, args)).toEqual(TOO_LARGE);
  });

  test("a burn of 1e-300 a day never spends 1e300 within Excel's dates (#N/A)", () => {
    expect(shown("DEPLETION", [cell(1e300), cell(1e-300), cell(1)])).toEqual({
      error: "#N/A",
      message: "The balance lasts past 9999-12-31, Excel's last date.",
    });
  });

  test("an AI cost 1e600 times the human cost breaks even above 100 % (#N/A)", () => {
    expect(shown("BREAKEVEN", [cell(1e-300), cell(1e300), null])).toEqual({
      error: "#N/A",
      message: "No break-even: AI plus escalations costs more than all-human even at a 100 % resolution rate.",
    });
  });

  test("a negative extreme is out of bounds, with the number as a person would read it (#VALUE!)", () => {
    expect(shown("FLEXCOST", [cell(-1e300), null, null, null])).toEqual({ error: "#VALUE!", message: "actions must be at least 0; it is -1e+300." });
    expect(shown("HUMANCOST", [null, null, null, cell(-1e-300), null])).toEqual({
      error: "#VALUE!",
      message: "utilization must be a rate more than 0 and at most 1 (0.25 means 25 %); it is -1e-300.",
    });
  });

  test("a consumption 1e600 times the allocation has crossed every threshold", () => {
    // functions.md: thresholds default to 0.5, 0.75, 0.9, 1; the highest crossed is 100 %.
    expect(shown("ALERT", [cell(1e300), cell(1e-300), null])).toBe("100%");
  });

  test("results below the smallest double are 0, not an error", () => {
    // 1e-300 actions × 1e-300 credits × $1e-300 / 100,000 ≈ 1e-905.
    expect(shown("FLEXCOST", [cell(1e-300), cell(1e-300), cell(1e-300), null])).toBe(0);
    expect(shown("CREDITS", [cell(1e-200), cell(1e-200)])).toBe(0);
  });

  /** Within a relative 1e-12 (the products round once or twice). */
  function expectClose(actual: unknown, expected: number): void {
    if (typeof actual !== "number") throw new Error(`expected ${expected}, got ${JSON.stringify(actual)}`);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  }

  test("large results that fit are returned in full", () => {
    // pricing.md §2: actions × creditsPerAction × pricePer100k / 100,000 × (1 − discount).
    expectClose(shown("FLEXCOST", [cell(1e300), cell(1), cell(100_000), cell(0)]), 1e300);
    // pricing.md §3: B = A + (1 − R) × H × (1 − S).
    expect(shown("BLENDED", [cell(1e300), cell(1e300), cell(0), null])).toBe(2e300);
    // pricing.md §3: (aiCost × (1 + rerun) + review/60 × rate) / acceptance = 1 / 1e-300.
    expectClose(shown("ALLIN", [cell(1), cell(0), cell(0), cell(1e-300), null]), 1e300);
    // 9e307 conversations at $1: just under Excel's largest number.
    expectClose(shown("CONVCOST", [cell(9e307), cell(1)]), 9e307);
  });
});

test("CHEAPEST names no winner when a model's cost overflowed (a 100 % discount of an overflowing cost is not 0)", () => {
  const out = run(specOf("CHEAPEST"), [[[1e200]], [[1e200]], [[1]], [[1]]])[0]?.[0] as Problem;
  expect(out.code).toBe("tooLarge");
  expect(errorKind(out)).toBe("number");
  expect(messageFor(out)).toBe("The result is too large for Excel.");
  expect(run(specOf("CHEAPEST"), [[[10]], [[5]], [[1]], [[1]]])).toEqual([["Flex Credits"]]);
});

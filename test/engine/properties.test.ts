/**
 * Property tests of the AWU functions, run through the catalog's declarations and the
 * generic gate exactly as Excel runs them (raw arguments in, a grid of results out).
 * Expected values come from the formulas of pricing.md, restated here, never from the
 * code under test.
 */
import fc from "fast-check";
import { builtInPlans, committedCostUsd, commitBreakevenUnits, type Plan, type Problem } from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction, type Grid } from "../../src/functions/gate";

const run = (id: string, args: readonly unknown[]): Grid<Problem> => applyFunction(specOf(id), args, todaysRates, (p) => p);

/** The single number a call returns; a failure or text fails the test with what came back. */
function value(id: string, args: readonly unknown[]): number {
  const grid = run(id, args);
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  const cell = grid[0]?.[0];
  if (typeof cell !== "number") throw new Error(`AWU.${id}(${JSON.stringify(args)}) gave ${JSON.stringify(cell)}, not a number`);
  return cell;
}

/** The single result of a call, number or problem. */
function result(id: string, args: readonly unknown[]): number | string | Problem {
  const grid = run(id, args);
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  const cell = grid[0]?.[0];
  if (cell === undefined) throw new Error(`AWU.${id} gave an empty grid`);
  return cell;
}

/**
 * |a − b| within a relative tolerance of the larger magnitude, plus an absolute floor
 * (by default 1e-300, so subnormal products that underflow differently still compare equal).
 */
function expectClose(actual: number, expected: number, relative = 1e-9, absolute = 1e-300): void {
  const tolerance = relative * Math.max(Math.abs(actual), Math.abs(expected)) + absolute;
  if (!(Math.abs(actual - expected) <= tolerance))
    throw new Error(`expected ${expected}, got ${actual} (difference ${actual - expected}, tolerance ${tolerance})`);
}

const RUNS = { numRuns: 200 };
const dbl = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** A column range, as Excel passes one: [[a], [b], …]. */
const column = (values: readonly number[]): number[][] => values.map((v) => [v]);

/** Shares that sum to 1 (positive integer weights, normalised) and actions per interaction of the same count. */
const mix = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
      fc.array(dbl(0, 50), { minLength: n, maxLength: n }),
    ),
  )
  .map(([weights, actions]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    return { shares: weights.map((w) => w / total), actions };
  });

describe("costs are linear in volume and zero at zero volume", () => {
  // Each case: the function, an arbitrary of its other arguments, and how to put the volume first.
  const volume = dbl(0, 1e7);
  const factor = dbl(0, 1e3);

  it("FLEXCOST(k·actions, …) = k·FLEXCOST(actions, …), FLEXCOST(0, …) = 0", () => {
    const rest = fc.tuple(dbl(0, 100), dbl(0, 1e4), dbl(0, 1));
    fc.assert(
      fc.property(volume, factor, rest, (x, k, [credits, per100k, discount]) => {
        const once = value("FLEXCOST", [x, credits, per100k, discount]);
        expectClose(value("FLEXCOST", [k * x, credits, per100k, discount]), k * once);
        expect(value("FLEXCOST", [0, credits, per100k, discount])).toBe(0);
      }),
      RUNS,
    );
  });

  it("CREDITS(k·actions, …) = k·CREDITS(actions, …), CREDITS(0, …) = 0", () => {
    fc.assert(
      fc.property(volume, factor, dbl(0, 100), (x, k, credits) => {
        expectClose(value("CREDITS", [k * x, credits]), k * value("CREDITS", [x, credits]));
        expect(value("CREDITS", [0, credits])).toBe(0);
      }),
      RUNS,
    );
  });

  it("CONVCOST(k·conversations, …) = k·CONVCOST(conversations, …), CONVCOST(0, …) = 0", () => {
    fc.assert(
      fc.property(volume, factor, dbl(0, 100), (x, k, price) => {
        expectClose(value("CONVCOST", [k * x, price]), k * value("CONVCOST", [x, price]));
        expect(value("CONVCOST", [0, price])).toBe(0);
      }),
      RUNS,
    );
  });

  it("SEATCOST is linear in users and in months, and 0 with no users or no months", () => {
    fc.assert(
      fc.property(dbl(0, 1e5), dbl(0, 120), factor, dbl(0, 1000), (users, months, k, price) => {
        const once = value("SEATCOST", [users, months, price]);
        expectClose(value("SEATCOST", [k * users, months, price]), k * once);
        expectClose(value("SEATCOST", [users, k * months, price]), k * once);
        expect(value("SEATCOST", [0, months, price])).toBe(0);
        expect(value("SEATCOST", [users, 0, price])).toBe(0);
      }),
      RUNS,
    );
  });

  it("MIXACTIONS(k·interactions, …) = k·MIXACTIONS(interactions, …), MIXACTIONS(0, …) = 0", () => {
    fc.assert(
      fc.property(volume, factor, mix, (x, k, { shares, actions }) => {
        const once = value("MIXACTIONS", [x, column(shares), column(actions)]);
        expectClose(value("MIXACTIONS", [k * x, column(shares), column(actions)]), k * once);
        expect(value("MIXACTIONS", [0, column(shares), column(actions)])).toBe(0);
      }),
      RUNS,
    );
  });
});

describe("break-even points are where the two costs meet", () => {
  it("at CROSSOVER's actions per interaction, one interaction's Flex cost is the conversation price", () => {
    const inputs = fc.tuple(dbl(0.01, 100), dbl(0.1, 100), dbl(1, 1e4), dbl(0, 0.95));
    fc.assert(
      fc.property(inputs, ([price, credits, per100k, discount]) => {
        const crossover = value("CROSSOVER", [price, credits, per100k, discount]);
        expectClose(value("FLEXCOST", [crossover, credits, per100k, discount]), price);
        // pricing.md §2: below the crossover Flex is cheaper, above it per conversation is.
        expect(value("FLEXCOST", [crossover * 0.9, credits, per100k, discount])).toBeLessThan(price);
        expect(value("FLEXCOST", [crossover * 1.1, credits, per100k, discount])).toBeGreaterThan(price);
      }),
      RUNS,
    );
  });

  it("at BREAKEVEN's resolution rate, BLENDED equals the human cost", () => {
    // A = f·H and S = g·f keep R* = 1 − (1 − A/H)/(1 − S) within 0–1, so BREAKEVEN answers with a number.
    const inputs = fc.tuple(dbl(0.01, 1000), dbl(0, 1), dbl(0, 0.99));
    fc.assert(
      fc.property(inputs, ([human, f, g]) => {
        const ai = human * f;
        const savings = Math.min(f * g, 0.99);
        const breakeven = result("BREAKEVEN", [human, ai, savings]);
        if (typeof breakeven !== "number") throw new Error(`BREAKEVEN(${human}, ${ai}, ${savings}) gave ${JSON.stringify(breakeven)}`);
        expectClose(value("BLENDED", [human, ai, breakeven, savings]), human, 1e-9, 1e-12 * human);
      }),
      RUNS,
    );
  });

  it("BREAKEVEN answers #N/A exactly when the break-even rate lies outside 0–1", () => {
    const inputs = fc.tuple(dbl(0.01, 1000), dbl(0, 2000), dbl(0, 0.99));
    fc.assert(
      fc.property(inputs, ([human, ai, savings]) => {
        const breakeven = result("BREAKEVEN", [human, ai, savings]);
        // pricing.md §3: R* = 1 − (1 − A/H) / (1 − S).
        const hand = 1 - (1 - ai / human) / (1 - savings);
        if (typeof breakeven === "number") {
          expectClose(breakeven, hand, 1e-9, 1e-12);
        } else {
          expect(typeof breakeven).toBe("object");
          const code = (breakeven as Problem).code;
          expect(code === "breakevenAboveOne" || code === "breakevenBelowZero").toBe(true);
          expect(hand < 1e-12 || hand > 1 - 1e-12).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("PAYBACK × monthly savings = the enablement cost", () => {
    // Resolution mostly above zero and AI cheaper than human, so most draws do pay back;
    // fast-check's bias towards 0 would otherwise leave the numeric branch barely tested.
    const inputs = fc.tuple(
      dbl(0, 1e7),
      fc.integer({ min: 1, max: 10_000_000 }),
      dbl(0.01, 1000),
      dbl(0, 0.99),
      fc.oneof(dbl(0.05, 1), fc.constant(0)),
      dbl(0, 1),
    );
    let numbers = 0;
    fc.assert(
      fc.property(inputs, ([enablement, cases, human, f, resolution, savings]) => {
        const ai = human * f;
        const payback = result("PAYBACK", [enablement, cases, human, ai, resolution, savings]);
        const blended = value("BLENDED", [human, ai, resolution, savings]);
        const monthlySavings = (cases * (human - blended)) / 12;
        if (typeof payback === "number") {
          numbers++;
          expectClose(payback * monthlySavings, enablement, 1e-9, 1e-9);
        } else {
          // pricing.md §3: no payback when savings ≤ 0.
          expect((payback as Problem).code).toBe("noPayback");
          expect(monthlySavings).toBeLessThanOrEqual(0);
        }
      }),
      RUNS,
    );
    // The generator must exercise the numeric branch, or the property says nothing.
    expect(numbers).toBeGreaterThan(RUNS.numRuns / 4);
  });
});

describe("a range gives the scalar results cell by cell", () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
  const matrix = (rows: number, columns: number, cell: fc.Arbitrary<number>): fc.Arbitrary<number[][]> =>
    fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows });

  function expectShape(grid: Grid<Problem>, rows: number, columns: number): void {
    expect(grid).toHaveLength(rows);
    for (const row of grid) expect(row).toHaveLength(columns);
  }

  it("FLEXCOST over a range of actions", () => {
    const inputs = shape.chain(([r, c]) => fc.tuple(matrix(r, c, dbl(0, 1e6)), dbl(0, 100), dbl(0, 1e4), dbl(0, 1)));
    fc.assert(
      fc.property(inputs, ([actions, credits, per100k, discount]) => {
        const grid = run("FLEXCOST", [actions, credits, per100k, discount]);
        expectShape(grid, actions.length, actions[0]?.length ?? 0);
        actions.forEach((row, r) =>
          row.forEach((x, c) => expect(grid[r]?.[c]).toBe(value("FLEXCOST", [x, credits, per100k, discount]))),
        );
      }),
      RUNS,
    );
  });

  it("SEATCOST over two ranges of the same shape (users and months)", () => {
    const inputs = shape.chain(([r, c]) => fc.tuple(matrix(r, c, dbl(0, 1e4)), matrix(r, c, dbl(0, 60)), dbl(0, 1000)));
    fc.assert(
      fc.property(inputs, ([users, months, price]) => {
        const grid = run("SEATCOST", [users, months, price]);
        expectShape(grid, users.length, users[0]?.length ?? 0);
        users.forEach((row, r) =>
          row.forEach((u, c) => expect(grid[r]?.[c]).toBe(value("SEATCOST", [u, months[r]?.[c], price]))),
        );
      }),
      RUNS,
    );
  });

  it("BLENDED over a range of resolution rates", () => {
    const inputs = shape.chain(([r, c]) => fc.tuple(dbl(0, 100), dbl(0, 10), matrix(r, c, dbl(0, 1)), dbl(0, 1)));
    fc.assert(
      fc.property(inputs, ([human, ai, resolution, savings]) => {
        const grid = run("BLENDED", [human, ai, resolution, savings]);
        expectShape(grid, resolution.length, resolution[0]?.length ?? 0);
        resolution.forEach((row, r) =>
          row.forEach((x, c) => expect(grid[r]?.[c]).toBe(value("BLENDED", [human, ai, x, savings]))),
        );
      }),
      RUNS,
    );
  });

  // An invalid cell and the problem the gate must report for it (functions.md: bad input is #VALUE! naming the argument).
  const invalid = fc.constantFrom<[unknown, Problem["code"]]>([-5, "outOfBounds"], ["ten", "notNumber"], [true, "notNumber"], ["", "empty"]);

  it("FLEXCOST: an invalid cell fails alone and the other cells still equal the scalar results", () => {
    const inputs = shape.chain(([r, c]) =>
      fc.tuple(matrix(r, c, dbl(0, 1e6)), fc.integer({ min: 0, max: r - 1 }), fc.integer({ min: 0, max: c - 1 }), invalid, dbl(0, 100)),
    );
    fc.assert(
      fc.property(inputs, ([actions, badRow, badColumn, [bad, code], credits]) => {
        const raw: unknown[][] = actions.map((row, r) => row.map((x, c) => (r === badRow && c === badColumn ? bad : x)));
        const grid = run("FLEXCOST", [raw, credits, null, null]);
        expectShape(grid, actions.length, actions[0]?.length ?? 0);
        actions.forEach((row, r) =>
          row.forEach((x, c) => {
            const cell = grid[r]?.[c];
            if (r === badRow && c === badColumn) expect(cell).toMatchObject({ code, arg: "actions" });
            else expect(cell).toBe(value("FLEXCOST", [x, credits, null, null]));
          }),
        );
      }),
      RUNS,
    );
  });

  it("SEATCOST: an invalid cell in the second of two ranges fails alone", () => {
    const inputs = shape.chain(([r, c]) =>
      fc.tuple(matrix(r, c, dbl(0, 1e4)), matrix(r, c, dbl(0, 60)), fc.integer({ min: 0, max: r - 1 }), fc.integer({ min: 0, max: c - 1 }), invalid),
    );
    fc.assert(
      fc.property(inputs, ([users, months, badRow, badColumn, [bad, code]]) => {
        const rawMonths: unknown[][] = months.map((row, r) => row.map((m, c) => (r === badRow && c === badColumn ? bad : m)));
        const grid = run("SEATCOST", [users, rawMonths, 125]);
        expectShape(grid, users.length, users[0]?.length ?? 0);
        users.forEach((row, r) =>
          row.forEach((u, c) => {
            const cell = grid[r]?.[c];
            if (r === badRow && c === badColumn) {
              // months is optional: an empty cell takes the default (1 month) rather than failing.
              if (code === "empty") expect(cell).toBe(value("SEATCOST", [u, 1, 125]));
              else expect(cell).toMatchObject({ code, arg: "months" });
            } else expect(cell).toBe(value("SEATCOST", [u, months[r]?.[c], 125]));
          }),
        );
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------
// COMMIT: the newsvendor quantity, checked against an expected cost computed here.

/**
 * Standard normal cdf by Marsaglia's series (J. Stat. Software 11(4), 2004):
 * Φ(x) = 1/2 + φ(x)·(x + x³/3 + x⁵/(3·5) + …), absolute error about 1e-15 for |x| < 8.
 * Written here so the check does not rely on the engine's own numerics.
 */
function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let sum = x;
  let previous = 0;
  let term = x;
  const q = x * x;
  for (let i = 1; sum !== previous; ) {
    previous = sum;
    i += 2;
    term *= q / i;
    sum = previous + term;
  }
  return 0.5 + sum * Math.exp(-0.5 * q - 0.9189385332046727); // 0.9189… = ln √(2π)
}
const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * E[c·Q + p·max(0, D − Q)] for D ~ Normal(μ, σ²): the normal loss function gives
 * E[max(0, D − Q)] = σ·(φ(z) − z·(1 − Φ(z))) with z = (Q − μ)/σ.
 */
function expectedCost(q: number, mean: number, sigma: number, prepaid: number, payg: number): number {
  const z = (q - mean) / sigma;
  return prepaid * q + payg * sigma * (normalPdf(z) - z * (1 - normalCdf(z)));
}

describe("COMMIT minimises the expected cost of prepaid plus pay-as-you-go credits", () => {
  it("the test's normal cdf matches published values", () => {
    // Φ(1.959963984540054) = 0.975, Φ(−0.6744897501960817) = 0.25, Φ(0) = 0.5 (standard tables).
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-14);
    expect(Math.abs(normalCdf(-0.6744897501960817) - 0.25)).toBeLessThan(1e-14);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("the test's closed-form expected shortfall matches a numerical integral", () => {
    // Simpson's rule over D ∈ μ ± 10σ of (D − Q)⁺ · pdf, for μ = 1000, σ = 200, Q = 900.
    const [mean, sigma, q] = [1000, 200, 900];
    const n = 20_000;
    const lo = mean - 10 * sigma;
    const h = (20 * sigma) / n;
    let integral = 0;
    for (let i = 0; i <= n; i++) {
      const d = lo + i * h;
      const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
      integral += weight * Math.max(0, d - q) * (normalPdf((d - mean) / sigma) / sigma);
    }
    integral *= h / 3;
    expectClose(expectedCost(q, mean, sigma, 0, 1), integral, 1e-9);
  });

  const forecast = fc.array(dbl(1, 1e6), { minLength: 1, maxLength: 12 });

  it("cost(Q) ≤ cost(Q·0.98) and cost(Q·1.02), and P(D ≤ Q) is the critical ratio (p − c)/p", () => {
    const inputs = fc.tuple(forecast, dbl(100, 1000), dbl(0.05, 0.6), dbl(0.01, 0.5));
    fc.assert(
      fc.property(inputs, ([months, prepaid, saving, uncertainty]) => {
        const payg = prepaid / (1 - saving);
        const q = value("COMMIT", [column(months), prepaid, payg, uncertainty]);
        const mean = months.reduce((a, b) => a + b, 0);
        const sigma = uncertainty * mean;
        const best = expectedCost(q, mean, sigma, prepaid, payg);
        const slack = 1e-12 * best;
        expect(best).toBeLessThanOrEqual(expectedCost(q * 0.98, mean, sigma, prepaid, payg) + slack);
        expect(best).toBeLessThanOrEqual(expectedCost(q * 1.02, mean, sigma, prepaid, payg) + slack);
        // The first-order condition of the newsvendor problem (pricing.md §2).
        expectClose(normalCdf((q - mean) / sigma), (payg - prepaid) / payg, 0, 1e-9);
      }),
      RUNS,
    );
  });

  it("Q = μ when the forecast is certain (uncertainty 0)", () => {
    fc.assert(
      fc.property(forecast, dbl(100, 1000), dbl(0.01, 0.9), (months, prepaid, saving) => {
        const mean = months.reduce((a, b) => a + b, 0);
        expectClose(value("COMMIT", [column(months), prepaid, prepaid / (1 - saving), 0]), mean, 1e-12);
      }),
      RUNS,
    );
  });

  it("Q falls as uncertainty rises when the saving is below 50 %", () => {
    const inputs = fc.tuple(forecast, dbl(100, 1000), dbl(0.01, 0.49), dbl(0, 1), dbl(1e-6, 1));
    fc.assert(
      fc.property(inputs, ([months, prepaid, saving, low, step]) => {
        const high = low + step;
        const payg = prepaid / (1 - saving);
        const qLow = value("COMMIT", [column(months), prepaid, payg, low]);
        const qHigh = value("COMMIT", [column(months), prepaid, payg, high]);
        // Q = μ·(1 + z·u) with z < 0, floored at 0: strictly lower unless already at the floor.
        if (qLow > 0) expect(qHigh).toBeLessThan(qLow);
        else expect(qHigh).toBe(0);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------
// DEPLETION: a usage history's trend against a constant burn.

describe("DEPLETION with a usage history", () => {
  it("a constant history gives the constant-burn date: start + balance ÷ burn", () => {
    const inputs = fc.tuple(dbl(1, 1e4), fc.integer({ min: 2, max: 30 }), dbl(0, 1e6), fc.integer({ min: 1, max: 1_900_000 }));
    fc.assert(
      fc.property(inputs, ([burn, days, balance, start]) => {
        const history = column(new Array<number>(days).fill(burn));
        const expected = start + balance / burn;
        const tolerance = 1e-9 * (balance / burn) + 1e-12 * start;
        const fromHistory = value("DEPLETION", [balance, history, start]);
        const fromConstant = value("DEPLETION", [balance, burn, start]);
        expect(Math.abs(fromHistory - expected)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(fromConstant - expected)).toBeLessThanOrEqual(tolerance);
      }),
      RUNS,
    );
  });

  it("a rising history runs out sooner than its mean would as a constant burn", () => {
    const history = fc
      .tuple(dbl(0, 1000), fc.array(dbl(0.01, 100), { minLength: 1, maxLength: 20 }))
      .map(([first, increments]) => increments.reduce((days, inc) => [...days, (days[days.length - 1] ?? 0) + inc], [first]));
    const start = 45658; // 2025-01-01
    fc.assert(
      fc.property(history, dbl(1, 1e6), (days, balance) => {
        const mean = days.reduce((a, b) => a + b, 0) / days.length;
        const trend = value("DEPLETION", [balance, column(days), start]) - start;
        expect(trend).toBeGreaterThan(0);
        expect(trend).toBeLessThan(balance / mean);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Vendors' plans (issue 12): PLANCOST, a commitment against pay-as-you-go, and PLANCOMMIT.

/** Every version of every plan, superseded ones too, each with an Excel date on which it is in force. */
const PLAN_VERSIONS: readonly { plan: Plan; serial: number }[] = [...builtInPlans.byKey.values()].flat().map((plan) => {
  const [y, m, d] = plan.effective.split("-").map(Number) as [number, number, number];
  return { plan, serial: Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000) };
});
/** The newest version of each plan that commits to something (PLANCOMMIT's subject). */
const COMMITTED = builtInPlans.keys.map((key) => builtInPlans.byKey.get(key.toLowerCase())?.[0] as Plan).filter((plan) => plan.commit.period !== "none");
const PAYG_COMMITTED = COMMITTED.filter((plan) => plan.commit.overage === "payg");

describe("PLANCOST is linear in quantity (no plan on the card has tiers, so below tiers is everywhere)", () => {
  const version = fc.constantFrom(...PLAN_VERSIONS).chain(({ plan, serial }) => fc.tuple(fc.constant(plan), fc.constant(serial), fc.constantFrom(...plan.events)));
  it("every version and event: quantity × units × price ÷ units priced, additive and zero at zero", () => {
    fc.assert(
      fc.property(version, dbl(0, 1e7), dbl(0, 1e7), ([plan, serial, event], a, b) => {
        const cost = (q: number): number => value("PLANCOST", [plan.key, q, event.event, serial]);
        // pricing.md's unit price, restated: USD per block ÷ units per block.
        expectClose(cost(a), (a * event.units * plan.priceUsd) / plan.perUnits, 1e-12);
        expectClose(cost(a + b), cost(a) + cost(b), 1e-12);
        expect(cost(0)).toBe(0);
      }),
      RUNS,
    );
  });
});

describe("a committed plan never costs more than pay-as-you-go at its break-even volume or above", () => {
  it("commitment Q at c, use V beyond it at the overage price p: at V = Q·c/p both cost Q·c, and above it the commitment is never dearer", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAYG_COMMITTED), dbl(0, 1e7), dbl(0, 10), (plan, q, above) => {
        const p = (plan.commit.overagePriceUsd as number) / plan.perUnits;
        const c = plan.priceUsd / plan.perUnits;
        const breakeven = commitBreakevenUnits(plan, q);
        expectClose(breakeven, (q * c) / p, 1e-12);
        // At the break-even volume: the same cost.
        expectClose(committedCostUsd(plan, q, breakeven, 0), breakeven * p, 1e-12);
        // Anywhere above it: never dearer than paying for every unit as it comes.
        const v = breakeven * (1 + above) + above * 1000;
        // To rounding: relative, and a quantum of a double at the smallest commitments (a subnormal q, 3e-323, drawn by seed 813759866).
        expect(committedCostUsd(plan, q, v, 0)).toBeLessThanOrEqual(v * p * (1 + 1e-12) + 16 * Number.MIN_VALUE);
      }),
      RUNS,
    );
  });

  it("through PLANCOST: Zendesk's committed resolutions plus pay-as-you-go above them cost no more than all pay-as-you-go from Q × 1.50 ÷ 2.00 up", () => {
    fc.assert(
      fc.property(dbl(0, 1e6), dbl(0, 5), (q, above) => {
        const v = (q * 1.5) / 2 + above * q;
        const committed = value("PLANCOST", ["zendesk.resolution.committed", q]) + value("PLANCOST", ["zendesk.resolution.payg", Math.max(0, v - q)]);
        expect(committed).toBeLessThanOrEqual(value("PLANCOST", ["zendesk.resolution.payg", v]) * (1 + 1e-12) + 1e-9);
      }),
      RUNS,
    );
  });
});

describe("PLANCOMMIT minimises expected cost under the plan's own rules", () => {
  /** The forecast's months as the plan's commitment periods (restating docs/functions.md). */
  function periodsOf(plan: Plan, months: readonly number[]): number[] {
    const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
    if (plan.commit.period === "month") return [...months];
    if (plan.commit.period === "term") return [sum(months)];
    if (months.length === 1) return [12 * (months[0] as number)];
    const years: number[] = [];
    for (let i = 0; i < months.length; i += 12) years.push(sum(months.slice(i, i + 12)));
    return years;
  }

  /** USD a period of use beyond the commitment costs per block: the overage price, or under a hard stop the lost cases at the human cost. */
  const overageOf = (plan: Plan, humanCost: number): number =>
    plan.commit.overage === "hardStop" ? (humanCost * plan.perUnits) / (plan.events[0]?.units ?? 1) : (plan.commit.overagePriceUsd as number);

  /** Expected units beyond q in one period, by Simpson's rule over D ∈ [max(q, μ − 12σ), μ + 12σ] (not the engine's closed form). */
  function shortfall(q: number, mean: number, sigma: number): number {
    if (sigma === 0) return Math.max(0, mean - q);
    const lo = Math.max(q, mean - 12 * sigma);
    const hi = mean + 12 * sigma;
    if (lo >= hi) return 0;
    const n = 4000;
    const h = (hi - lo) / n;
    let integral = 0;
    for (let i = 0; i <= n; i++) {
      const d = lo + i * h;
      const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
      integral += weight * (d - q) * (normalPdf((d - mean) / sigma) / sigma);
    }
    return (integral * h) / 3;
  }

  /** Expected USD of committing q in every period: q at the plan's price, plus the expected use beyond it at the overage price. */
  function expectedPlanCost(plan: Plan, q: number, periods: readonly number[], uncertainty: number, humanCost: number): number {
    let cost = 0;
    for (const mean of periods) cost += plan.priceUsd * q + overageOf(plan, humanCost) * shortfall(q, mean, uncertainty * mean);
    return cost / plan.perUnits;
  }

  const month = fc.oneof({ weight: 8, arbitrary: dbl(1, 1e6) }, { weight: 1, arbitrary: fc.constant(0) });
  const inputs = fc.constantFrom(...COMMITTED).chain((plan) =>
    fc.tuple(
      fc.constant(plan),
      plan.commit.period === "year"
        ? fc.oneof(fc.array(month, { minLength: 1, maxLength: 1 }), fc.array(month, { minLength: 12, maxLength: 12 }), fc.array(month, { minLength: 24, maxLength: 24 }))
        : fc.array(month, { minLength: 1, maxLength: 12 }),
      fc.oneof({ weight: 5, arbitrary: dbl(0.05, 0.6) }, { weight: 1, arbitrary: fc.constant(0) }),
      dbl(0.5, 50),
    ),
  );

  it("the commitment's expected cost is at or below that of the commitment 10 % lower and 10 % higher", () => {
    fc.assert(
      fc.property(inputs, ([plan, months, uncertainty, humanCost]) => {
        const row = run("PLANCOMMIT", [plan.key, column(months), uncertainty, humanCost]);
        expect(row).toHaveLength(1);
        const q = row[0]?.[0] as number;
        expect(typeof q).toBe("number");
        const periods = periodsOf(plan, months);
        const best = expectedPlanCost(plan, q, periods, uncertainty, humanCost);
        const slack = 1e-9 * best + 1e-9;
        expect(best).toBeLessThanOrEqual(expectedPlanCost(plan, q * 0.9, periods, uncertainty, humanCost) + slack);
        expect(best).toBeLessThanOrEqual(expectedPlanCost(plan, q * 1.1, periods, uncertainty, humanCost) + slack);
      }),
      { numRuns: 150 },
    );
  });

  it("the waste and overage beside it are the expected units left unused and used beyond it, summed over the periods", () => {
    fc.assert(
      fc.property(inputs, ([plan, months, uncertainty, humanCost]) => {
        const [q, waste, overage] = run("PLANCOMMIT", [plan.key, column(months), uncertainty, humanCost])[0] as number[];
        const periods = periodsOf(plan, months);
        let expectedOverage = 0;
        let expectedWaste = 0;
        for (const mean of periods) {
          // Committing nothing, all use is beyond it: the forecast itself (not the normal model's E[max(0, D)], a hair above μ).
          const beyond = q === 0 ? mean : shortfall(q as number, mean, uncertainty * mean);
          expectedOverage += beyond;
          // E[max(0, q − D)] = q − μ + E[max(0, D − q)].
          expectedWaste += (q as number) - mean + beyond;
        }
        const scale = periods.reduce((a, b) => a + b, 0) + (q as number) * periods.length;
        expect(Math.abs((overage as number) - expectedOverage)).toBeLessThanOrEqual(1e-9 * scale + 1e-9);
        expect(Math.abs((waste as number) - expectedWaste)).toBeLessThanOrEqual(1e-9 * scale + 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it("under a term pool (agentforce.flex) it is AWU.COMMIT with the plan's prices, to the last bit", () => {
    fc.assert(
      fc.property(fc.array(dbl(0, 1e6), { minLength: 1, maxLength: 12 }), dbl(0, 0.8), (months, uncertainty) => {
        const row = run("PLANCOMMIT", ["agentforce.flex", column(months), uncertainty]);
        expect(row[0]?.[0]).toBe(value("COMMIT", [column(months), 500, 666.67, uncertainty]));
      }),
      RUNS,
    );
  });
});

/**
 * The quick path (gate.ts) is an optimisation only: for any arguments, a function with a
 * `quick` plan must answer exactly as the same function forced down the general path.
 */
import fc from "fast-check";
import { builtInPlans, builtInRateCard, errorKind, fail, ratesInForce, type Problem } from "../../src/engine";
import { catalog, specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction, type FunctionSpec, type Grid } from "../../src/functions/gate";
import type { Param } from "../../src/functions/params";

/**
 * functions.md: the cell functions whose every parameter is a single number or a single text
 * (no list, no number-or-text, not a table). These are the calls the fast path exists for:
 * AWU.PLANCOST's plan key is text, and its scalar call is held to FLEXCOST's bars (issue 12).
 */
const ALL_NUMBER_CELL_FUNCTIONS = [
  "FLEXCOST",
  "CREDITS",
  "CONVCOST",
  "SEATCOST",
  "CHEAPEST",
  "CROSSOVER",
  "SEATBREAKEVEN",
  "HUMANCOST",
  "BLENDED",
  "BREAKEVEN",
  "PAYBACK",
  "BUILDVSBUY",
  "ALLIN",
];
const NUMBER_AND_TEXT_CELL_FUNCTIONS = ["PLANCOST", "CASECOST", "RATE"];

const SPECS = [...catalog.values()];
const QUICK = SPECS.filter((spec) => spec.quick !== undefined);

const general = (spec: FunctionSpec): FunctionSpec => ({ ...spec, quick: undefined });
const run = (spec: FunctionSpec, args: readonly unknown[]): Grid<Problem> => applyFunction(spec, args, todaysRates, (p) => p);

test("exactly the cell functions of single numbers and texts have a quick plan", () => {
  expect(QUICK.map((spec) => spec.id).sort()).toEqual([...ALL_NUMBER_CELL_FUNCTIONS, ...NUMBER_AND_TEXT_CELL_FUNCTIONS].sort());
  // The plan covers every parameter, in order.
  for (const spec of QUICK) expect(spec.quick?.params.map((q) => q.param)).toEqual(spec.params);
});

test("the functions with a number-or-text, list or table shape have none", () => {
  for (const id of ["MIXACTIONS", "COMPARE", "TOKENCOST", "DEPLETION", "ALERT", "COMMIT", "RATES", "PLANS", "PLANCOMMIT", "RERUNLOOPS"])
    expect(catalog.get(id)?.quick).toBeUndefined();
});

/** Finite numbers: the edges (0, −0, ±1, bounds of rates), huge and tiny, and any double. */
const finite = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 0.999999, 1.000001, 20, 500, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e-300, -1e-300, 2_958_465),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: -1000, max: 1_000_000 }),
);

/** One raw argument as Excel (or a careless caller) may pass it. */
const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  finite,
  finite.map((x) => [[x]]),
  fc.constant([[null]]),
  fc.constant([[""]]),
  fc.constant(""),
  fc.constantFrom("text", "12", "TRUE"),
  // Texts a text parameter takes, in any case and with spaces, and some it does not.
  fc.constantFrom("agentforce.flex", " Intercom.FIN ", "voice action", "flex.creditsPerAction", "  ", "acme.plan"),
  fc.constantFrom("agentforce.flex", "copilot-studio.payg", "AGENT ACTION", "conversation.price", " ").map((x) => [[x]]),
  fc.constantFrom(true, false),
  fc.constantFrom(true, false, "text").map((x) => [[x]]),
  fc.tuple(finite, finite).map(([a, b]) => [[a], [b]]),
  fc.tuple(finite, finite).map(([a, b]) => [[a, b]]),
  fc.constant([]),
  fc.constant([[]]),
  fc.constantFrom(Infinity, -Infinity, Number.NaN).map((x) => [[x]]),
  fc.constantFrom(Infinity, -Infinity, Number.NaN),
);

/** Texts a text parameter takes, by its name: plan keys and events (any case, spaced), rate-card keys. */
const PLAUSIBLE_TEXTS: Readonly<Record<string, readonly string[]>> = {
  plan: [...builtInPlans.keys, ...builtInPlans.keys.map((key) => ` ${key.toUpperCase()} `)],
  event: [...new Set([...builtInPlans.byKey.values()].flatMap((versions) => versions.flatMap((plan) => plan.events.map((e) => e.event))))],
  key: ratesInForce(builtInRateCard, "2099-01-01").map((row) => row.key),
};

/**
 * An argument a parameter accepts: a number within every bound but a divisor's (within a
 * parameter's own bounds when they start at 1 or more, as a date's do), a text it takes, as a
 * cell or bare, or (if optional) an omission.
 */
const plausibleArg = (param: Param): fc.Arbitrary<unknown> => {
  const optional = param.optional;
  if (param.kind === "text") {
    const texts = PLAUSIBLE_TEXTS[param.name] ?? ["text"];
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...texts).map((x) => [[x]]) },
      { weight: 2, arbitrary: fc.constantFrom(...texts) },
      // An optional text (an event) is mostly left out, as in most calls.
      { weight: optional ? 4 : 0, arbitrary: fc.constant(null) },
      { weight: optional ? 2 : 0, arbitrary: fc.constant([[""]]) },
    );
  }
  const min = param.kind === "number" ? param.bounds.min : undefined;
  const max = param.kind === "number" ? param.bounds.max : undefined;
  const number = min !== undefined && min >= 1 ? fc.double({ min, max: max ?? min + 1e6, noNaN: true }) : fc.double({ min: 0.01, max: 0.99, noNaN: true });
  return fc.oneof(
    { weight: 4, arbitrary: number.map((x) => [[x]]) },
    { weight: 2, arbitrary: number },
    { weight: optional ? 1 : 0, arbitrary: fc.constant(null) },
    { weight: optional ? 1 : 0, arbitrary: fc.constant([[""]]) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1).map((x) => [[x]]) },
  );
};

const argsFor = (spec: FunctionSpec): fc.Arbitrary<unknown[]> => {
  const n = spec.params.length;
  const plausible = fc.tuple(...spec.params.map((param) => plausibleArg(param)));
  return fc.oneof(
    fc.array(anyArg, { minLength: n, maxLength: n }),
    fc.array(anyArg, { minLength: 0, maxLength: n + 1 }),
    plausible,
    plausible,
    // Mostly valid, one argument odd.
    fc.tuple(plausible, fc.nat({ max: n - 1 }), anyArg).map(([valid, i, odd]) => {
      const args: unknown[] = [...valid];
      args[i] = odd;
      return args;
    }),
  );
};

describe("the quick path answers as the general path does", () => {
  test.each(QUICK.map((spec) => [spec.id, spec] as const))("%s", (_id, spec) => {
    let reachedCompute = 0;
    let runs = 0;
    fc.assert(
      fc.property(argsFor(spec), (args) => {
        runs++;
        const slow = run(general(spec), args);
        expect(run(spec, args)).toStrictEqual(slow);
        const cell = slow[0]?.[0];
        // Reached the maths: an answer, or a result that does not exist (#N/A) or is too large (#NUM!).
        if (slow.length === 1 && cell !== undefined && (typeof cell !== "object" || errorKind(cell) !== "value")) reachedCompute++;
      }),
      { numRuns: 500 },
    );
    // The property must often get past the argument checks, not only meet the quick path's bail-outs.
    expect(reachedCompute).toBeGreaterThan(runs / 4);
  });
});

test("a call whose defaults come from the rate card gives today's values on the quick path", () => {
  // FLEXCOST(actions) with every optional left out: actions × 20 credits × $500 / 100,000 (pricing.md §1–§2).
  for (const omitted of [[null, null, null], [[[""]], [[""]], [[""]]], []]) {
    const args = [[[53_000]], ...omitted];
    expect(run(general(specOf("FLEXCOST")), args)).toEqual([[5300]]);
    expect(run(specOf("FLEXCOST"), args)).toEqual([[5300]]);
  }
});

test("defaults read from one rates source are not reused for another with the same generation", () => {
  const conv = specOf("CONVCOST");
  expect(run(conv, [[[10]], null])).toEqual([[20]]);
  const other = { value: (): number => 7, generation: (): number => todaysRates.generation() };
  expect(applyFunction(conv, [[[10]], null], other, (p) => p)).toEqual([[70]]);
  expect(run(conv, [[[10]], null])).toEqual([[20]]);
});

test("a text argument reaches the quick path as it is: a plan key in any case, a 1×1 range, an omitted event", () => {
  const spec = specOf("PLANCOST");
  let computed = 0;
  // A compute that always fails: the quick path hands a failure to the general path, which computes again to word it.
  // So two computes mean the quick path took the arguments; one means it bailed out before computing.
  const failing = { ...spec, compute: () => (computed++, fail({ code: "nothingCosts" })) } as unknown as FunctionSpec;
  const computes = (args: readonly unknown[]): number => {
    computed = 0;
    run(failing, args);
    return computed;
  };
  expect(computes([[["agentforce.flex"]], [[53_000]]])).toBe(2);
  expect(computes(["agentforce.flex", 53_000, null, null])).toBe(2);
  expect(computes([[[" AgentForce.Flex "]], [[1000]], [["voice action"]]])).toBe(2);
  expect(computes([[["agentforce.flex"]], [[1000]], [[""]], [[46000]]])).toBe(2);
  // A number where text belongs, text where a number does, TRUE as a plan: the quick path bails and the general path refuses them, computing nothing.
  expect(computes([[[42]], [[53_000]]])).toBe(0);
  expect(computes([[["agentforce.flex"]], [["53000"]]])).toBe(0);
  expect(computes([[[true]], [[53_000]]])).toBe(0);
  // A range of three quantities: the general path alone, one compute per cell.
  expect(computes([[["agentforce.flex"]], [[1], [2], [3]]])).toBe(3);
  expect(run(spec, [[["agentforce.flex"]], [[53_000]]])).toEqual([[5300]]);
  expect(run(spec, [[[""]], [[53_000]]])).toEqual([[{ code: "empty", arg: "plan", expected: "text" }]]);
  expect(run(spec, [null, [[53_000]]])).toEqual([[{ code: "missing", arg: "plan" }]]);
});

/**
 * Vendors' plans (issue 12): AWU.PLANCOST and AWU.PLANS through the gate, with property
 * tests (cost linear in quantity; agentforce.flex equal to AWU.FLEXCOST at list) and the
 * plans' data checked for what every plan must carry.
 */
import fc from "fast-check";
import { PLAN_CHARGES, builtInPlans, type Problem } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { PLANS_HEADER, specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { asExcelArg } from "../support/bundle";

const call = (id: string, args: readonly unknown[]): unknown[][] =>
  applyFunction(specOf(id), args.map(asExcelArg), todaysRates, (problem: Problem) => messageFor(problem)) as unknown[][];
const one = (id: string, args: readonly unknown[]): unknown => call(id, args)[0]?.[0];

/** Every plan in force today with each of its events. */
const PLAN_EVENTS = builtInPlans.keys.flatMap((key) => {
  const plan = builtInPlans.byKey.get(key.toLowerCase())?.[0];
  return plan ? plan.events.map((e) => [key, e.event] as const) : [];
});

const quantity = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("PLANCOST properties", () => {
  test("cost is linear in quantity: cost(a + b) = cost(a) + cost(b) and cost(k × a) = k × cost(a), for every plan and event", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAN_EVENTS), quantity, quantity, fc.integer({ min: 0, max: 1000 }), ([plan, event], a, b, k) => {
        const cost = (q: number): number => one("PLANCOST", [plan, q, event]) as number;
        expect(close(cost(a + b), cost(a) + cost(b))).toBe(true);
        expect(close(cost(k * a), k * cost(a))).toBe(true);
        expect(cost(0)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  test("agentforce.flex equals AWU.FLEXCOST at list, to the last bit: standard actions at the default, voice actions at 30 credits", () => {
    fc.assert(
      fc.property(quantity, (actions) => {
        expect(one("PLANCOST", ["agentforce.flex", actions])).toBe(one("FLEXCOST", [actions]));
        expect(one("PLANCOST", ["agentforce.flex", actions, "standard action"])).toBe(one("FLEXCOST", [actions]));
        expect(one("PLANCOST", ["agentforce.flex", actions, "voice action"])).toBe(one("FLEXCOST", [actions, 30]));
      }),
      { numRuns: 300 },
    );
  });

  test("agentforce.conversation equals AWU.CONVCOST at list", () => {
    fc.assert(
      fc.property(quantity, (conversations) => {
        expect(one("PLANCOST", ["agentforce.conversation", conversations])).toBe(one("CONVCOST", [conversations]));
      }),
    );
  });

  test("a range of quantities spills in its shape, each cell priced alone", () => {
    expect(call("PLANCOST", ["intercom.fin", [[1], [10], [-1], [100]]])).toEqual([[0.99], [9.9], ["quantity must be at least 0; it is -1."], [99]]);
    expect(call("PLANCOST", ["agentforce.flex", [[1000, 2000]]])).toEqual([[100, 200]]);
  });

  test("plan keys and events match trimmed and in any case", () => {
    expect(one("PLANCOST", [" INTERCOM.FIN ", 2])).toBe(1.98);
    expect(one("PLANCOST", ["copilot-studio.payg", 3, "AGENT ACTION"])).toBe(0.15);
  });
});

describe("PLANS", () => {
  test("a header, then one row per plan in force today, in card order", () => {
    const out = call("PLANS", []);
    expect(out[0]).toEqual([...PLANS_HEADER]);
    expect(out.slice(1).map((row) => row[0])).toEqual(builtInPlans.keys);
    for (const row of out) expect(row).toHaveLength(PLANS_HEADER.length);
  });

  test("a vendor, in any case, keeps only its plans", () => {
    const out = call("PLANS", ["zendesk"]);
    expect(out.slice(1).map((row) => row[0])).toEqual(["zendesk.resolution.committed", "zendesk.resolution.payg"]);
    expect(out.slice(1).map((row) => row[3])).toEqual([1.5, 2]);
  });

  test("agentforce.flex reads $0.005 a credit, 20 a standard action and 30 a voice action", () => {
    const row = call("PLANS", ["Salesforce"]).find((r) => r[0] === "agentforce.flex");
    expect(row?.[3]).toBe(0.005);
    expect(row?.[4]).toBe("standard action: 20 (standard); voice action: 30");
  });
});

describe("the plans' data", () => {
  const versions = [...builtInPlans.byKey.values()].flat();

  test.each(versions.map((plan) => [`${plan.key} from ${plan.effective}`, plan] as const))("%s carries what a plan must", (_name, plan) => {
    expect(plan.priceUsd).toBeGreaterThan(0);
    expect(plan.perUnits).toBeGreaterThan(0);
    expect(plan.events.length).toBeGreaterThan(0);
    for (const e of plan.events) expect(e.units).toBeGreaterThan(0);
    expect(new Set(plan.events.map((e) => e.event.toLowerCase())).size).toBe(plan.events.length);
    expect(plan.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const field of [plan.vendor, plan.unit, plan.commitment, plan.overage, plan.discounts, plan.asOf, plan.includedPer]) expect(field.trim()).not.toBe("");
    expect(plan.includedUnits).toBeGreaterThanOrEqual(0);
    // A source names its page; one not checked on the vendor's own page says so.
    expect(plan.source).toMatch(/https:\/\//);
  });

  test("the plans the issue names are seeded", () => {
    expect(builtInPlans.keys).toEqual(
      expect.arrayContaining(["agentforce.flex", "agentforce.conversation", "intercom.fin", "zendesk.resolution.committed", "zendesk.resolution.payg", "copilot-studio.payg"]),
    );
  });
});

describe("CASECOST properties", () => {
  const rate = fc.double({ min: 0, max: 1, noNaN: true });
  const amount = fc.double({ min: 0, max: 1000, noNaN: true });
  const actions = fc.double({ min: 0, max: 100, noNaN: true });

  test("an action-priced plan is AWU.BLENDED with the plan's actions on every case as the AI cost", () => {
    fc.assert(
      fc.property(actions, rate, amount, rate, (a, r, h, s) => {
        const aiCost = one("FLEXCOST", [a]) as number;
        expect(close(one("CASECOST", ["agentforce.flex", a, r, h, s]) as number, one("BLENDED", [h, aiCost, r, s]) as number)).toBe(true);
      }),
    );
  });

  test("an outcome-priced plan bills only resolved cases: its AI cost is resolutionRate × its price, whatever the actions", () => {
    fc.assert(
      fc.property(actions, actions, rate, amount, rate, (a, b, r, h, s) => {
        const cost = one("CASECOST", ["intercom.fin", a, r, h, s]) as number;
        expect(close(cost, one("BLENDED", [h, r * 0.99, r, s]) as number)).toBe(true);
        expect(one("CASECOST", ["intercom.fin", b, r, h, s])).toBe(cost);
      }),
    );
  });

  test("a conversation-priced plan bills every attempt once", () => {
    fc.assert(
      fc.property(actions, rate, amount, rate, (a, r, h, s) => {
        expect(close(one("CASECOST", ["agentforce.conversation", a, r, h, s]) as number, one("BLENDED", [h, 2, r, s]) as number)).toBe(true);
      }),
    );
  });

  test("with nothing resolved an outcome plan costs what a human does; humanCost defaults to AWU.HUMANCOST()", () => {
    expect(one("CASECOST", ["zendesk.resolution.committed", 7, 0])).toBe(one("HUMANCOST", []));
  });

  test("every plan says how it bills a case", () => {
    for (const plan of [...builtInPlans.byKey.values()].flat()) expect(PLAN_CHARGES).toContain(plan.charges);
  });
});

/**
 * Vendors' plans (issue 12): AWU.PLANCOST and AWU.PLANS through the gate, with property
 * tests (cost linear in quantity; agentforce.flex equal to AWU.FLEXCOST at list) and the
 * plans' data checked for what every plan must carry.
 */
import fc from "fast-check";
import { COMMIT_PERIODS, OVERAGE_RULES, PLAN_CHARGES, PlansToday, builtInPlans, builtInRateCard, lookupRate, makePlanBook, type Plan, type Problem } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { PLANCOMMIT_COLUMNS, PLANS_HEADER, specOf, todaysRates } from "../../src/functions/catalog";
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
      expect.arrayContaining([
        "agentforce.flex",
        "agentforce.conversation",
        "agentforce.resolution",
        "agentforce.user",
        "intercom.fin",
        "zendesk.resolution.committed",
        "zendesk.resolution.payg",
        "copilot-studio.payg",
        "copilot-studio.pack",
        "hubspot.credits",
        "servicenow.assist",
      ]),
    );
  });

  test("every version says how it commits: a period, an overage rule, and a pay-as-you-go overage price at or above the committed one", () => {
    for (const plan of versions) {
      expect(COMMIT_PERIODS).toContain(plan.commit.period);
      expect(OVERAGE_RULES).toContain(plan.commit.overage);
      if (plan.commit.overage === "payg") expect(plan.commit.overagePriceUsd).toBeGreaterThanOrEqual(plan.priceUsd);
      else expect(plan.commit.overagePriceUsd).toBeUndefined();
      // A commitment needs a rule for what lies beyond it, and no commitment has none.
      expect(plan.commit.period === "none").toBe(plan.commit.overage === "none");
    }
  });

  test("agentforce.flex's overage is the rate card's flex.paygPricePer100kCredits, so PLANCOMMIT and COMMIT agree", () => {
    const flex = builtInPlans.byKey.get("agentforce.flex")?.[0];
    const payg = lookupRate(builtInRateCard, "flex.paygPricePer100kCredits", flex?.effective ?? "");
    expect(payg.found === "entry" ? payg.value : undefined).toBe(flex?.commit.overagePriceUsd);
  });

  test("the edition's included Flex Credits: the seed's 1M a year (2025) and the later page's 2.75M per org a year, both kept with their dates", () => {
    const editions = builtInPlans.byKey.get("agentforce.edition") ?? [];
    expect(editions.map((plan) => [plan.effective, plan.includedUnits])).toEqual([
      ["2026-10-07", 2_750_000],
      ["2025-01-01", 1_000_000],
    ]);
  });

  test("HubSpot: 100 credits a conversation from 2025-06-02, 50 a resolved conversation from 2026-04-14", () => {
    const hubspot = builtInPlans.byKey.get("hubspot.credits") ?? [];
    expect(hubspot.map((plan) => [plan.effective, plan.charges, plan.events[0]?.event, plan.events[0]?.units])).toEqual([
      ["2026-04-14", "outcome", "resolved conversation", 50],
      ["2025-06-02", "conversation", "conversation", 100],
    ]);
  });

  test("a source that could not be checked on the vendor's own page says so", () => {
    for (const key of ["hubspot.credits", "servicenow.assist", "agentforce.edition"]) {
      for (const plan of builtInPlans.byKey.get(key) ?? []) expect(plan.source).toMatch(/uncertain/i);
    }
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

describe("PLANCOMMIT", () => {
  test("one row of three numbers, no header: the commitment first, so a single cell shows it", () => {
    expect(PLANCOMMIT_COLUMNS).toHaveLength(3);
    const out = call("PLANCOMMIT", ["copilot-studio.pack", [[100000], [90000]]]);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(3);
    for (const cell of out[0] ?? []) expect(typeof cell).toBe("number");
  });

  test("a plan without a commitment commits 0, wastes nothing, and everything is used as it comes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...builtInPlans.keys.filter((key) => builtInPlans.byKey.get(key.toLowerCase())?.[0]?.commit.period === "none")), fc.array(quantity, { minLength: 1, maxLength: 12 }), (plan, months) => {
        const total = months.reduce((a, b) => a + b, 0);
        const [q, waste, overage] = call("PLANCOMMIT", [plan, months.map((m) => [m])])[0] as number[];
        expect([q, waste]).toEqual([0, 0]);
        expect(close(overage as number, total)).toBe(true);
      }),
    );
  });

  test("a hard stop commits more as the human cost of the lost work rises", () => {
    const at = (humanCost: number): number => one("PLANCOMMIT", ["hubspot.credits", [[10000]], 0.2, humanCost]) as number;
    expect(at(1)).toBeLessThan(at(10));
    expect(at(10)).toBeLessThan(at(100));
    // Below $0.50 a case (50 credits at $0.01) people are cheaper than the credits: commit nothing.
    expect(at(0.5)).toBe(0);
  });

  test("a monthly reset is a newsvendor per month: months alike give the one-month answer", () => {
    const one12 = call("PLANCOMMIT", ["copilot-studio.pack", Array.from({ length: 12 }, () => [50000]), 0.3])[0] as number[];
    const single = call("PLANCOMMIT", ["copilot-studio.pack", [[50000]], 0.3])[0] as number[];
    expect(one12[0]).toBe(single[0]);
    expect(close(one12[1] as number, 12 * (single[1] as number))).toBe(true);
    expect(close(one12[2] as number, 12 * (single[2] as number))).toBe(true);
  });

  test("an annual pool: one steady month is the same as twelve of it", () => {
    expect(call("PLANCOMMIT", ["servicenow.assist", [[4000]]])).toEqual(call("PLANCOMMIT", ["servicenow.assist", Array.from({ length: 12 }, () => [4000])]));
  });
});

describe("PlansToday (the scalar path's lookup)", () => {
  const base = builtInPlans.byKey.get("intercom.fin")?.[0] as Plan;
  const book = makePlanBook([
    { ...base, key: "test.plan", priceUsd: 1, effective: "2030-01-01" },
    { ...base, key: "test.plan", priceUsd: 2, effective: "2030-02-01" },
  ]);

  test("the same key asked again on a later day gets that day's version, not the last one remembered", () => {
    let now = new Date(2030, 0, 31, 23, 59).getTime();
    const today = new PlansToday(book, () => now);
    expect(today.get("test.plan")?.priceUsd).toBe(1);
    expect(today.get("test.plan")?.priceUsd).toBe(1);
    now = new Date(2030, 1, 1, 0, 1).getTime();
    expect(today.get("test.plan")?.priceUsd).toBe(2);
    expect(today.get(" TEST.PLAN ")?.priceUsd).toBe(2);
  });

  test("keys match trimmed and in any case, one after another; an unknown key stays unknown", () => {
    const today = new PlansToday(book, () => new Date(2030, 0, 15).getTime());
    expect(today.get("TEST.PLAN")?.priceUsd).toBe(1);
    expect(today.get("nope")).toBeUndefined();
    expect(today.get("nope")).toBeUndefined();
    expect(today.get("test.plan")?.priceUsd).toBe(1);
    // Before the first version: none.
    expect(new PlansToday(book, () => new Date(2029, 11, 31).getTime()).get("test.plan")).toBeUndefined();
  });
});

/**
 * A month's volume under a vendor plan (src/engine/plan-pricing.ts), what the one plan
 * selector prices the Jobs, Budget, ROI, Ledger and Scenarios by. Goldens: the seed volume
 * (10,000 conversations, 53,000 actions a month, 60 % resolved, 50 licensed users) under the
 * rate card's plans as of 2026-11-30, worked by hand from the card's prices and sources.
 */
import fc from "fast-check";
import { builtInPlans, planInForce, planMonthlyUsd, planRatesOf, planShareUsd, type PlanRates, type PlanVolume } from "../../src/engine";

const AS_OF = "2026-11-30";
const SEED: PlanVolume = { conversations: 10_000, actions: 53_000 };
const SETTING = { resolutionRate: 0.6, users: 50 };

function rates(key: string): PlanRates {
  const found = planInForce(builtInPlans, key, AS_OF);
  if (found.found !== "plan") throw new Error(`no ${key} on ${AS_OF}`);
  return planRatesOf(found.plan, AS_OF);
}

describe("planMonthlyUsd: the seed volume under each kind of plan", () => {
  test.each([
    // 53,000 actions × 20 credits × $500 per 100,000 credits (Salesforce Flex Credits, 2025-05-15).
    ["agentforce.flex", 5_300],
    // 10,000 conversations × $2 (Agentforce per conversation, 2024-10).
    ["agentforce.conversation", 20_000],
    // 10,000 × 60 % resolved × $0.99 (Intercom Fin, per outcome).
    ["intercom.fin", 5_940],
    // 6,000 resolutions × $1.50 / $2.00 (Zendesk automated resolutions, committed / pay as you go).
    ["zendesk.resolution.committed", 9_000],
    ["zendesk.resolution.payg", 12_000],
    // 53,000 generative answers × 2 Copilot Credits × $0.01.
    ["copilot-studio.payg", 1_060],
    // 50 users × $125 (the per-user add-on, unmetered for employees).
    ["agentforce.user", 6_250],
    // 50 × $550, plus the Flex Credits beyond 2.75M a year: (1,060,000 − 229,166.67) × $0.005 = $4,154.17.
    ["agentforce.edition", 27_500 + (1_060_000 - 2_750_000 / 12) * 0.005],
  ])("%s", (key, usd) => {
    expect(planMonthlyUsd(rates(key), SEED, SETTING)).toBeCloseTo(usd, 6);
  });

  test("a seat plan's metered use within its allowance costs nothing beyond the seats", () => {
    expect(planMonthlyUsd(rates("agentforce.edition"), { conversations: 100, actions: 1_000 }, SETTING)).toBeCloseTo(27_500, 9);
  });
});

describe("planShareUsd: the parts of the volume add up to the whole", () => {
  const keys = ["agentforce.flex", "intercom.fin", "agentforce.conversation", "copilot-studio.payg", "agentforce.user", "agentforce.edition", "hubspot.credits"];
  const part = fc.record({ conversations: fc.double({ min: 0, max: 1e5, noNaN: true }), actions: fc.double({ min: 0, max: 1e6, noNaN: true }) });
  test("jobs' shares sum to the plan's bill for all of them, for every kind of plan", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.array(part, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (key, parts, resolutionRate) => {
        const whole = { conversations: parts.reduce((s, p) => s + p.conversations, 0), actions: parts.reduce((s, p) => s + p.actions, 0) };
        const setting = { resolutionRate, users: 50 };
        const plan = rates(key);
        const shares = parts.reduce((s, p) => s + planShareUsd(plan, p, whole, setting), 0);
        // A seat plan with no actions has nothing to share its seats by: it shares none.
        const expected = plan.charges === "seat" && whole.actions === 0 ? 0 : planMonthlyUsd(plan, whole, setting);
        expect(shares).toBeCloseTo(expected, 4);
      }),
    );
  });

  test("a usage plan bills each part its own events; a seat plan shares its bill by actions", () => {
    const whole = SEED;
    const job = { conversations: 2_500, actions: 13_250 };
    expect(planShareUsd(rates("intercom.fin"), job, whole, SETTING)).toBeCloseTo(2_500 * 0.6 * 0.99, 9);
    expect(planShareUsd(rates("agentforce.user"), job, whole, SETTING)).toBeCloseTo(6_250 / 4, 9);
    expect(planShareUsd(rates("agentforce.user"), job, { conversations: 0, actions: 0 }, SETTING)).toBe(0);
  });
});

/**
 * Scenario recomputation against hand-computed figures (the Jobs sheet's formulas worked
 * by hand on a one-job budget), the base differences, and the words of what changed.
 */
import { computeScenarios, type Row } from "../../src/template/actions/scenarios";

const names: Row = {
  WeeksPerMonth: 4,
  PricingModel: "Flex Credits",
  LicensedUsers: 10,
  PrepurchaseDiscount: 0.25,
  EnablementCost: 12000,
  PricePerConversation: 2,
  CreditsPerAction: 20,
  PricePer100kCredits: 500,
  PricePerUserMonth: 125,
  ReviewerHourlyCost: 30,
  HumanCostPerCase: 8,
  AiCostPerCase: 2,
  ResolutionRate: 0.5,
  EscalationSavings: 0,
  AnnualCases: 12000,
};
const job: Row = { Job: "A", "Volume per week": 100, "Units per item": 2, "Target acceptance rate": 0.8, "Rerun rate": 0.25, "Review minutes per item": 2 };

test("each scenario's monthly cost, cost per acceptable outcome and payback, and its difference from the base", () => {
  const { results } = computeScenarios({
    names,
    jobs: [job, { Job: "", "Volume per week": "" }],
    scenarios: [
      { Scenario: "Base", "Volume multiplier": 1 },
      { Scenario: "Seats, double", "Volume multiplier": 2, "Pricing model": "Per user" },
      { Scenario: "Conversations", "Volume multiplier": 1, "Pricing model": "Per conversation", "Acceptance rate": 0.5, "Rerun rate": 0 },
    ],
  });
  // Base: 400 items, 1,000 units → Flex 1,000 × 20 × 500 ÷ 100k × 0.75 = 75; review 400 × 2 ÷ 60 × 30 = 400;
  // 475 a month over 320 accepted = 1.484375; payback 12,000 ÷ (12,000 × (8 − 6) ÷ 12) = 6 months.
  expect(results[0]).toEqual([475, 1.484375, 6, 0, 0, 0]);
  // Double volume on seats: 1,250 in seats + 800 review = 2,050 over 640 accepted; payback 3 months.
  expect(results[1]?.[0]).toBeCloseTo(2050, 10);
  expect(results[1]?.[1]).toBeCloseTo(3.203125, 12);
  expect(results[1]?.[2]).toBeCloseTo(3, 12);
  expect(results[1]?.slice(3).map((v) => Number((v as number).toFixed(9)))).toEqual([1575, 1.71875, -3]);
  // Per conversation, no reruns, half accepted: 800 + 400 = 1,200 over 200 accepted = 6.
  expect(results[2]?.slice(0, 3)).toEqual([1200, 6, 6]);
});

test("an unreadable input gives that scenario a message naming it; the others still compute", () => {
  const { results, changes } = computeScenarios({
    names,
    jobs: [job],
    scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }, { Scenario: "Typo", "Volume multiplier": "x" }, { Scenario: "Odd model", "Pricing model": "Barter" }],
  });
  expect(results[1]).toEqual(['Scenario Typo: Volume multiplier must be a number, not "x".', "", "", "", "", ""]);
  expect(results[2]?.[0]).toBe('Scenario Odd model: pricing model "Barter" is not one of the choices.');
  expect(results[0]?.[0]).toBe(475);
  expect(changes).toContain('Typo: Scenario Typo: Volume multiplier must be a number, not "x".');
});

test("no payback and no accepted outcomes are said in words, not as numbers", () => {
  const { results } = computeScenarios({
    names: { ...names, AiCostPerCase: 9 },
    jobs: [{ ...job, "Target acceptance rate": 0 }],
    scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }],
  });
  expect(results[0]?.slice(1, 3)).toEqual(["no accepted outcomes", "no payback"]);
});

test("what changed: first computation, a changed figure with before and after, unchanged rows not mentioned", () => {
  const first = computeScenarios({ names, jobs: [job], scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }] });
  expect(first.changes).toEqual(["Base: computed for the first time."]);
  const again = computeScenarios({
    names,
    jobs: [job],
    scenarios: [
      { Scenario: "Base", "Volume multiplier": 1, "Monthly cost": 475, "Cost per acceptable outcome": 1.484375, "Payback (months)": 6 },
      { Scenario: "Half", "Volume multiplier": 0.5, "Monthly cost": 475, "Cost per acceptable outcome": 1.484375, "Payback (months)": 6 },
    ],
  });
  expect(again.changes).toEqual(["Half: monthly cost 475 → 237.5; payback 6 → 12"]);
});

/**
 * The pre-purchase discount has one meaning everywhere (issue 10): credits bought as they are
 * used pay the list price, pre-purchased ones list × (1 − discount); the Jobs, Pricing and
 * Budget costs and the Wallet's commitment read the same two prices.
 */
import { commitCredits } from "../../src/engine";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { describeTemplate } from "../../src/template/sheets/template";
import { named, withInput } from "./ledger-fixture";

const value = (discount: number, name: string): number => {
  const description = withInput(describeTemplate({ examples: true, asOf: "2026-11-23" }), "PrepurchaseDiscount", discount);
  const { sheet, address } = named(description, name);
  const v = workbookEvaluator(description).cell(sheet, address);
  if (typeof v !== "number") throw new Error(`${name} is ${JSON.stringify(v)}`);
  return v;
};

test.each([0.1, 0.25, 0.4])("at a %s discount the commitment weighs the prepaid price the budget pays against the list price", (discount) => {
  expect(value(discount, "PaygPricePer100kCredits")).toBe(500);
  expect(value(discount, "PrepaidPricePer100kCredits")).toBeCloseTo(500 * (1 - discount), 9);
  // The term's forecast total (the CreditForecast table), from the commitment's share of it.
  const committed = value(discount, "CommitCredits");
  const forecast = committed / value(discount, "CommitShare");
  expect(committed).toBeCloseTo(commitCredits(forecast, 500 * (1 - discount), 500, value(discount, "CommitUncertainty")), 6);
});

test("a deeper discount commits more credits (the newsvendor's ratio is the discount), where before it never reached the commitment", () => {
  expect(value(0.4, "CommitCredits")).toBeGreaterThan(value(0.25, "CommitCredits"));
  expect(value(0.25, "CommitCredits")).toBeGreaterThan(value(0.1, "CommitCredits"));
  // Without a discount, prepaying saves nothing: nothing is committed.
  expect(value(0, "CommitCredits")).toBe(0);
  // Pricing's discounted Flex cost reads the same prepaid price: $3,975 at 25 % (model.md §6).
  expect(value(0.25, "PrepaidPricePer100kCredits") * 53000 * 20 / 100000).toBeCloseTo(3975, 9);
});

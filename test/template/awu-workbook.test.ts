/**
 * The AWU workbook's formulas, evaluated by a spreadsheet engine through the real built
 * functions bundle, give the published worked figures (docs/model.md, template issue):
 * 53,000 actions; $5,300, $3,975, $20,000 and $6,250 a month; $8.37 per case; $4.68
 * blended; payback ≈ 8.1 months. Figures are compared to the cent.
 */
import { offset } from "../../src/template/address";
import { sheetPrefix } from "../../src/template/formula";
import { tableHeaderCell } from "../../src/template/layout";
import type { TableBlock } from "../../src/template/model";
import { buildTemplate } from "../../src/template/template";
import { computeWorkbook } from "../support/hf-workbook";

const description = buildTemplate({ examples: true, asOf: "2026-11-23" });
const { value, hf } = computeWorkbook(description);

/** A table's cell as a formula reference, found through the layout rather than typed. */
function at(table: string, column: string, row: number): string {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "table" && block.name === table) {
        const index = (block as TableBlock).columns.findIndex((c) => c.header === column);
        if (index < 0) throw new Error(`no column ${column}`);
        return `=${sheetPrefix(sheet.name)}${offset(tableHeaderCell(block), 1 + row, index)}`;
      }
  throw new Error(`no table ${table}`);
}
const cents = (formula: string): number => {
  const v = value(formula);
  if (typeof v !== "number") throw new Error(`${formula} gave ${JSON.stringify(v)}`);
  return Math.round(v * 100) / 100;
};

test("no cell of the workbook is an error", () => {
  const errors: string[] = [];
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name) as number;
    hf.getSheetValues(id).forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "object" && v !== null && "type" in v) errors.push(`${name}!R${r + 1}C${c + 1}: ${String(v.type)} ${String(v.message)}`);
      }),
    );
  }
  expect(errors).toEqual([]);
});

test("the interaction mix gives 53,000 actions a month (5.3 per interaction)", () => {
  expect(value("=TotalActionsPerMonth")).toBe(53000);
  expect(cents("=ActionsPerInteraction")).toBe(5.3);
});

test("the pricing models side by side: $20,000, $5,300, $3,975 and $6,250 a month", () => {
  expect([0, 1, 2, 3].map((row) => value(at("PricingComparison", "Model", row)))).toEqual(["Per conversation", "Flex Credits (list)", "Flex Credits", "Per user"]);
  expect([0, 1, 2, 3].map((row) => cents(at("PricingComparison", "Monthly cost", row)))).toEqual([20000, 5300, 3975, 6250]);
  expect(cents(at("PricingComparison", "Annual cost", 2))).toBe(47700);
  expect(cents(at("PricingComparison", "Cost vs cheapest", 0))).toBe(5.03);
  expect(value("=CheapestModel")).toBe("Flex Credits");
  expect(cents("=CrossoverActions")).toBe(20);
  expect(cents("=SeatBreakevenActions")).toBe(1250);
});

test("ROI: $8.37 per case, $4.68 blended, payback ≈ 8.1 months", () => {
  expect(cents("=HumanCostPerCase")).toBe(8.37);
  expect(cents("=AiCostPerCase")).toBe(2);
  expect(cents("=BlendedCostPerCase")).toBe(4.68);
  // 250,000 ÷ (100,000 × (8.369032 − 4.678090) ÷ 12) = 8.128
  expect(cents("=PaybackMonths")).toBe(8.13);
  // 1 − (1 − 2 ÷ 8.369032) ÷ (1 − 0.2)
  expect(cents("=BreakevenResolution*100")).toBe(4.87);
});

test("a Jobs row, worked by hand: account enrichment at 250 a week, 1 unit, 10 % reruns", () => {
  const weeks = 52 / 12;
  const items = 250 * weeks;
  const units = items * 1 * 1.1;
  const flex = (units * 20 * 500) / 100000 * (1 - 0.25);
  const hourly = 20.59 * (1 + 13.68 / 32.37) * (1 + 0.2);
  const review = (items * 0.5) / 60 * hourly;
  const round = (x: number): number => Math.round(x * 100) / 100;
  expect(value(at("Jobs", "Job", 0))).toBe("Account enrichment");
  expect(cents(at("Jobs", "Items per month", 0))).toBe(round(items));
  expect(cents(at("Jobs", "AI cost per month", 0))).toBe(round(flex));
  expect(cents(at("Jobs", "Human review cost per month", 0))).toBe(round(review));
  expect(cents(at("Jobs", "All-in cost per acceptable outcome", 0))).toBe(round((flex + review) / (items * 0.9)));
  expect(cents(at("Jobs", "Total cost per month", 0))).toBe(round(flex + review));
});

test("the wallet: alert, depletion after the as-of date, a commitment below the forecast", () => {
  expect(value("=WalletAlert")).toBe("50%");
  const depletion = value("=DepletionDate-WalletAsOf") as number;
  // 5,000,000 credits left at 53,000 × 20 × 12 ÷ 365 a day.
  expect(depletion).toBeCloseTo(5000000 / ((53000 * 20 * 12) / 365), 9);
  const commit = value("=CommitShare") as number;
  expect(commit).toBeGreaterThan(0.7);
  expect(commit).toBeLessThan(1);
});

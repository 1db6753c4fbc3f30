/**
 * The one plan selector (issue 12, "The Budget and Pricing sheets use the plan chosen on
 * Inputs, and the ledger prices units under it"): the Inputs sheet's Pricing model in use
 * offers the three models it prices and every vendor plan's key; choosing a plan prices the
 * Jobs, the Pricing sheet's cost in use, the ROI headline, the Budget, the Ledger and the
 * Scenarios under it, from the Vendors sheet's plans table. Checked with the workbook
 * evaluator against the Vendors sheet's own comparison and the engine; the portable file in
 * LibreOffice in test/integration/plan-selector.test.ts.
 */
import { builtInPlans, plansInForce } from "../../src/engine";
import { computeScenarios } from "../../src/template/actions/scenarios";
import { scenarioCellContent } from "../../src/template/actions/refresh";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { tableColumnRange } from "../../src/template/model/layout";
import { workbookEvaluator, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { PRICING_MODEL_CHOICES_NAME } from "../../src/template/sheets/names";
import { TABLES, describeTemplate, pricingModelChoices } from "../../src/template/sheets/template";
import { PLAN_COLUMNS } from "../../src/template/sheets/plan-formulas";
import { tableOf } from "../support/libreoffice";
import { withTableRows } from "./office-fixture";
import { named, rowsAsShown, withInput } from "./ledger-fixture";
import { paneInputs } from "./scenario-arbitraries";

const AS_OF = "2026-11-23";
const template = describeTemplate({ examples: true, currency: "USD", asOf: AS_OF });
const PLAN_KEYS = plansInForce(builtInPlans, AS_OF).map((p) => p.key);

const valueOf = (d: TemplateDescription, e: WorkbookEvaluator, defined: string): unknown => {
  const { sheet, address } = named(d, defined);
  return e.cell(sheet, address);
};
const sum = (values: readonly unknown[]): number => values.reduce((s: number, v) => s + (v as number), 0);
const rowOf = (rows: readonly Record<string, unknown>[], column: string, key: string): Record<string, unknown> => {
  const row = rows.find((r) => r[column] === key);
  if (!row) throw new Error(`no row ${key}`);
  return row;
};

describe("the drop-down: the Inputs sheet's three models, then every vendor plan in force", () => {
  test("the Inputs and Scenarios drop-downs list the cells of one name, which hold every choice", () => {
    expect(pricingModelChoices(AS_OF)).toEqual(["Per conversation", "Flex Credits", "Per user", ...PLAN_KEYS]);
    const { sheet, block } = tableOf(template, TABLES.pricingModels);
    expect(sheet).toBe("Inputs");
    const column = block.columns.find((c) => c.name === PRICING_MODEL_CHOICES_NAME);
    expect(column?.header).toBe("Pricing model");
    expect(block.rows.map((r) => r["Pricing model"])).toEqual(pricingModelChoices(AS_OF));
    expect(tableColumnRange(block, "Pricing model")).toMatch(/^\$A\$\d+:\$A\$\d+$/);
    const inputs = template.sheets.flatMap((s) => s.blocks).flatMap((b) => (b.kind === "cells" ? b.cells : [])).find((c) => c.name === "PricingModel");
    const scenarios = tableOf(template, TABLES.scenarios).block.columns.find((c) => c.header === "Pricing model");
    for (const validation of [inputs?.validation, scenarios?.validation]) {
      expect(validation).toMatchObject({ kind: "list", source: PRICING_MODEL_CHOICES_NAME, choices: pricingModelChoices(AS_OF) });
    }
  });
});

describe.each(PLAN_KEYS)("Pricing model in use: %s", (key) => {
  const d = withInput(template, "PricingModel", key);
  const e = workbookEvaluator(d);
  const comparison = rowOf(rowsAsShown(d, e, TABLES.vendorComparison), PLAN_COLUMNS.plan, key);

  test("the Jobs' AI cost adds up to the Vendors sheet's monthly cost for the plan, and the Pricing sheet shows it", () => {
    const jobs = rowsAsShown(d, e, TABLES.jobs).map((r) => r["AI cost per month"]);
    expect(jobs.every((v) => typeof v === "number" && v >= 0)).toBe(true);
    expect(sum(jobs)).toBeCloseTo(comparison["Monthly cost"] as number, 6);
    expect(valueOf(d, e, "MonthlyAiCostInUse")).toBeCloseTo(comparison["Monthly cost"] as number, 6);
    expect(valueOf(d, e, "PricingModelInUse")).toBe(key);
  });

  test("the ROI headline is the plan's row of the return table", () => {
    const row = rowOf(rowsAsShown(d, e, TABLES.roiByModel), "Model", key);
    expect(valueOf(d, e, "AiCostPerCase")).toBeCloseTo(row["AI cost per case"] as number, 12);
    expect(valueOf(d, e, "PaybackMonths")).toEqual(row["Payback (months)"]);
  });
});

describe("figures by hand under a plan (the examples: 10,000 conversations, 53,000 actions a month, 60 % resolved, 50 users)", () => {
  const under = (key: string): { d: TemplateDescription; e: WorkbookEvaluator } => {
    const d = withInput(template, "PricingModel", key);
    return { d, e: workbookEvaluator(d) };
  };

  test("intercom.fin: 6,000 resolutions × $0.99 = $5,940 a month; the case job's 8,333 cases at $0.594 each", () => {
    const { d, e } = under("intercom.fin");
    expect(valueOf(d, e, "MonthlyAiCostInUse")).toBeCloseTo(5940, 9);
    expect(valueOf(d, e, "PlanInUseBills")).toBe("outcome");
    expect(valueOf(d, e, "PlanInUseUsdPerEvent")).toBeCloseTo(0.99, 12);
    expect(valueOf(d, e, "AiCostPerCase")).toBeCloseTo(0.99 * 0.6, 12);
  });

  test("agentforce.edition: the seats are the AI spend every month, whatever the ramp ($27,500 + $4,154.17 of Flex above 2.75M a year)", () => {
    const { d, e } = under("agentforce.edition");
    const seats = 27_500 + (1_060_000 - 2_750_000 / 12) * 0.005;
    expect(valueOf(d, e, "PlanInUseSeatsPerMonth")).toBeCloseTo(seats, 6);
    const ai = rowsAsShown(d, e, TABLES.budget).map((r) => r["AI spend"]);
    expect(ai).toHaveLength(12);
    for (const month of ai) expect(month).toBeCloseTo(seats, 6);
    // No seats beside usage pricing: the seat plan's seats are the AI spend.
    expect(rowsAsShown(d, e, TABLES.budget).every((r) => r.Seats === 0)).toBe(true);
  });

  test("an edited plan price is what every sheet prices at: intercom.fin at $1.50 an outcome is $9,000 a month", () => {
    const edited = withTableRows(template, TABLES.vendorPlans, (rows) => rows.map((r): TableRow => (r[PLAN_COLUMNS.plan] === "intercom.fin" ? { ...r, [PLAN_COLUMNS.price]: 1.5 } : r)));
    const d = withInput(edited, "PricingModel", "intercom.fin");
    const e = workbookEvaluator(d);
    expect(valueOf(d, e, "MonthlyAiCostInUse")).toBeCloseTo(9000, 9);
    expect(valueOf(d, e, "AiCostPerCase")).toBeCloseTo(0.9, 12);
    // The Budget's first month: the ramped sales chat is a third of its volume, the rest full.
    const budgetAi = rowsAsShown(d, e, TABLES.budget).map((r) => r["AI spend"] as number);
    expect(budgetAi[11]).toBeGreaterThan(budgetAi[0] as number);
  });

  test("the ledger's units are the plan's: agentforce.flex prices the example ledger's credits at $0.005 each, list price", () => {
    const { d, e } = under("agentforce.flex");
    const flex = workbookEvaluator(template);
    // Rows with a cost of their own keep it; the others' credits at $500 per 100,000 instead of the Inputs sheet's 25 % off.
    const own = sum(rowsAsShown(template, flex, TABLES.ledger).map((r) => (typeof r.Cost === "number" ? r.Cost : 0)));
    const byUnits = (desc: TemplateDescription, ev: WorkbookEvaluator): number => (valueOf(desc, ev, "LedgerCost") as number) - own;
    expect(byUnits(d, e)).toBeGreaterThan(0);
    expect(byUnits(d, e)).toBeCloseTo(byUnits(template, flex) / 0.75, 6);
  });
});

describe("the pane's scenario refresh prices a plan as the portable formulas do", () => {
  test("a scenario under intercom.fin: the Jobs' AI at $5,940 plus the review labor, as the sheet computes it", () => {
    const d = withInput(template, "PricingModel", "intercom.fin");
    const e = workbookEvaluator(d);
    const [row] = computeScenarios({ ...paneInputs(template), scenarios: [{ Scenario: "Fin", "Pricing model": "intercom.fin" }] }).results;
    const jobs = rowsAsShown(d, e, TABLES.jobs);
    expect(row?.[0]).toBeCloseTo(sum(jobs.map((r) => r["AI cost per month"])) + sum(jobs.map((r) => r["Human review cost per month"])), 6);
    expect(row?.[2]).toBeCloseTo(valueOf(d, e, "PaybackMonths") as number, 9);
  });

  test("a plan's cell that is not a number is the scenario's note, naming the row and the column", () => {
    const inputs = paneInputs(template);
    const plans = inputs.plans.map((r) => (r[PLAN_COLUMNS.plan] === "intercom.fin" ? { ...r, [PLAN_COLUMNS.price]: "n/a" } : r));
    const row = plans.findIndex((r) => r[PLAN_COLUMNS.plan] === "intercom.fin") + 1;
    const [result] = computeScenarios({ ...inputs, plans, scenarios: [{ Scenario: "Fin", "Pricing model": "intercom.fin" }] }).results;
    expect(scenarioCellContent(result?.[0] ?? null)).toBe(`Vendors sheet's plans row ${row}: Price must be a number, not "n/a".`);
  });

  test("a model that is neither the Inputs sheet's nor a plan is refused by name", () => {
    const [result] = computeScenarios({ ...paneInputs(template), scenarios: [{ Scenario: "X", "Pricing model": "acme.tokens" }] }).results;
    expect(scenarioCellContent(result?.[0] ?? null)).toBe('Scenario X: pricing model "acme.tokens" is not one of the choices.');
  });
});

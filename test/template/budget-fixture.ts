/**
 * Reading the Budget sheet for its tests (test/template/budget.test.ts, and LibreOffice's in
 * test/integration/budget.test.ts): its public names on ranges, a table column's values as
 * the evaluator computes them, and the engine's inputs read from a description.
 */
import { parseAddress } from "../../src/template/model/address";
import type { TemplateDescription } from "../../src/template/model/description";
import { tableColumnRange } from "../../src/template/model/layout";
import { CellError, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { BUDGET_NAMES, TABLES } from "../../src/template/sheets/template";
import type { BudgetInputs, BudgetJob, BudgetPricingModel } from "../../src/engine";
import { tableOf } from "../support/libreoffice";
import { named, rowsAsShown } from "./ledger-fixture";
import { planRatesFromRows } from "../../src/template/actions/plan-rates";

/** Relative agreement: the sheet and the engine sum and multiply in different orders. */
/** The i-th number of a list, which must be there. */
export function at(values: readonly number[], i: number): number {
  const v = values[i];
  if (v === undefined) throw new Error(`no item ${i}`);
  return v;
}

export const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

// ---- Reading the sheet ---------------------------------------------------------------------

export const MONTHLY_NAMES = [BUDGET_NAMES.months, BUDGET_NAMES.ai, BUDGET_NAMES.review, BUDGET_NAMES.platform, BUDGET_NAMES.total, BUDGET_NAMES.actual, BUDGET_NAMES.variance] as const;

/** Where a name on a table column points: its sheet and its data range. */
export function namedRange(description: TemplateDescription, defined: string): { sheet: string; range: string } {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "table") for (const c of block.columns) if (c.name === defined) return { sheet: sheet.name, range: tableColumnRange(block, c.header).replace(/\$/g, "") };
  throw new Error(`no range name ${defined}`);
}

/** A table column's values as the evaluator computes them, top to bottom. */
export function column(evaluator: WorkbookEvaluator, description: TemplateDescription, table: string, header: string): ExcelValue[] {
  const { sheet, block } = tableOf(description, table);
  const [from, to] = tableColumnRange(block, header).replace(/\$/g, "").split(":") as [string, string];
  const a = parseAddress(from);
  const b = parseAddress(to);
  return Array.from({ length: b.row - a.row + 1 }, (_, i) => evaluator.cell(sheet, `${from.replace(/\d+$/, "")}${a.row + i}`));
}

export const numbers = (values: readonly ExcelValue[]): number[] =>
  values.map((v) => {
    if (typeof v !== "number") throw new Error(`not a number: ${v instanceof CellError ? `${v.code} ${v.message}` : JSON.stringify(v)}`);
    return v;
  });

export const valueOf = (evaluator: WorkbookEvaluator, description: TemplateDescription, defined: string): ExcelValue => {
  const { sheet, address } = named(description, defined);
  return evaluator.cell(sheet, address);
};

const MODELS: Readonly<Record<string, BudgetPricingModel>> = { "Per conversation": "perConversation", "Per user": "perUser" };

/** The engine's pricing model as the Inputs sheet names it: a vendor plan from the plans table as the sheet shows it, or one of the Inputs sheet's own. */
export function pricingModelOf(description: TemplateDescription, evaluator: WorkbookEvaluator): BudgetPricingModel {
  const model = String(valueOf(evaluator, description, "PricingModel"));
  const plan = planRatesFromRows(rowsAsShown(description, evaluator, TABLES.vendorPlans), model);
  if (plan !== undefined) {
    if ("key" in plan) throw new Error(`plans row ${plan.row}: ${plan.key} is ${String(plan.value)}`);
    const n = (defined: string): number => numbers([valueOf(evaluator, description, defined)])[0] as number;
    return { plan, setting: { resolutionRate: n("ResolutionRate"), users: n("LicensedUsers") } };
  }
  return MODELS[model] ?? "flex";
}

/** The engine's inputs, read from the description: its Jobs rows and its named inputs as the sheet has them. */
export function inputsOf(description: TemplateDescription, evaluator: WorkbookEvaluator): BudgetInputs {
  const n = (defined: string): number => numbers([valueOf(evaluator, description, defined)])[0] as number;
  // As the cells show them: the example jobs' Units per item is a formula (the interaction mix's average).
  const jobs = rowsAsShown(description, evaluator, TABLES.jobs).map(
    (r): BudgetJob => ({
      job: r.Job === null ? "" : String(r.Job),
      volumePerWeek: Number(r["Volume per week"] ?? 0),
      unitsPerItem: Number(r["Units per item"] ?? 0),
      targetAcceptanceRate: Number(r["Target acceptance rate"] ?? 0),
      rerunRate: Number(r["Rerun rate"] ?? 0),
      reviewMinutesPerItem: Number(r["Review minutes per item"] ?? 0),
      rampMonths: Number(r["Ramp (months)"] ?? 0),
      monthlyGrowth: Number(r["Monthly growth"] ?? 0),
    }),
  );
  return {
    fiscalYearStart: n(BUDGET_NAMES.fiscalYearStart),
    weeksPerMonth: n("WeeksPerMonth"),
    model: pricingModelOf(description, evaluator),
    pricePerConversation: n("PricePerConversation"),
    creditsPerAction: n("CreditsPerAction"),
    pricePer100kCredits: n("PricePer100kCredits"),
    prepurchaseDiscount: n("PrepurchaseDiscount"),
    licensedUsers: n("LicensedUsers"),
    pricePerUserMonth: n("PricePerUserMonth"),
    reviewerHourlyUsd: n("ReviewerHourlyCost"),
    humanCostPerCaseUsd: n("HumanCostPerCase"),
    jobs,
    platform: {
      seatUsers: n("BudgetSeatUsers"),
      dataCloudShareOfAiSpend: n("DataCloudShare"),
      sandboxShareOfUsage: n("SandboxShare"),
      sandboxDiscount: n("SandboxDiscount"),
      supportSurcharge: n("SupportSurcharge"),
      developmentUsd: n("DevelopmentCost"),
      amortisationMonths: n("DevelopmentAmortisationMonths"),
      includedCreditsPerYear: n("IncludedCreditsPerYear"),
      freeCredits: n("FreeCredits"),
    },
  };
}

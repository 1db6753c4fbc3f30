/**
 * Random budgets and scenarios for the differential tests that tie the Scenarios maths
 * together (computeScenarios, the Jobs and ROI sheets, the portable result formulas), and
 * what the pane's refresh reads from a workbook for them.
 */
import fc from "fast-check";
import type { ScenarioInputs } from "../../src/template/actions/scenarios";
import type { TemplateDescription } from "../../src/template/model/description";
import { valueCell } from "../../src/template/model/layout";
import { workbookEvaluator, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { TABLES, pricingModelChoices } from "../../src/template/sheets/template";
import { tableOf } from "../support/libreoffice";
import { rowsAsShown } from "./ledger-fixture";

/**
 * What the pane's refresh reads: every named cell's value, the Jobs and plans tables' rows as
 * their cells show them (a formula's result), and the Scenarios rows as written.
 */
export function paneInputs(description: TemplateDescription, evaluator: WorkbookEvaluator = workbookEvaluator(description)): ScenarioInputs & { readonly plans: readonly Record<string, unknown>[] } {
  const names: Record<string, unknown> = {};
  for (const sheet of description.sheets)
    for (const block of sheet.blocks) if (block.kind === "cells") block.cells.forEach((c, i) => c.name && (names[c.name] = evaluator.cell(sheet.name, valueCell(block, i))));
  return {
    names,
    jobs: rowsAsShown(description, evaluator, TABLES.jobs),
    scenarios: [...tableOf(description, TABLES.scenarios).block.rows],
    plans: rowsAsShown(description, evaluator, TABLES.vendorPlans),
  };
}

/** Every pricing model the workbook offers: the Inputs sheet's three and the vendor plans (the one plan selector). */
const MODELS = pricingModelChoices("2026-11-23");

/** Figures as typed, to four decimals: no subnormal volumes whose products round to 0 in one order and not the other. */
export const decimal = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: Math.round(min * 1e4), max: Math.round(max * 1e4) }).map((n) => n / 1e4);

const rate = decimal(0, 1);

/** A Jobs row's inputs the maths reads. */
export const jobInputs = fc.record({
  "Volume per week": decimal(0, 5000),
  "Units per item": decimal(0, 12),
  "Target acceptance rate": decimal(0.0001, 1),
  "Rerun rate": decimal(0, 1.5),
  "Review minutes per item": decimal(0, 30),
  // Whether its items are the ROI sheet's cases; anything but Yes is not (a blank, a typo).
  "Human case": fc.constantFrom("Yes", "No", "", "yes", "yes "),
});

/** A scenario's overrides, any of them left blank. */
export const scenarioOverrides = fc.record(
  {
    "Volume multiplier": decimal(0, 5),
    "Acceptance rate": decimal(0.0001, 1),
    "Rerun rate": decimal(0, 1.5),
    Discount: decimal(0, 0.95),
    "Pricing model": fc.constantFrom(...MODELS),
    "Resolution rate": rate,
  },
  { requiredKeys: [] },
);

/** The named inputs the scenarios read. */
export const budgetInputs = fc.record({
  PricingModel: fc.constantFrom(...MODELS),
  LicensedUsers: fc.integer({ min: 0, max: 500 }),
  PrepurchaseDiscount: decimal(0, 0.95),
  EnablementCost: decimal(0, 1e6),
  ResolutionRate: rate,
  EscalationSavings: rate,
});

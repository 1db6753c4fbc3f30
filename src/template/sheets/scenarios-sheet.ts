/**
 * The Scenarios sheet (template.md §6): named what-ifs over the budget, with results the pane refreshes.
 */
import { PRICING_MODEL_NAMES } from "../../engine";
import { Stack, amount, rate } from "./builders";
import { SHEETS, TABLES, MODEL_CHOICES, STAMP_NAMES, SCENARIO_RESULT_COLUMNS, type TemplateOptions } from "./names";
import type { CellBlock, SheetSpec, TableBlock, TableColumn, TableRow } from "../model/description";

export function scenariosSheet(options: TemplateOptions): SheetSpec {
  const stack = new Stack();
  const scenario = (scenarioName: string, multiplier: number, overrides: Partial<Record<"Acceptance rate" | "Rerun rate" | "Discount" | "Pricing model" | "Resolution rate", number | string>> = {}): TableRow => ({
    Scenario: scenarioName,
    "Volume multiplier": multiplier,
    ...overrides,
  });
  stack.push<CellBlock>({
    kind: "cells",
    anchor: stack.anchor(),
    heading: "Last refresh",
    cells: [
      { label: "Refreshed at", name: STAMP_NAMES.at, value: { input: "not yet: press Refresh scenarios in the task pane" }, format: "dateTime", style: "output" },
      { label: "Rate card", name: STAMP_NAMES.rateCard, value: { input: "" }, format: "text", style: "output" },
    ],
  });
  stack.push<TableBlock>({
    kind: "table",
    name: TABLES.scenarios,
    anchor: stack.anchor(),
    heading: "Scenarios: blank inputs keep the Jobs, Inputs and ROI values; the first row is the base",
    columns: [
      { header: "Scenario", kind: "input", format: "text" },
      { header: "Volume multiplier", kind: "input", format: "decimal", validation: amount("Volume against the Jobs sheet's, 1 = the same.") },
      { header: "Acceptance rate", kind: "input", format: "percent", validation: { kind: "decimal", min: 0.0001, max: 1, prompt: "Replaces every job's target acceptance rate; blank keeps them." } },
      { header: "Rerun rate", kind: "input", format: "percent", validation: amount("Replaces every job's rerun rate; blank keeps them.") },
      { header: "Discount", kind: "input", format: "percent", validation: rate("Pre-purchase discount; blank keeps the Inputs sheet's.") },
      { header: "Pricing model", kind: "input", format: "text", validation: { kind: "list", choices: MODEL_CHOICES, prompt: "Blank keeps the Inputs sheet's model." } },
      { header: "Resolution rate", kind: "input", format: "percent", validation: rate("Replaces the ROI sheet's resolution rate; blank keeps it.") },
      ...SCENARIO_RESULT_COLUMNS.map((header): TableColumn => ({ header, kind: "result", format: header.includes("Payback") ? "months" : "usd" })),
    ],
    rows: options.examples
      ? [
          scenario("Base", 1),
          scenario("Double volume", 2),
          scenario("Stricter quality bar", 1, { "Acceptance rate": 0.7, "Rerun rate": 0.3 }),
          scenario("Per-user licences", 1, { "Pricing model": PRICING_MODEL_NAMES.perUser }),
          scenario("Better resolution", 1, { "Resolution rate": 0.75 }),
        ]
      : [scenario("Base", 1)],
    exampleRows: 0,
    totalRow: false,
  });
  return {
    name: SHEETS.scenarios,
    purpose: "Named what-ifs over the whole budget; Refresh scenarios in the task pane recomputes them against the base.",
    tabColor: "7030A0",
    columnWidths: [26, 12, 12, 12, 12, 18, 12, 14, 16, 14, 16, 16, 14],
    blocks: stack.blocks,
    conditionalFormats: [],
  };
}

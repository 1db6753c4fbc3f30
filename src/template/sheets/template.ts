/**
 * The budgeting workbook (template.md), described once. Writers render this description
 * and hold no layout of their own. Every derived figure is a formula over named inputs and
 * table columns; prices come from the workbook's own RateCard table (filled from the
 * built-in rate card), so an analyst overrides a price in one place.
 *
 * The example inputs reproduce the published worked figures (docs/model.md): 10,000
 * interactions a month at a 60/30/10 % mix of 3/7/14 actions → 53,000 actions; $5,300,
 * $3,975, $20,000 and $6,250 a month; $8.37 per case; $4.68 blended; payback ≈ 8.1 months.
 */
import { localIsoToday } from "../../engine";
import { numberFormats, type TemplateDescription } from "../model/description";
import { budgetSheet } from "./budget-sheet";
import { inputsSheet } from "./inputs-sheet";
import { exampleJobs, jobsSheet } from "./jobs-sheet";
import { governanceSheet } from "./governance-sheet";
import { exampleLedgerRows, importedTableSheet, ledgerSheet } from "./ledger-sheet";
import { LEDGER_WORKBOOK } from "./ledger-tables";
import type { TemplateOptions } from "./names";
import { pricingSheet } from "./pricing-sheet";
import { roiSheet } from "./roi-sheet";
import { scenariosSheet } from "./scenarios-sheet";
import { summarySheet } from "./summary-sheet";
import { vendorsSheet } from "./vendors-sheet";
import { walletSheet } from "./wallet-sheet";

export const TEMPLATE_VERSION = "1.4.0";

export { BUDGET_NAMES, SHEETS, TABLES, MODEL_CHOICES, pricingModelChoices, WORKFLOWS, STAMP_NAMES, SCENARIO_RESULT_COLUMNS, type TemplateOptions } from "./names";
export { DAILY_ROWS, SPIKE } from "./wallet-sheet";
export { EXAMPLE_IMPORT, exampleLedgerRows } from "./ledger-sheet";

/** The whole template. */
export function describeTemplate(options: Partial<TemplateOptions> = {}): TemplateDescription {
  const full: TemplateOptions = {
    examples: options.examples ?? true,
    currency: options.currency ?? "USD",
    asOf: options.asOf ?? localIsoToday(),
    ...(options.imported ? { imported: options.imported } : {}),
  };
  const ledgerExamples = full.examples ? exampleLedgerRows() : [];
  const imported = full.imported;
  return {
    version: TEMPLATE_VERSION,
    formats: numberFormats(full.currency),
    sheets: [
      summarySheet(full),
      inputsSheet(full),
      jobsSheet(full),
      budgetSheet(full),
      pricingSheet(),
      vendorsSheet(full),
      roiSheet(full),
      walletSheet(full),
      governanceSheet(full, exampleJobs().map((row) => row.Job as string)),
      ledgerSheet(full, exampleJobs().map((row) => row.Job as string)),
      scenariosSheet(full),
      importedTableSheet(LEDGER_WORKBOOK.ledger, [...ledgerExamples, ...(imported?.ledger ?? [])], ledgerExamples.length, "The imported usage log: one row per agent action (Import → Usage log in the task pane appends here; the example rows are marked Example in the Import column).", "4472C4"),
      importedTableSheet(LEDGER_WORKBOOK.rejects, [...(imported?.rejects ?? [])], 0, "Rows of an imported log that could not be read: the import, the source row and why. Nothing is dropped silently.", "C00000"),
      importedTableSheet(LEDGER_WORKBOOK.imports, [...(imported?.imports ?? [])], 0, "One row per import: the file, its counts, the content hash and the column mapping used.", "808080"),
      importedTableSheet(
        LEDGER_WORKBOOK.rawKeys,
        [...(imported?.rawKeys ?? [])],
        0,
        "The raw actions each aggregated import summed into daily rows, as packed hashes of their keys: a later export that overlaps them adds only the actions it alone holds. Written by the importer; leave as is.",
        "808080",
      ),
    ],
  };
}

/**
 * The workbook's names that formulas, writers and the pane refer to: its sheets and tables,
 * and the options a template is built with. In a module of their own so each sheet's module
 * can use them without importing the whole template.
 */
import { LEDGER_SUMMARIES, LEDGER_WORKBOOK } from "../ledger/tables";

export interface TemplateOptions {
  /** Include the example rows and inputs (marked as examples). */
  readonly examples: boolean;
  /** The currency label shown beside amounts. */
  readonly currency: string;
  /** The rate card's date, ISO; today by default. */
  readonly asOf: string;
}

/** Sheet names, table names and the pricing-model choices: what formulas and the pane refer to. */
export const SHEETS = {
  inputs: "Inputs",
  jobs: "Jobs",
  pricing: "Pricing",
  roi: "ROI",
  wallet: "Wallet",
  ledger: "Ledger",
  scenarios: "Scenarios",
  // Where the importer's tables live (src/ledger/tables.ts), named there once.
  ledgerRows: LEDGER_WORKBOOK.ledger.sheet,
  rejects: LEDGER_WORKBOOK.rejects.sheet,
  imports: LEDGER_WORKBOOK.imports.sheet,
} as const;
export const TABLES = {
  rateCard: "RateCard",
  jobs: "Jobs",
  mix: "InteractionMix",
  comparison: "PricingComparison",
  forecast: "CreditForecast",
  teams: LEDGER_SUMMARIES.teamBudgets.table,
  scenarios: "Scenarios",
  ledger: LEDGER_WORKBOOK.ledger.table,
  rejects: LEDGER_WORKBOOK.rejects.table,
  imports: LEDGER_WORKBOOK.imports.table,
  // The summaries the importer adds rows to (src/ledger/tables.ts).
  ledgerSummary: LEDGER_SUMMARIES.byJob.table,
  ledgerByActionType: LEDGER_SUMMARIES.byActionType.table,
  ledgerByAgent: LEDGER_SUMMARIES.byAgent.table,
  ledgerByTeam: LEDGER_SUMMARIES.byTeam.table,
  daily: "DailyConsumption",
  loops: LEDGER_SUMMARIES.loops.table,
  walletThresholds: "WalletThresholds",
} as const;

/**
 * The workbook's names that formulas, writers and the pane refer to: its sheets and tables,
 * and the options a template is built with. In a module of their own so each sheet's module
 * can use them without importing the whole template.
 */
import { PRICING_MODEL_NAMES, builtInPlans, plansInForce } from "../../engine";
import type { TableRow } from "../model/description";
import { LEDGER_SUMMARIES, LEDGER_WORKBOOK } from "./ledger-tables";

export interface TemplateOptions {
  /** Include the example rows and inputs (marked as examples). */
  readonly examples: boolean;
  /** The ISO 4217 code whose symbol the money formats show (USD, EUR, JPY…). */
  readonly currency: string;
  /** The rate card's date, ISO; today by default. */
  readonly asOf: string;
  /** Usage logs imported without Excel (npm run template -- --log): rows that follow the examples. */
  readonly imported?: ImportedRows;
}

/** What headless imports add, in the importer's columns (src/import/plan.ts decides them as the pane's import does). */
export interface ImportedRows {
  readonly ledger: readonly TableRow[];
  readonly rejects: readonly TableRow[];
  readonly imports: readonly TableRow[];
  /** The packed raw keys of aggregated imports (src/import/raw-keys.ts). */
  readonly rawKeys: readonly TableRow[];
  /** The values each summary table gains (new jobs, agents, teams, action types), by table name. */
  readonly summaries: Readonly<Record<string, readonly string[]>>;
}

/** A summary table's imported rows: the key column only, as the pane's import adds them (the other inputs stay blank). */
export const importedSummaryRows = (options: TemplateOptions, table: string, column: string): TableRow[] =>
  (options.imported?.summaries[table] ?? []).map((value) => ({ [column]: value }));

/** Sheet names, table names and the pricing-model choices: what formulas and the pane refer to. */
export const SHEETS = {
  summary: "Summary",
  inputs: "Inputs",
  jobs: "Jobs",
  budget: "Budget",
  pricing: "Pricing",
  vendors: "Vendors",
  roi: "ROI",
  wallet: "Wallet",
  governance: "Governance",
  ledger: "Ledger",
  scenarios: "Scenarios",
  // Where the importer's tables live (src/template/sheets/ledger-tables.ts), named there once.
  ledgerRows: LEDGER_WORKBOOK.ledger.sheet,
  rejects: LEDGER_WORKBOOK.rejects.sheet,
  imports: LEDGER_WORKBOOK.imports.sheet,
  rawKeys: LEDGER_WORKBOOK.rawKeys.sheet,
} as const;
export const TABLES = {
  rateCard: "RateCard",
  jobs: "Jobs",
  mix: "InteractionMix",
  comparison: "PricingComparison",
  roiByModel: "ReturnByPricingModel",
  vendorComparison: "VendorComparison",
  vendorCommitments: "VendorCommitments",
  vendorPlans: "VendorPlans",
  pricingModels: "PricingModels",
  forecast: "CreditForecast",
  teams: LEDGER_SUMMARIES.teamBudgets.table,
  scenarios: "Scenarios",
  ledger: LEDGER_WORKBOOK.ledger.table,
  rejects: LEDGER_WORKBOOK.rejects.table,
  imports: LEDGER_WORKBOOK.imports.table,
  rawKeys: LEDGER_WORKBOOK.rawKeys.table,
  // The summaries the importer adds rows to (src/template/sheets/ledger-tables.ts).
  ledgerSummary: LEDGER_SUMMARIES.byJob.table,
  ledgerByActionType: LEDGER_SUMMARIES.byActionType.table,
  ledgerByAgent: LEDGER_SUMMARIES.byAgent.table,
  ledgerByTeam: LEDGER_SUMMARIES.byTeam.table,
  daily: "DailyConsumption",
  loops: LEDGER_SUMMARIES.loops.table,
  walletThresholds: "WalletThresholds",
  budget: "BudgetByMonth",
  budgetVsActual: "BudgetVsActual",
  governance: "GovernanceChecklist",
  retryCaps: "RetryCaps",
} as const;

/**
 * The Budget sheet's workbook-scoped names: a public contract other workbooks and checks
 * read (template.md "One budget"). The monthly ones are 12 cells each, first month first.
 */
export const BUDGET_NAMES = {
  fiscalYearStart: "FiscalYearStart",
  months: "BudgetMonths",
  ai: "BudgetMonthlyAI",
  review: "BudgetMonthlyReview",
  platform: "BudgetMonthlyPlatform",
  total: "BudgetMonthlyTotal",
  annualTotal: "BudgetAnnualTotal",
  actual: "ActualMonthlyTotal",
  variance: "VarianceMonthlyTotal",
} as const;


/** The pricing models the Inputs sheet prices itself. */
export const MODEL_CHOICES = [PRICING_MODEL_NAMES.perConversation, PRICING_MODEL_NAMES.flexDiscounted, PRICING_MODEL_NAMES.perUser] as const;
/** The defined name over the Inputs sheet's list of pricing models, the drop-downs' source. */
export const PRICING_MODEL_CHOICES_NAME = "PricingModelChoices";
/** Every pricing model the workbook offers as built: the Inputs sheet's three, then the vendor plans in force on the date (the one plan selector, issue 12). */
export const pricingModelChoices = (asOf: string): string[] => [...MODEL_CHOICES, ...plansInForce(builtInPlans, asOf).map((plan) => plan.key)];
export const WORKFLOWS = ["Research", "Enrichment", "Follow-ups", "Pipeline updates", "Support", "Custom"] as const;

/** The named cells the pane stamps after a refresh: when, and which rate card. */
export const STAMP_NAMES = { at: "ScenariosRefreshedAt", rateCard: "ScenariosRateCard" } as const;

/** The Scenarios table's columns the pane writes (results) and reads (inputs). */
export const SCENARIO_RESULT_COLUMNS = [
  "Monthly cost",
  "Cost per acceptable outcome",
  "Payback (months)",
  "Δ monthly cost vs base",
  "Δ cost per outcome vs base",
  "Δ payback vs base",
] as const;

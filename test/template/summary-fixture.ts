/**
 * The Summary sheet's headlines and what each summarises, for its tests
 * (test/template/summary.test.ts, and LibreOffice's in test/integration/summary.test.ts).
 */
import { BUDGET_NAMES } from "../../src/template/sheets/template";

/** Each headline and what it summarises: a named cell, or the sum or count of a named range. */
export const HEADLINES: readonly (readonly [headline: string, source: string, how: "cell" | "sum" | "count"])[] = [
  ["SummaryAnnualTotal", BUDGET_NAMES.annualTotal, "cell"],
  ["SummaryAnnualAI", BUDGET_NAMES.ai, "sum"],
  ["SummaryAnnualReview", BUDGET_NAMES.review, "sum"],
  ["SummaryAnnualPlatform", BUDGET_NAMES.platform, "sum"],
  ["SummaryPricingModel", "PricingModel", "cell"],
  ["SummaryFiscalYearStart", BUDGET_NAMES.fiscalYearStart, "cell"],
  ["SummaryActualMonths", BUDGET_NAMES.actual, "count"],
  ["SummaryActualToDate", BUDGET_NAMES.actual, "sum"],
  ["SummaryActualBudget", "ActualMonthsBudget", "cell"],
  ["SummaryVarianceToDate", BUDGET_NAMES.variance, "sum"],
  ["SummaryCheapestModel", "CheapestModel", "cell"],
  ["SummaryActionsPerMonth", "TotalActionsPerMonth", "cell"],
  ["SummaryHumanCostPerCase", "HumanCostPerCase", "cell"],
  ["SummaryBlendedCostPerCase", "BlendedCostPerCase", "cell"],
  ["SummaryPaybackMonths", "PaybackMonths", "cell"],
  ["SummaryWalletAlert", "WalletAlert", "cell"],
  ["SummaryTermDepletionDate", "DepletionDate", "cell"],
  ["SummaryPeriodForecast", "WalletPeriodForecast", "cell"],
  ["SummaryForecastAlert", "WalletPeriodForecastAlert", "cell"],
  ["SummaryPeriodDepletionDate", "WalletDepletionDate", "cell"],
  ["SummaryCostPerOutcome", "LedgerCostPerOutcome", "cell"],
  ["SummaryAcceptance", "LedgerAcceptance", "cell"],
  ["SummaryReconciled", "LedgerReconciled", "cell"],
];

/**
 * Recomputes the Scenarios table with the engine: each scenario applies its overrides to
 * the Jobs rows and the named inputs (blank = keep), and gets its monthly cost, cost per
 * acceptable outcome and payback, plus the difference from the first (base) scenario.
 * Pure: the Office.js writer reads the tables (one round trip), calls this, and writes the
 * results (one round trip). Mirrors the Jobs sheet's formulas (template.ts) exactly.
 */
import {
  Failure,
  PRICING_MODEL_NAMES,
  conversationCostUsd,
  flexCostUsd,
  paybackMonths,
  planShareUsd,
  seatCostUsd,
  type PlanRates,
} from "../../engine";
import { planRatesFromRows } from "./plan-rates";
import type { CellValue, ScenarioChange, ScenarioFigure, ScenarioPlace, ScenarioProblem } from "../../messages/workbook";
import { SCENARIO_RESULT_COLUMNS } from "../sheets/template";
import { scenarioCellContent, type ScenarioCell } from "./refresh";

export type Row = Readonly<Record<string, unknown>>;

export interface ScenarioInputs {
  /** The template's named inputs by name, as read from the workbook. */
  readonly names: Row;
  readonly jobs: readonly Row[];
  readonly scenarios: readonly Row[];
  /** The Vendors sheet's plans table (VendorPlans): a scenario or the Inputs sheet may price under one of its plans. */
  readonly plans?: readonly Row[];
}

export interface ScenarioOutcome {
  /** One row per scenario, SCENARIO_RESULT_COLUMNS in order: numbers, or a note where a figure does not exist. */
  readonly results: ScenarioCell[][];
  /** What changed since the values read, as data (src/messages says it in words). */
  readonly changes: ScenarioChange[];
}

/** A figure that can't be computed, and why. */
class Unreadable extends Error {
  constructor(readonly problem: ScenarioProblem) {
    super(problem.code);
    this.name = "Unreadable";
  }
}

const blank = (v: unknown): boolean => v === null || v === undefined || v === "";

/** A value as read from a cell, for a problem to quote. */
const cellValue = (v: unknown): CellValue => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null);

function number(row: Row, key: string, place: ScenarioPlace): number {
  const v = row[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Unreadable({ code: "notANumber", place, key, value: cellValue(v) });
  return v;
}

/** The scenario's own value where given, else the fallback. */
function override(scenario: Row, key: string, place: ScenarioPlace, fallback: () => number): number {
  return blank(scenario[key]) ? fallback() : number(scenario, key, place);
}

interface Figures {
  monthlyCost: number;
  costPerOutcome: ScenarioCell;
  payback: ScenarioCell;
}

/** The scenario's name as typed ("" when blank) and its row from 1. */
const whoOf = (scenario: Row, i: number): { scenario: string; row: number } => ({ scenario: blank(scenario.Scenario) ? "" : String(scenario.Scenario), row: i + 1 });

function computeOne(inputs: ScenarioInputs, scenario: Row, i: number): Figures {
  const n = inputs.names;
  const here: ScenarioPlace = { where: "scenario", ...whoOf(scenario, i) };
  const value = (key: string): number => number(n, key, { where: "inputs" });
  const multiplier = override(scenario, "Volume multiplier", here, () => 1);
  const modelText = blank(scenario["Pricing model"]) ? n.PricingModel : scenario["Pricing model"];
  const model = String(modelText);
  const plan = planPricing(inputs.plans ?? [], model);
  if (plan === undefined && ![PRICING_MODEL_NAMES.perConversation, PRICING_MODEL_NAMES.flexDiscounted, PRICING_MODEL_NAMES.perUser].includes(model))
    throw new Unreadable({ code: "unknownPricingModel", ...whoOf(scenario, i), model });
  const discount = override(scenario, "Discount", here, () => value("PrepurchaseDiscount"));
  const weeksPerMonth = value("WeeksPerMonth");
  const reviewerHourly = value("ReviewerHourlyCost");

  const jobs = inputs.jobs
    .filter((job) => !blank(job.Job) || !blank(job["Volume per week"]))
    .map((job, j) => {
      const where: ScenarioPlace = { where: "jobs", row: j + 1 };
      const items = number(job, "Volume per week", where) * weeksPerMonth * multiplier;
      const rerun = override(scenario, "Rerun rate", here, () => number(job, "Rerun rate", where));
      const acceptance = override(scenario, "Acceptance rate", here, () => number(job, "Target acceptance rate", where));
      const units = items * (1 + rerun) * number(job, "Units per item", where);
      // The ROI sheet's cases are the items of the jobs marked Human case (Excel compares text in any case).
      const humanCase = typeof job["Human case"] === "string" && job["Human case"].toLowerCase() === "yes";
      return { items, rerun, acceptance, units, humanCase, reviewMinutes: number(job, "Review minutes per item", where) };
    });
  const totalUnits = jobs.reduce((sum, j) => sum + j.units, 0);
  const totalRuns = jobs.reduce((sum, j) => sum + j.items * (1 + j.rerun), 0);
  const resolution = override(scenario, "Resolution rate", here, () => value("ResolutionRate"));
  // Licensed users are read only where they are billed (a plan's seats), as under per user.
  const planSetting = { resolutionRate: resolution, users: plan?.charges === "seat" ? value("LicensedUsers") : 0 };
  const seats = model === PRICING_MODEL_NAMES.perUser ? seatCostUsd(value("LicensedUsers"), 1, value("PricePerUserMonth")) : 0;

  let monthlyCost = 0;
  let accepted = 0;
  let caseItems = 0;
  let caseAi = 0;
  for (const job of jobs) {
    const ai =
      plan !== undefined
        ? planShareUsd(plan, { conversations: job.items * (1 + job.rerun), actions: job.units }, { conversations: totalRuns, actions: totalUnits }, planSetting)
        : model === PRICING_MODEL_NAMES.perConversation
        ? conversationCostUsd(job.items * (1 + job.rerun), value("PricePerConversation"))
        : model === PRICING_MODEL_NAMES.perUser
          ? totalUnits === 0
            ? 0
            : (seats * job.units) / totalUnits
          : flexCostUsd(job.units, value("CreditsPerAction"), value("PricePer100kCredits"), discount);
    monthlyCost += ai + ((job.items * job.reviewMinutes) / 60) * reviewerHourly;
    accepted += job.items * job.acceptance;
    if (job.humanCase) {
      caseItems += job.items;
      caseAi += ai;
    }
  }
  // Over all jobs, the Jobs sheet's all-in figure is total cost ÷ accepted outcomes.
  const costPerOutcome: ScenarioCell = accepted > 0 ? monthlyCost / accepted : { code: "noAcceptedOutcomes" };
  // The ROI sheet's figures under this scenario's volume, model and discount: its case jobs' AI cost per case.
  // No case jobs: nothing to pay back against, as on the ROI sheet.
  const payback = caseItems > 0 ? paybackMonths(value("EnablementCost"), caseItems * 12, value("HumanCostPerCase"), caseAi / caseItems, resolution, value("EscalationSavings")) : undefined;
  return { monthlyCost, costPerOutcome, payback: payback === undefined || payback instanceof Failure ? { code: "noPayback" } : payback };
}

/** A vendor plan's rates when `model` names a row of the plans table (MATCH's rule: any case); a cell it can't read is the scenario's problem. */
function planPricing(plans: readonly Row[], model: string): PlanRates | undefined {
  const rates = planRatesFromRows(plans, model);
  if (rates !== undefined && "key" in rates) throw new Unreadable({ code: "notANumber", place: { where: "plans", row: rates.row }, key: rates.key, value: cellValue(rates.value) });
  return rates;
}

/** The figures a change line names, in the result columns' order. */
const FIGURES: readonly ScenarioFigure[] = ["monthlyCost", "costPerOutcome", "payback"];

const delta = (a: ScenarioCell, b: ScenarioCell): ScenarioCell => (typeof a === "number" && typeof b === "number" ? a - b : null);

/** Recomputes every scenario; the first is the base the differences are taken from. */
export function computeScenarios(inputs: ScenarioInputs): ScenarioOutcome {
  const figures = inputs.scenarios.map((scenario, i): Figures | ScenarioProblem => {
    try {
      return computeOne(inputs, scenario, i);
    } catch (error) {
      if (error instanceof Unreadable) return error.problem;
      throw error;
    }
  });
  const base = figures[0];
  const computed = (f: Figures | ScenarioProblem | undefined): f is Figures => f !== undefined && "monthlyCost" in f;
  const results = figures.map((f): ScenarioCell[] => {
    if (!computed(f)) return [f, null, null, null, null, null];
    if (!computed(base)) return [f.monthlyCost, f.costPerOutcome, f.payback, null, null, null];
    return [f.monthlyCost, f.costPerOutcome, f.payback, f.monthlyCost - base.monthlyCost, delta(f.costPerOutcome, base.costPerOutcome), delta(f.payback, base.payback)];
  });
  const changes = figures.flatMap((f, i): ScenarioChange[] => {
    const scenario = inputs.scenarios[i] ?? {};
    const who = whoOf(scenario, i);
    if (!computed(f)) return [{ code: "notComputed", ...who, problem: f }];
    const before = SCENARIO_RESULT_COLUMNS.slice(0, 3).map((c) => cellValue(scenario[c]));
    if (before.every(blank)) return [{ code: "firstTime", ...who }];
    const after = [f.monthlyCost, f.costPerOutcome, f.payback];
    const moved = FIGURES.flatMap((figure, k) => {
      const was = before[k] ?? null;
      const now = after[k] ?? null;
      return now === null || sameFigure(now, was) ? [] : [{ figure, before: was, after: now }];
    });
    return moved.length > 0 ? [{ code: "changed", ...who, figures: moved }] : [];
  });
  return { results, changes };
}

/** Equal to the cent (values read back from a sheet may differ in the last bits); a note is compared as its cell shows it. */
function sameFigure(now: ScenarioCell, was: CellValue): boolean {
  if (typeof now === "number") return typeof was === "number" && Math.abs(now - was) < 0.005;
  return scenarioCellContent(now) === (was ?? "");
}

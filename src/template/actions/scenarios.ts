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
  seatCostUsd,
} from "../../engine";
import { SCENARIO_RESULT_COLUMNS } from "../sheets/template";

export type Row = Readonly<Record<string, unknown>>;

export interface ScenarioInputs {
  /** The template's named inputs by name, as read from the workbook. */
  readonly names: Row;
  readonly jobs: readonly Row[];
  readonly scenarios: readonly Row[];
}

export interface ScenarioOutcome {
  /** One row per scenario, SCENARIO_RESULT_COLUMNS in order: numbers, or a message where a figure does not exist. */
  readonly results: (number | string)[][];
  /** What changed since the values read, in plain words. */
  readonly changes: string[];
}

/** A figure that can't be computed, with the reason the analyst should read. */
class Unreadable extends Error {}

const blank = (v: unknown): boolean => v === null || v === undefined || v === "";

function number(row: Row, key: string, where: string): number {
  const v = row[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Unreadable(`${where}: ${key} must be a number, not ${blank(v) ? "blank" : JSON.stringify(v)}.`);
  return v;
}

/** The scenario's own value where given, else the fallback. */
function override(scenario: Row, key: string, where: string, fallback: () => number): number {
  return blank(scenario[key]) ? fallback() : number(scenario, key, where);
}

interface Figures {
  monthlyCost: number;
  costPerOutcome: number | string;
  payback: number | string;
}

function computeOne(inputs: ScenarioInputs, scenario: Row, label: string): Figures {
  const n = inputs.names;
  const value = (key: string): number => number(n, key, "Inputs");
  const multiplier = override(scenario, "Volume multiplier", label, () => 1);
  const modelText = blank(scenario["Pricing model"]) ? n.PricingModel : scenario["Pricing model"];
  const model = String(modelText);
  if (![PRICING_MODEL_NAMES.perConversation, PRICING_MODEL_NAMES.flexDiscounted, PRICING_MODEL_NAMES.perUser].includes(model))
    throw new Unreadable(`${label}: pricing model "${model}" is not one of the choices.`);
  const discount = override(scenario, "Discount", label, () => value("PrepurchaseDiscount"));
  const weeksPerMonth = value("WeeksPerMonth");
  const reviewerHourly = value("ReviewerHourlyCost");

  const jobs = inputs.jobs
    .filter((job) => !blank(job.Job) || !blank(job["Volume per week"]))
    .map((job, i) => {
      const where = `Jobs row ${i + 1}`;
      const items = number(job, "Volume per week", where) * weeksPerMonth * multiplier;
      const rerun = override(scenario, "Rerun rate", label, () => number(job, "Rerun rate", where));
      const acceptance = override(scenario, "Acceptance rate", label, () => number(job, "Target acceptance rate", where));
      const units = items * number(job, "Units per item", where) * (1 + rerun);
      return { items, rerun, acceptance, units, reviewMinutes: number(job, "Review minutes per item", where) };
    });
  const totalUnits = jobs.reduce((sum, j) => sum + j.units, 0);
  const seats = model === PRICING_MODEL_NAMES.perUser ? seatCostUsd(value("LicensedUsers"), 1, value("PricePerUserMonth")) : 0;

  let monthlyCost = 0;
  let accepted = 0;
  for (const job of jobs) {
    const ai =
      model === PRICING_MODEL_NAMES.perConversation
        ? conversationCostUsd(job.items * (1 + job.rerun), value("PricePerConversation"))
        : model === PRICING_MODEL_NAMES.perUser
          ? totalUnits === 0
            ? 0
            : (seats * job.units) / totalUnits
          : flexCostUsd(job.units, value("CreditsPerAction"), value("PricePer100kCredits"), discount);
    monthlyCost += ai + ((job.items * job.reviewMinutes) / 60) * reviewerHourly;
    accepted += job.items * job.acceptance;
  }
  // Over all jobs, the Jobs sheet's all-in figure is total cost ÷ accepted outcomes.
  const costPerOutcome = accepted > 0 ? monthlyCost / accepted : "no accepted outcomes";
  const resolution = override(scenario, "Resolution rate", label, () => value("ResolutionRate"));
  const payback = paybackMonths(
    value("EnablementCost"),
    value("AnnualCases") * multiplier,
    value("HumanCostPerCase"),
    value("AiCostPerCase"),
    resolution,
    value("EscalationSavings"),
  );
  return { monthlyCost, costPerOutcome, payback: payback instanceof Failure ? "no payback" : payback };
}

const delta = (a: number | string, b: number | string): number | string => (typeof a === "number" && typeof b === "number" ? a - b : "");

/** Recomputes every scenario; the first is the base the differences are taken from. */
export function computeScenarios(inputs: ScenarioInputs): ScenarioOutcome {
  const figures = inputs.scenarios.map((scenario, i): Figures | string => {
    const label = `Scenario ${blank(scenario.Scenario) ? i + 1 : String(scenario.Scenario)}`;
    try {
      return computeOne(inputs, scenario, label);
    } catch (error) {
      if (error instanceof Unreadable) return error.message;
      throw error;
    }
  });
  const base = figures[0];
  const results = figures.map((f): (number | string)[] => {
    if (typeof f === "string") return [f, "", "", "", "", ""];
    if (base === undefined || typeof base === "string") return [f.monthlyCost, f.costPerOutcome, f.payback, "", "", ""];
    return [f.monthlyCost, f.costPerOutcome, f.payback, f.monthlyCost - base.monthlyCost, delta(f.costPerOutcome, base.costPerOutcome), delta(f.payback, base.payback)];
  });
  const changes: string[] = [];
  inputs.scenarios.forEach((scenario, i) => {
    const before = SCENARIO_RESULT_COLUMNS.slice(0, 3).map((c) => scenario[c]);
    const after = results[i]?.slice(0, 3) ?? [];
    const label = blank(scenario.Scenario) ? `Row ${i + 1}` : String(scenario.Scenario);
    if (typeof after[0] === "string") changes.push(`${label}: ${after[0]}`);
    else if (before.every(blank)) changes.push(`${label}: computed for the first time.`);
    else if (after.some((v, k) => !sameFigure(v, before[k]))) changes.push(`${label}: ${describeChange(before, after)}`);
  });
  return { results, changes };
}

/** Equal to the cent (values read back from a sheet may differ in the last bits). */
function sameFigure(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 0.005 : a === b;
}

function describeChange(before: readonly unknown[], after: readonly unknown[]): string {
  const words = ["monthly cost", "cost per acceptable outcome", "payback"];
  return after
    .map((v, k) => (sameFigure(v, before[k]) ? "" : `${words[k]} ${show(before[k])} → ${show(v)}`))
    .filter(Boolean)
    .join("; ");
}

const show = (v: unknown): string => (typeof v === "number" ? (Math.round(v * 100) / 100).toLocaleString("en-US") : String(v));

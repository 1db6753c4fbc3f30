/**
 * Aggregated ledger rows (issue 11): a row stands for its Count of actions and may carry a cost
 * of its own (stated, or its tokens priced on import). Every summary of the Ledger, Wallet and
 * Budget sheets weights by Count and adds each row's own cost to the others' units under the
 * pricing model, as the engine does: checked here with the template's own evaluator, by hand on a
 * small ledger and against summariseLedger on random aggregated ledgers under each pricing model.
 */
import fc from "fast-check";
import { planRatesFromRows } from "../../src/template/actions/plan-rates";
import { PRICING_MODEL_NAMES, summariseLedger, walletReport, type LedgerFigures, type LedgerGroup, type LedgerPricing } from "../../src/engine";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { CellError, workbookEvaluator, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { TABLES } from "../../src/template/sheets/template";
import { withTableRows } from "./office-fixture";
import { NOV1, figuresByHeader, ledgerRows, named, recordsOf, rowsAsShown, scenario, withInput, withTableRowsLaidOut, type Action } from "./ledger-fixture";

const value = (evaluator: WorkbookEvaluator, description: TemplateDescription, defined: string): ExcelValue => {
  const { sheet, address } = named(description, defined);
  return evaluator.cell(sheet, address);
};

const close = (actual: unknown, expected: number): boolean => typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

/** The scenario with every job, agent, action type and team of the actions listed in its summary table. */
function listed(actions: readonly Action[], pricingModel?: string): TemplateDescription {
  const summary = summariseLedger(recordsOf(ledgerRows(actions)), { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0 } });
  const rows = (key: string, groups: readonly LedgerGroup[]): TableRow[] => groups.map((g) => ({ Example: "", [key]: g.label }));
  let d = scenario(actions, 100_000, summary.byTeam.map((g) => [g.label, 1000]));
  d = withTableRowsLaidOut(d, TABLES.ledgerSummary, rows("Job", summary.byJob));
  d = withTableRowsLaidOut(d, TABLES.ledgerByActionType, rows("Action type", summary.byActionType));
  d = withTableRowsLaidOut(d, TABLES.ledgerByAgent, rows("Agent", summary.byAgent));
  d = withTableRowsLaidOut(d, TABLES.ledgerByTeam, rows("Team", summary.byTeam));
  return pricingModel === undefined ? d : withInput(d, "PricingModel", pricingModel);
}

/** The engine's pricing as the workbook's inputs set it. */
function pricingOf(evaluator: WorkbookEvaluator, description: TemplateDescription): LedgerPricing {
  const n = (defined: string): number => value(evaluator, description, defined) as number;
  const model = value(evaluator, description, "PricingModel");
  const plan = planRatesFromRows(rowsAsShown(description, evaluator, TABLES.vendorPlans), String(model));
  if (plan !== undefined && "key" in plan) throw new Error(`plans row ${plan.row}: ${plan.key}`);
  // A vendor plan: units at its price per unit; a seat plan's bill a month (the Pricing sheet's cell) shared as per-user seats.
  if (plan?.charges === "seat") return { model: "perUser", users: 1, months: n("LedgerMonths"), pricePerUserMonth: n("PlanInUseSeatsPerMonth") };
  if (plan !== undefined) return { model: "perUnit", usdPerUnit: plan.usdPerUnit };
  if (model === PRICING_MODEL_NAMES.perConversation) return { model: "perConversation", pricePerConversation: n("PricePerConversation") };
  if (model === PRICING_MODEL_NAMES.perUser) return { model: "perUser", users: n("LicensedUsers"), months: n("LedgerMonths"), pricePerUserMonth: n("PricePerUserMonth") };
  return { model: "flex", pricePer100kCredits: n("PricePer100kCredits"), discount: n("PrepurchaseDiscount") };
}

/** Every summary figure of the Ledger sheet that differs from summariseLedger's, in words. */
function ledgerDifferences(description: TemplateDescription): string[] {
  const evaluator = workbookEvaluator(description);
  const records = recordsOf(rowsAsShown(description, evaluator, TABLES.ledger).filter((r) => r.Status !== "" && r.Status !== null) as TableRow[]);
  const summary = summariseLedger(records, { pricing: pricingOf(evaluator, description) });
  const out: string[] = [];
  const compare = (where: string, sheet: unknown, engine: number | undefined): void => {
    const agree = engine === undefined ? sheet === "" : close(sheet, engine);
    if (!agree) out.push(`${where}: sheet ${sheet instanceof CellError ? sheet.code : JSON.stringify(sheet)}, engine ${String(engine)}`);
  };
  const tables = [
    [TABLES.ledgerSummary, "Job", summary.byJob],
    [TABLES.ledgerByActionType, "Action type", summary.byActionType],
    [TABLES.ledgerByAgent, "Agent", summary.byAgent],
    [TABLES.ledgerByTeam, "Team", summary.byTeam],
  ] as const;
  for (const [table, key, groups] of tables)
    for (const row of rowsAsShown(description, evaluator, table)) {
      const group = groups.find((g) => g.label === row[key]);
      if (!group) continue;
      const { counts, ratios } = figuresByHeader(group.figures);
      for (const [column, expected] of [...counts, ...ratios]) compare(`${table} ${String(row[key])} ${column}`, row[column], expected);
      if (table === TABLES.ledgerSummary) {
        compare(`${table} ${String(row[key])} First-time acceptance`, row["First-time acceptance"], group.figures.firstTimeAcceptanceRate);
        compare(`${table} ${String(row[key])} Rerun rate`, row["Rerun rate"], group.figures.rerunRate);
      }
    }
  const o: LedgerFigures = summary.overall;
  compare("LedgerActions", value(evaluator, description, "LedgerActions"), o.actions);
  compare("LedgerValidated", value(evaluator, description, "LedgerValidated"), o.actionsValidated);
  compare("LedgerAcceptance", value(evaluator, description, "LedgerAcceptance"), o.acceptanceRate);
  compare("LedgerRerunInflation", value(evaluator, description, "LedgerRerunInflation"), o.rerunInflation);
  compare("LedgerCost", value(evaluator, description, "LedgerCost"), o.costUsd);
  compare("LedgerCostPerOutcome", value(evaluator, description, "LedgerCostPerOutcome"), o.costPerValidatedOutcomeUsd);
  return out;
}

/**
 * A day of aggregated rows, worked by hand: Research 10 validated (200 units, 30 review minutes),
 * 5 failed reruns (100 units), 3 succeeded and escalated at a stated $4.50 (60 units); Follow-ups
 * 7 validated reruns at a stated $2.10 (70 units), 1 attempted (10 units), 4 validated (40 units).
 */
const HAND: readonly Action[] = [
  { serial: NOV1 + 0.3, job: "Research", units: 200, count: 10, status: "validated", reviewMinutes: 30 },
  { serial: NOV1 + 0.4, job: "Research", units: 100, count: 5, status: "failed", rerun: true },
  { serial: NOV1 + 1.3, job: "Research", units: 60, count: 3, status: "succeeded", escalated: true, costUsd: 4.5 },
  { serial: NOV1 + 1.4, job: "Follow-ups", team: "Marketing", units: 70, count: 7, status: "validated", rerun: true, costUsd: 2.1 },
  { serial: NOV1 + 2.3, job: "Follow-ups", team: "Marketing", units: 10, count: 1, status: "attempted" },
  { serial: NOV1 + 2.4, job: "Follow-ups", team: "Marketing", units: 40, count: 4, status: "validated" },
];

describe("aggregated rows, worked by hand", () => {
  const description = listed(HAND, PRICING_MODEL_NAMES.perConversation);
  const evaluator = workbookEvaluator(description);
  const job = (name: string): Record<string, unknown> => rowsAsShown(description, evaluator, TABLES.ledgerSummary).find((r) => r.Job === name) ?? {};
  const price = value(evaluator, description, "PricePerConversation") as number;

  test("actions are Σ Count: 30 in all, 21 validated (acceptance 70 %), not the 6 rows", () => {
    expect(value(evaluator, description, "LedgerActions")).toBe(30);
    expect(value(evaluator, description, "LedgerValidated")).toBe(21);
    expect(value(evaluator, description, "LedgerAcceptance")).toBeCloseTo(0.7, 12);
    expect(value(evaluator, description, "LedgerRowCount")).toBe(6);
  });

  test("Research: 18 actions, 10 validated, 3 escalated of 18; first-time acceptance 10 of 13 first runs", () => {
    const r = job("Research");
    expect([r["Actions attempted"], r["Actions succeeded"], r["Actions validated"], r["Units attempted"], r["Units rerun"]]).toEqual([18, 13, 10, 360, 100]);
    expect(r["Escalation rate"]).toBeCloseTo(3 / 18, 12);
    expect(r["First-time acceptance"]).toBeCloseTo(10 / 13, 12);
    expect(r["Rerun inflation"]).toBeCloseTo(100 / 200, 12);
  });

  test("cost: the stated $4.50 and $2.10 as given, the other 350 units at the price per conversation", () => {
    expect(job("Research").Cost).toBeCloseTo(4.5 + 300 * price, 9);
    expect(job("Follow-ups").Cost).toBeCloseTo(2.1 + 50 * price, 9);
    expect(value(evaluator, description, "LedgerCost")).toBeCloseTo(6.6 + 350 * price, 9);
    expect(job("Follow-ups")["Cost per validated outcome"]).toBeCloseTo((2.1 + 50 * price) / 11, 9);
  });

  test("the audit reconciles rows and actions with the stamp: 6 rows, 30 actions", () => {
    expect([value(evaluator, description, "LedgerImportedRows"), value(evaluator, description, "LedgerImportedActions")]).toEqual([6, 30]);
    expect([value(evaluator, description, "LedgerRowsGap"), value(evaluator, description, "LedgerActionsGap"), value(evaluator, description, "LedgerReconciled")]).toEqual([0, 0, "Yes"]);
  });

  test("the Wallet's reruns per job weigh by Count: Research 5, Follow-ups 7, as the engine's daily rerun actions", () => {
    const withLoops = withTableRows(description, TABLES.loops, () => [{ Example: "", Job: "Research" }, { Example: "", Job: "Follow-ups" }]);
    const loops = rowsAsShown(withLoops, workbookEvaluator(withLoops), TABLES.loops);
    expect(loops.map((r) => [r.Job, r.Reruns])).toEqual([
      ["Research", 5],
      ["Follow-ups", 7],
    ]);
    const report = walletReport(recordsOf(ledgerRows(HAND)), { periodStartSerial: NOV1, daysInPeriod: 30, allocation: 100_000 });
    expect(report.days.reduce((n, d) => n + d.rerunActions, 0)).toBe(12);
    expect(report.days.reduce((n, d) => n + d.actions, 0)).toBe(30);
  });

  test("every figure is the engine's", () => {
    expect(ledgerDifferences(description)).toEqual([]);
  });
});

describe("random aggregated ledgers: the Ledger sheet is summariseLedger under every pricing model", () => {
  const JOBS = ["Research", "Follow-ups", "Chat"];
  const STATUSES = ["validated", "succeeded", "failed", "attempted"] as const;
  const action = fc.record({
    minute: fc.integer({ min: 0, max: 10 * 1440 }),
    job: fc.constantFrom(...JOBS),
    team: fc.constantFrom("Sales", "Marketing"),
    units: fc.integer({ min: 0, max: 500 }),
    count: fc.integer({ min: 1, max: 40 }),
    status: fc.constantFrom(...STATUSES),
    rerun: fc.boolean(),
    escalated: fc.boolean(),
    reviewMinutes: fc.integer({ min: 0, max: 60 }),
    costUsd: fc.option(fc.integer({ min: 0, max: 5000 }).map((c) => c / 100), { nil: undefined }),
  });

  // The Inputs sheet's three models, and vendor plans billing actions, outcomes and seats (the one plan selector).
  test.each([PRICING_MODEL_NAMES.flexDiscounted, PRICING_MODEL_NAMES.perConversation, PRICING_MODEL_NAMES.perUser, "agentforce.flex", "intercom.fin", "agentforce.edition"])("%s", (model) => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 25 }), (drawn) => {
        const actions: Action[] = drawn.map((a) => ({ ...a, serial: NOV1 + a.minute / 1440, ...(a.costUsd === undefined ? {} : { costUsd: a.costUsd }) }));
        expect(ledgerDifferences(listed(actions, model))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});

/**
 * The aggregated import shape (docs/warehouse.md's contract: one row per day, agent, job, action
 * type, status, team, escalated and rerun, with Count actions and their Units, Cost and Review
 * minutes) through the headless command with no manual mapping, and its totals worked by hand
 * from test/import/fixtures/aggregated.csv:
 *
 * - actions Σ Count = 1,200 + 150 + 90 + 60 + 400 + 25 + 30 + 75 = 2,030 (8 rows);
 * - validated 1,200 + 90 + 400 + 75 = 1,765; escalated 60 + 30 = 90; reruns 90;
 * - units 24,000 + 3,000 + 1,800 + 1,200 + 12,000 + 750 + 900 + 4,500 = 48,150;
 * - cost: stated 180.50 + 22.50 + 13.50 + 9.00 + 33.75 = $259.25, and the Mailer's rows, no cost
 *   given, 12,000 + 750 + 900 = 13,650 credits at the template's $500 per 100,000 with 25 % off =
 *   $51.1875: $310.4375;
 * - review 600 + 45 + 300 + 200 + 90 + 150 = 1,385 minutes.
 */
import { summariseLedger } from "../../src/engine";
import { importLogs } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { AGGREGATED_TOTALS, NOW, aggregatedWorkbook } from "./aggregated";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { TABLES } from "../../src/template/sheets/template";
import { named, recordsOf, rowsAsShown } from "../template/ledger-fixture";
import { fixtureBytes } from "./support";

describe("the aggregated import shape, through the headless command", () => {
  let description: TemplateDescription;
  let value: (defined: string) => unknown;

  beforeAll(async () => {
    description = await aggregatedWorkbook();
    const evaluator = workbookEvaluator(description);
    value = (defined) => {
      const { sheet, address } = named(description, defined);
      return evaluator.cell(sheet, address);
    };
  });

  test("recognised with no manual mapping: the proposed one imports every row", async () => {
    const run = await importLogs({ examples: false, asOf: "2026-11-23" }, [{ name: "aggregated.csv", bytes: fixtureBytes("aggregated.csv") }], { mappings: [], now: NOW });
    if (!run.ok) throw new Error(importRefusalMessage(run.problem));
    expect(run.logs[0]?.mapping).toBe("proposed");
    expect(run.logs[0]?.notes[0]).toEqual({ code: "done", read: 8, accepted: 8, rejected: 0, duplicates: 0 });
  });

  test("the Ledger rows: 8, with their counts, stated costs (blank where the file has none) and cost sources", () => {
    const rows = rowsAsShown(description, workbookEvaluator(description), TABLES.ledger);
    expect(rows.map((r) => [r.Count, r.Cost, r["Cost source"]])).toEqual([
      [1200, 180.5, "stated"],
      [150, 22.5, "stated"],
      [90, 13.5, "stated"],
      [60, 9, "stated"],
      [400, null, "units"],
      [25, null, "units"],
      [30, null, "units"],
      [75, 33.75, "stated"],
    ]);
  });

  test("the hand-computed totals: 2,030 actions, 1,765 validated, 48,150 units, $310.44", () => {
    expect(value("LedgerRowCount")).toBe(AGGREGATED_TOTALS.rows);
    expect(value("LedgerActions")).toBe(AGGREGATED_TOTALS.actions);
    expect(value("LedgerValidated")).toBe(AGGREGATED_TOTALS.validated);
    expect(value("LedgerUnits")).toBe(AGGREGATED_TOTALS.units);
    expect(value("LedgerCost")).toBeCloseTo(AGGREGATED_TOTALS.cost, 9);
    expect(value("LedgerAcceptance")).toBeCloseTo(1765 / 2030, 12);
    expect(value("LedgerCostPerOutcome")).toBeCloseTo(310.4375 / 1765, 12);
    // Rerun inflation: the 1,800 rerun units over the 42,300 validated ones.
    expect(value("LedgerRerunInflation")).toBeCloseTo(1800 / 42300, 12);
  });

  test("the audit reconciles rows, actions and units with the stamp", () => {
    const stamp = rowsAsShown(description, workbookEvaluator(description), LEDGER_WORKBOOK.imports.table)[0];
    expect(stamp).toMatchObject({ Accepted: 8, "Ledger rows": 8, "Actions accepted": 2030, "Units accepted": 48150 });
    expect([value("LedgerRowsGap"), value("LedgerActionsGap"), value("LedgerUnitsGap"), value("LedgerReconciled")]).toEqual([0, 0, 0, "Yes"]);
    expect(value("LedgerLikelyDuplicates")).toBe(0);
  });

  test("the Budget's November actuals weigh by Count: 2,030 actions, 90 escalated", () => {
    const november = rowsAsShown(description, workbookEvaluator(description), TABLES.budgetVsActual).find((r) => r["Ledger actions"] !== "" && (r["Ledger actions"] as number) > 0);
    expect(november?.["Ledger actions"]).toBe(AGGREGATED_TOTALS.actions);
    expect(november?.["Actual AI spend"]).toBeCloseTo(AGGREGATED_TOTALS.cost, 9);
    expect(november?.["Actual escalation"]).toBeCloseTo(90 * (value("HumanCostPerCase") as number), 9);
  });

  test("the engine agrees: summariseLedger over the same rows", () => {
    const rows = rowsAsShown(description, workbookEvaluator(description), TABLES.ledger);
    const pricing = { model: "flex" as const, pricePer100kCredits: value("PricePer100kCredits") as number, discount: value("PrepurchaseDiscount") as number };
    const o = summariseLedger(recordsOf(rows.map((r) => ({ ...r, Cost: r.Cost ?? undefined })) as never), { pricing }).overall;
    expect([o.actions, o.actionsValidated, o.actionsEscalated, o.actionsRerun, o.unitsAttempted, o.reviewHours * 60]).toEqual([2030, 1765, 90, 90, 48150, 1385]);
    expect(o.costUsd).toBeCloseTo(AGGREGATED_TOTALS.cost, 9);
  });
});

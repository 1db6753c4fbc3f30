/**
 * Scenario recomputation against hand-computed figures (the Jobs sheet's formulas worked
 * by hand on a one-job budget), the base differences, and what changed: as data, and in
 * the catalogue's words.
 */
import { computeScenarios, type Row } from "../../src/template/actions/scenarios";
import { scenarioCellContent } from "../../src/template/actions/refresh";
import { WORKBOOK_MESSAGES, scenarioChangeMessage, scenarioNoteMessage, type ScenarioProblem } from "../../src/messages/workbook";
import fc from "fast-check";
import { offset } from "../../src/template/model/address";
import type { TableBlock, TableRow, TemplateDescription } from "../../src/template/model/description";
import { tableHeaderCell } from "../../src/template/model/layout";
import { CellError, workbookEvaluator, type ExcelValue } from "../../src/template/render/evaluator";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { named, withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";
import { budgetInputs, jobInputs, paneInputs, scenarioOverrides } from "./scenario-arbitraries";

const S = WORKBOOK_MESSAGES.scenario;

const names: Row = {
  WeeksPerMonth: 4,
  PricingModel: "Flex Credits",
  LicensedUsers: 10,
  PrepurchaseDiscount: 0.25,
  EnablementCost: 12200,
  PricePerConversation: 2,
  CreditsPerAction: 20,
  PricePer100kCredits: 500,
  PricePerUserMonth: 125,
  ReviewerHourlyCost: 30,
  HumanCostPerCase: 8,
  ResolutionRate: 0.5,
  EscalationSavings: 0,
};
// Its items are the ROI sheet's cases: payback is priced from this job's own AI cost per case.
const job: Row = { Job: "A", "Volume per week": 100, "Units per item": 2, "Target acceptance rate": 0.8, "Rerun rate": 0.25, "Review minutes per item": 2, "Human case": "Yes" };

test("each scenario's monthly cost, cost per acceptable outcome and payback, and its difference from the base", () => {
  const { results } = computeScenarios({
    names,
    jobs: [job, { Job: "", "Volume per week": "" }],
    scenarios: [
      { Scenario: "Base", "Volume multiplier": 1 },
      { Scenario: "Seats, double", "Volume multiplier": 2, "Pricing model": "Per user" },
      { Scenario: "Conversations", "Volume multiplier": 1, "Pricing model": "Per conversation", "Acceptance rate": 0.5, "Rerun rate": 0 },
    ],
  });
  // Base: 400 items, 1,000 units → Flex 1,000 × 20 × 500 ÷ 100k × 0.75 = 75; review 400 × 2 ÷ 60 × 30 = 400;
  // 475 a month over 320 accepted = 1.484375. AI per case 75 ÷ 400 = 0.1875, blended 0.1875 + 0.5 × 8 = 4.1875,
  // saving 400 × 3.8125 = 1,525 a month: payback 12,200 ÷ 1,525 = 8 months.
  expect(results[0]).toEqual([475, 1.484375, 8, 0, 0, 0]);
  // Double volume on seats: 1,250 in seats + 800 review = 2,050 over 640 accepted; the seats over 800 cases
  // are 1.5625 a case, blended 5.5625, saving 800 × 2.4375 = 1,950 a month: 12,200 ÷ 1,950 months.
  expect(results[1]?.[0]).toBeCloseTo(2050, 10);
  expect(results[1]?.[1]).toBeCloseTo(3.203125, 12);
  expect(results[1]?.[2]).toBeCloseTo(12200 / 1950, 12);
  expect(results[1]?.slice(3).map((v) => Number((v as number).toFixed(9)))).toEqual([1575, 1.71875, Number((12200 / 1950 - 8).toFixed(9))]);
  // Per conversation, no reruns, half accepted: 800 + 400 = 1,200 over 200 accepted = 6; $2 a case,
  // blended 6, saving 400 × 2 = 800 a month: 12,200 ÷ 800 = 15.25 months.
  expect(results[2]?.slice(0, 3)).toEqual([1200, 6, 15.25]);
});

test("an unreadable value gives that scenario a note naming where it is; the others still compute", () => {
  const { results, changes } = computeScenarios({
    names,
    jobs: [job],
    scenarios: [
      { Scenario: "Base", "Volume multiplier": 1 },
      { Scenario: "Typo", "Volume multiplier": "x" },
      { Scenario: "Odd model", "Pricing model": "Barter" },
      { Scenario: "", Discount: "lots" },
    ],
  });
  const typo: ScenarioProblem = { code: "notANumber", place: { where: "scenario", scenario: "Typo", row: 2 }, key: "Volume multiplier", value: "x" };
  const odd: ScenarioProblem = { code: "unknownPricingModel", scenario: "Odd model", row: 3, model: "Barter" };
  const unnamed: ScenarioProblem = { code: "notANumber", place: { where: "scenario", scenario: "", row: 4 }, key: "Discount", value: "lots" };
  expect(results[0]?.[0]).toBe(475);
  expect(results.slice(1)).toEqual([typo, odd, unnamed].map((problem) => [problem, null, null, null, null, null]));
  expect(changes).toEqual([
    { code: "firstTime", scenario: "Base", row: 1 },
    { code: "notComputed", scenario: "Typo", row: 2, problem: typo },
    { code: "notComputed", scenario: "Odd model", row: 3, problem: odd },
    { code: "notComputed", scenario: "", row: 4, problem: unnamed },
  ]);
  // The cell shows the catalogue's words; the change line names the scenario (or its row) before them.
  expect(scenarioCellContent(typo)).toBe(S.notANumber(S.place(typo.place), "Volume multiplier", '"x"'));
  expect(scenarioCellContent(odd)).toBe(S.unknownPricingModel(S.place({ where: "scenario", scenario: "Odd model", row: 3 }), "Barter"));
  expect(scenarioCellContent(null)).toBe("");
  expect(S.place(unnamed.place)).toBe(S.place({ where: "scenario", scenario: "4", row: 4 }));
  expect(changes.slice(1).map(scenarioChangeMessage)).toEqual([
    S.notComputed(S.label("Typo", 2), scenarioNoteMessage(typo)),
    S.notComputed(S.label("Odd model", 3), scenarioNoteMessage(odd)),
    S.notComputed(S.label("", 4), scenarioNoteMessage(unnamed)),
  ]);
});

test("an unreadable Jobs row is named by its row", () => {
  const { results } = computeScenarios({
    names,
    jobs: [job, { ...job, Job: "B", "Units per item": "two" }],
    scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }],
  });
  const problem: ScenarioProblem = { code: "notANumber", place: { where: "jobs", row: 2 }, key: "Units per item", value: "two" };
  expect(results[0]?.[0]).toEqual(problem);
  expect(scenarioCellContent(problem)).toBe(S.notANumber(S.place(problem.place), "Units per item", '"two"'));
});

test("an unreadable named input is a note naming the Inputs", () => {
  const { results } = computeScenarios({
    names: { ...names, WeeksPerMonth: "" },
    jobs: [job],
    scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }],
  });
  expect(results[0]?.[0]).toEqual({ code: "notANumber", place: { where: "inputs" }, key: "WeeksPerMonth", value: "" });
  expect(scenarioNoteMessage(results[0]?.[0] as ScenarioProblem)).toBe(S.notANumber(S.place({ where: "inputs" }), "WeeksPerMonth", WORKBOOK_MESSAGES.blank));
});

test("no payback and no accepted outcomes are notes, not numbers, and the cells say so in words", () => {
  const { results } = computeScenarios({
    // A person costs nothing: the AI can't save anything.
    names: { ...names, HumanCostPerCase: 0 },
    jobs: [{ ...job, "Target acceptance rate": 0 }],
    scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }],
  });
  expect(results[0]?.slice(1, 3)).toEqual([{ code: "noAcceptedOutcomes" }, { code: "noPayback" }]);
  expect(results[0]?.slice(1, 3).map((cell) => scenarioCellContent(cell ?? null))).toEqual([S.noAcceptedOutcomes, S.noPayback]);
});

test("what changed: first computation, a changed figure with before and after, unchanged rows not mentioned", () => {
  const first = computeScenarios({ names, jobs: [job], scenarios: [{ Scenario: "Base", "Volume multiplier": 1 }] });
  expect(first.changes).toEqual([{ code: "firstTime", scenario: "Base", row: 1 }]);
  expect(first.changes.map(scenarioChangeMessage)).toEqual([S.firstTime("Base")]);
  const again = computeScenarios({
    names,
    jobs: [job],
    scenarios: [
      { Scenario: "Base", "Volume multiplier": 1, "Monthly cost": 475, "Cost per acceptable outcome": 1.484375, "Payback (months)": 8 },
      { Scenario: "Half", "Volume multiplier": 0.5, "Monthly cost": 475, "Cost per acceptable outcome": 1.484375, "Payback (months)": 8 },
    ],
  });
  expect(again.changes).toEqual([
    {
      code: "changed",
      scenario: "Half",
      row: 2,
      figures: [
        { figure: "monthlyCost", before: 475, after: 237.5 },
        // Half the cases save half as much: 200 × 3.8125 = 762.5 a month, 12,200 ÷ 762.5 = 16 months.
        { figure: "payback", before: 8, after: 16 },
      ],
    },
  ]);
  expect(again.changes.map(scenarioChangeMessage)).toEqual([
    S.changed("Half", [S.figureChanged(S.figure.monthlyCost, "475", "237.5"), S.figureChanged(S.figure.payback, "8", "16")]),
  ]);
});

test("a note read back as the cell showed it is unchanged; a figure that became a note is a change", () => {
  const noPayback = { ...names, HumanCostPerCase: 0 };
  const written = { Scenario: "Base", "Volume multiplier": 1, "Monthly cost": 475, "Cost per acceptable outcome": 1.484375, "Payback (months)": S.noPayback };
  expect(computeScenarios({ names: noPayback, jobs: [job], scenarios: [written] }).changes).toEqual([]);
  const before = computeScenarios({ names: noPayback, jobs: [job], scenarios: [{ ...written, "Payback (months)": 6 }] });
  expect(before.changes).toEqual([{ code: "changed", scenario: "Base", row: 1, figures: [{ figure: "payback", before: 6, after: { code: "noPayback" } }] }]);
  expect(before.changes.map(scenarioChangeMessage)).toEqual([S.changed("Base", [S.figureChanged(S.figure.payback, "6", S.noPayback)])]);
});

// ---- The Jobs and ROI sheets' formulas against computeScenarios: one maths, two expressions, tied here ----

/** A scenario's overrides, as the Scenarios table's columns name them (absent: blank, keep). */
interface Overrides {
  readonly "Volume multiplier"?: number;
  readonly "Acceptance rate"?: number;
  readonly "Rerun rate"?: number;
  readonly Discount?: number;
  readonly "Pricing model"?: string;
  readonly "Resolution rate"?: number;
}

const jobsOf = (description: TemplateDescription): TableBlock => {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === TABLES.jobs) return block;
  throw new Error("no Jobs table");
};

/** The overrides applied to the description's own inputs: every job's volume (so the ROI sheet's cases), acceptance and rerun rate, and the named inputs. */
function applied(description: TemplateDescription, o: Overrides): TemplateDescription {
  const m = o["Volume multiplier"] ?? 1;
  let d = withTableRows(description, TABLES.jobs, (rows) =>
    rows.map(
      (r): TableRow => ({
        ...r,
        "Volume per week": (r["Volume per week"] as number) * m,
        ...(o["Acceptance rate"] === undefined ? {} : { "Target acceptance rate": o["Acceptance rate"] }),
        ...(o["Rerun rate"] === undefined ? {} : { "Rerun rate": o["Rerun rate"] }),
      }),
    ),
  );
  if (o.Discount !== undefined) d = withInput(d, "PrepurchaseDiscount", o.Discount);
  if (o["Pricing model"] !== undefined) d = withInput(d, "PricingModel", o["Pricing model"]);
  if (o["Resolution rate"] !== undefined) d = withInput(d, "ResolutionRate", o["Resolution rate"]);
  return d;
}

/** The sheets' three figures: Σ total cost a month, Σ ALLIN × accepted ÷ Σ accepted (the Jobs sheet's all-in per job, weighted), and the ROI sheet's payback. */
function sheetFigures(description: TemplateDescription): { monthlyCost: ExcelValue; costPerOutcome: ExcelValue; costPerOutcomeByJob: ExcelValue; payback: ExcelValue } {
  const evaluator = workbookEvaluator(description);
  const jobs = jobsOf(description);
  const column = (header: string): number => jobs.columns.findIndex((c) => c.header === header);
  const sheet = description.sheets.find((s) => s.blocks.includes(jobs))?.name as string;
  const at = (row: number, header: string): ExcelValue => evaluator.cell(sheet, offset(tableHeaderCell(jobs), row, column(header)));
  const totalRow = jobs.rows.length + 1;
  const monthlyCost = at(totalRow, "Total cost per month");
  const accepted = at(totalRow, "Accepted outcomes per month");
  let weighted = 0;
  for (let r = 1; r <= jobs.rows.length; r++) {
    const allIn = at(r, "All-in cost per acceptable outcome");
    const outcomes = at(r, "Accepted outcomes per month") as number;
    if (typeof allIn === "number") weighted += allIn * outcomes;
  }
  const ratio = (n: number): ExcelValue => (typeof accepted === "number" && accepted > 0 ? n / accepted : new CellError("#DIV/0!"));
  const payback = evaluator.cell(named(description, "PaybackMonths").sheet, named(description, "PaybackMonths").address);
  return { monthlyCost, costPerOutcome: ratio(monthlyCost as number), costPerOutcomeByJob: ratio(weighted), payback };
}

const close = (actual: unknown, expected: unknown): boolean =>
  typeof actual === "number" && typeof expected === "number" ? Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) : false;

/** computeScenarios's monthly cost, cost per acceptable outcome and payback against the sheets' for one scenario; the disagreements, in words. */
function differences(description: TemplateDescription, o: Overrides): string[] {
  const { names, jobs, plans } = paneInputs(description);
  const [row] = computeScenarios({ names, jobs, plans, scenarios: [{ Scenario: "S", ...o }] }).results;
  const sheet = sheetFigures(applied(description, o));
  const out: string[] = [];
  const check = (what: string, engine: unknown, cell: ExcelValue): void => {
    // A figure that does not exist is a note in the Scenarios table and an error (or blank) on the sheet.
    const agree = typeof engine === "number" ? close(cell, engine) : typeof cell !== "number";
    if (!agree) out.push(`${what}: scenarios ${JSON.stringify(engine)}, sheet ${cell instanceof CellError ? cell.code : JSON.stringify(cell)}`);
  };
  check("monthly cost", row?.[0], sheet.monthlyCost);
  check("cost per acceptable outcome", row?.[1], sheet.costPerOutcome);
  check("cost per acceptable outcome (the Jobs sheet's all-in per job)", row?.[1], sheet.costPerOutcomeByJob);
  check("payback", row?.[2], sheet.payback);
  return out;
}

describe("the Scenarios table's maths is the Jobs and ROI sheets' (computeScenarios against the evaluator)", () => {
  const example = describeTemplate({ examples: true, asOf: "2026-11-23" });

  test.each<[string, Overrides]>([
    ["Base", { "Volume multiplier": 1 }],
    ["Double volume", { "Volume multiplier": 2 }],
    ["Stricter quality bar", { "Volume multiplier": 1, "Acceptance rate": 0.7, "Rerun rate": 0.3 }],
    ["Per-user licences", { "Pricing model": "Per user" }],
    ["Per conversation, half volume", { "Volume multiplier": 0.5, "Pricing model": "Per conversation" }],
    ["Flex at 40 % off", { Discount: 0.4, "Pricing model": "Flex Credits" }],
    ["Better resolution", { "Resolution rate": 0.75 }],
    ["No payback", { "Resolution rate": 0 }],
  ])("the example budget, %s", (_label, overrides) => {
    expect(differences(example, overrides)).toEqual([]);
  });

  const overrides: fc.Arbitrary<Overrides> = scenarioOverrides;

  test("random budgets and scenarios: the same three figures to a billionth", () => {
    fc.assert(
      fc.property(
        fc.array(jobInputs, { minLength: 1, maxLength: 5 }),
        budgetInputs,
        overrides,
        (rows, inputs, o) => {
          let d = withTableRows(describeTemplate({ examples: true, asOf: "2026-11-23" }), TABLES.jobs, (examples) =>
            rows.map((r, i): TableRow => ({ ...(examples[i % examples.length] as TableRow), ...r, Job: `Job ${i + 1}` })),
          );
          for (const [key, value] of Object.entries(inputs)) d = withInput(d, key, value);
          expect(differences(d, o)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

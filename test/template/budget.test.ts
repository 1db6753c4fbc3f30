/**
 * The Budget sheet (docs/model.md §10): its 12 months × 3 components against the engine's
 * monthlyBudget for the examples and for random inputs (fast-check), the example's figures
 * worked by hand, budget vs actual on the example ledger (November 2026) worked by hand and
 * against the engine's actualsByMonth on random ledgers, the price / volume / mix split
 * adding to the variance, and the public names on 12-cell ranges in both writers' output.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { actualsByMonth, monthlyBudget, serialFromIso } from "../../src/engine";
import { parseAddress } from "../../src/template/model/address";
import { sheetCells } from "../../src/template/model/cells";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { CellError, workbookEvaluator, type ExcelValue, type WorkbookEvaluator } from "../../src/template/render/evaluator";
import { BUDGET_NAMES, SHEETS, TABLES, describeTemplate, pricingModelChoices } from "../../src/template/sheets/template";
import { buildInWorkbook } from "../../src/template/actions/index";
import { checkWorkbook } from "../../src/template/writers/office/check";
import { writeWorkbook } from "../../src/template/writers/file";
import { ExcelDouble } from "../support/excel-double";
import { tableOf } from "../support/libreoffice";
import { MONTHLY_NAMES, at, close, column, inputsOf, namedRange, numbers, valueOf } from "./budget-fixture";
import { ledgerRows, named, recordsOf, withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";

const AS_OF = "2026-11-23";
const JAN1_2026 = 46023;
const template = describeTemplate({ examples: true, asOf: AS_OF });

/** The Budget table's columns by the engine's field names. */
const FIELDS = {
  monthStart: "Month",
  actions: "Agent actions",
  aiUsd: "AI spend",
  reviewUsd: "Human review",
  escalationUsd: "Escalation labor",
  laborUsd: "Review and escalation",
  seatsUsd: "Seats",
  dataCloudUsd: "Data Cloud",
  sandboxUsd: "Sandbox",
  developmentUsd: "Development",
  creditsUsd: "Less credits",
  supportUsd: "Support uplift",
  platformUsd: "Platform and hidden costs",
  totalUsd: "Total",
} as const;
type Field = keyof typeof FIELDS;

/** The sheet's 12 months, each figure by the engine's field name. */
function sheetMonths(description: TemplateDescription, evaluator: WorkbookEvaluator): Record<Field, number[]> {
  return Object.fromEntries(Object.entries(FIELDS).map(([field, header]) => [field, numbers(column(evaluator, description, TABLES.budget, header))])) as Record<Field, number[]>;
}

/** Every figure of the sheet's months that differs from the engine's, in words. */
function budgetDifferences(description: TemplateDescription): string[] {
  const evaluator = workbookEvaluator(description);
  const engine = monthlyBudget(inputsOf(description, evaluator));
  const sheet = sheetMonths(description, evaluator);
  const out: string[] = [];
  for (const [field, values] of Object.entries(sheet))
    values.forEach((v, i) => {
      const expected = engine.months[i]?.[field as Field] as number;
      if (!close(v, expected)) out.push(`month ${i + 1} ${field}: sheet ${v}, engine ${expected}`);
    });
  const annual = [valueOf(evaluator, description, "BudgetAnnualAI"), valueOf(evaluator, description, "BudgetAnnualReview"), valueOf(evaluator, description, "BudgetAnnualPlatform"), valueOf(evaluator, description, BUDGET_NAMES.annualTotal)];
  const expected = [engine.annual.aiUsd, engine.annual.laborUsd, engine.annual.platformUsd, engine.annual.totalUsd];
  annual.forEach((v, i) => typeof v === "number" && close(v, expected[i] as number) ? undefined : out.push(`annual ${i}: sheet ${String(v)}, engine ${expected[i]}`));
  return out;
}

// ---- Random inputs -------------------------------------------------------------------------

interface Drawn {
  readonly jobs: readonly TableRow[];
  readonly inputs: Readonly<Record<string, number | string>>;
}

const jobRow = (name: string): fc.Arbitrary<TableRow> =>
  fc.record({
    Example: fc.constant(""),
    Job: fc.constant(name),
    Workflow: fc.constant("Custom"),
    // Volumes as a plan has them (none, or a thousandth of an item up): a budget of 1e-300 actions a month would cost its split its digits.
    "Volume per week": fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 5000, noNaN: true })),
    "Units per item": fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 10, noNaN: true })),
    "Acceptance bar": fc.constant("Accepted"),
    "Target acceptance rate": fc.double({ min: 0.01, max: 1, noNaN: true }),
    "Rerun rate": fc.double({ min: 0, max: 2, noNaN: true }),
    "Review minutes per item": fc.double({ min: 0, max: 30, noNaN: true }),
    "Human approves": fc.constant("No"),
    // Excel holds no number as small as 1e-308 (it reads it as 0): a fractional ramp is at least a hundredth of a month.
    "Ramp (months)": fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 14 }), fc.double({ min: 0.01, max: 14, noNaN: true })),
    "Monthly growth": fc.oneof(fc.constant(0), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
  });

const drawn: fc.Arbitrary<Drawn> = fc.record({
  jobs: fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => jobRow(["Customer service conversations", "Case follow-up emails", "Website sales chat", "Stage hygiene"][i] as string)))),
  inputs: fc.record({
    [BUDGET_NAMES.fiscalYearStart]: fc.integer({ min: serialFromIso("2020-01-01"), max: serialFromIso("2035-12-31") }),
    PricingModel: fc.constantFrom(...pricingModelChoices(AS_OF)),
    LicensedUsers: fc.integer({ min: 0, max: 500 }),
    PrepurchaseDiscount: fc.double({ min: 0, max: 0.5, noNaN: true }),
    BudgetSeatUsers: fc.integer({ min: 0, max: 200 }),
    DataCloudShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    SandboxShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
    SandboxDiscount: fc.double({ min: 0, max: 1, noNaN: true }),
    SupportSurcharge: fc.double({ min: 0, max: 0.3, noNaN: true }),
    DevelopmentCost: fc.double({ min: 0, max: 200000, noNaN: true }),
    DevelopmentAmortisationMonths: fc.integer({ min: 1, max: 48 }),
    IncludedCreditsPerYear: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
    FreeCredits: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500_000 })),
  }),
});

function describeDrawn(d: Drawn, base: TemplateDescription = template): TemplateDescription {
  let description = withTableRows(base, TABLES.jobs, () => [...d.jobs]);
  for (const [key, value] of Object.entries(d.inputs)) description = withInput(description, key, value);
  return description;
}

// ---- The budget ----------------------------------------------------------------------------

describe("the Budget sheet against the engine's monthlyBudget", () => {
  test("the example: every month's 14 figures and the year's totals agree", () => {
    expect(budgetDifferences(template)).toEqual([]);
  });

  test("without examples: every figure is 0", () => {
    const empty = describeTemplate({ examples: false, asOf: AS_OF });
    expect(budgetDifferences(empty)).toEqual([]);
    const evaluator = workbookEvaluator(empty);
    const months = sheetMonths(empty, evaluator);
    expect([...months.aiUsd, ...months.laborUsd, ...months.seatsUsd, ...months.developmentUsd]).toEqual(Array(48).fill(0));
    // No seats, no development, and shares of no spend.
    expect(months.platformUsd).toEqual(Array(12).fill(0));
  });

  test.each([
    ["with examples", true, "Flex Credits"],
    ["with examples", true, "Per conversation"],
    ["with examples", true, "Per user"],
    ["without examples", false, "Flex Credits"],
    ["without examples", false, "Per user"],
  ])("no cell of the Budget sheet is an error (%s, %s)", (_label, examples, model) => {
    const description = withInput(describeTemplate({ examples, asOf: AS_OF }), "PricingModel", model);
    const evaluator = workbookEvaluator(description);
    const sheet = description.sheets.find((s) => s.name === SHEETS.budget);
    if (!sheet) throw new Error("no Budget sheet");
    const errors = sheetCells(sheet).flatMap((c) => {
      const v = evaluator.cell(SHEETS.budget, c.address);
      return v instanceof CellError ? [`${c.address} ${v.code} ${v.message}`] : [];
    });
    expect(errors).toEqual([]);
  });

  test("random jobs, ramps, growth, pricing models, fiscal years and platform inputs: the sheet is the engine", () => {
    fc.assert(
      fc.property(drawn, (d) => {
        expect(budgetDifferences(describeDrawn(d))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the example budget, worked by hand (docs/model.md §10.5)", () => {
  const evaluator = workbookEvaluator(template);
  const months = sheetMonths(template, evaluator);
  const WEEKS = 52 / 12;
  // Items a month: 100,000, 6,400 and 12,000 a year, typed as ÷ 52 a week: 8,333.33, 533.33 and 1,000.
  const items = [(100000 / 52) * WEEKS, (6400 / 52) * WEEKS, (12000 / 52) * WEEKS];
  // Units per item: the Pricing sheet's mix, 0.6 × 3 + 0.3 × 7 + 0.1 × 14 = 5.3 actions, for every job.
  const UNITS = 0.6 * 3 + 0.3 * 7 + 0.1 * 14;
  // Actions: items × (1 + rerun rate (0, 25 %, 0)) × 5.3: 44,166.67, 3,533.33 and 5,300.
  const actions = [at(items, 0) * 1 * UNITS, at(items, 1) * 1.25 * UNITS, at(items, 2) * 1 * UNITS];
  // Flex Credits: 20 credits an action at $500 per 100,000, 25 % off: $0.075 an action.
  const ai = actions.map((a) => a * 0.075);
  // The reviewer: $20.59 × (1 + 13.68 ÷ 32.37) × 1.2; the human case: that ÷ 0.7 × 10 minutes.
  const reviewerHourly = 20.59 * (1 + 13.68 / 32.37) * 1.2;
  const humanCase = ((reviewerHourly / 0.7) * 10) / 60;
  // Review minutes 0.5, 1, 1 an item; items not accepted (15, 20, 10 %) to a person.
  const review = [0.5, 1, 1].map((minutes, j) => ((at(items, j) * minutes) / 60) * reviewerHourly);
  const escalation = [0.15, 0.2, 0.1].map((notAccepted, j) => at(items, j) * notAccepted * humanCase);
  // Website sales chat ramps over 3 months (1/3, 2/3, then all) and grows 2 % a month; the other two are flat.
  const factor = (job: number, m: number): number => (job === 2 ? Math.min(1, m / 3) * 1.02 ** (m - 1) : 1);
  const phased = (perJob: number[], m: number): number => perJob.reduce((s, v, j) => s + v * factor(j, m), 0);

  test("full volume: 53,000 actions, $3,975.00 of AI a month", () => {
    expect(actions.reduce((s, a) => s + a, 0)).toBeCloseTo(53000, 3);
    expect(ai.reduce((s, a) => s + a, 0)).toBeCloseTo(3975, 9);
  });

  test("month 1 (January 2026): $3,710 of AI, $14,581.64 of labor, $6,716.33 of platform, $25,007.97 in all", () => {
    expect(months.monthStart[0]).toBe(JAN1_2026);
    // 3,312.50 + 265 + 397.50 ÷ 3.
    expect(months.aiUsd[0]).toBeCloseTo(3710, 9);
    expect(months.laborUsd[0]).toBeCloseTo(phased(review, 1) + phased(escalation, 1), 9);
    // Review 2,440.97 + 312.44 + 585.83 ÷ 3 = 2,948.69; escalation 10,461.29 + 892.70 + 836.90 ÷ 3 = 11,632.95.
    expect(months.laborUsd[0]).toBeCloseTo(14581.64, 2);
    // Seats 10 × $125; Data Cloud 30 %; sandbox 10 % at half price; $100,000 over 36 months.
    expect([months.seatsUsd[0], months.dataCloudUsd[0], months.sandboxUsd[0], months.developmentUsd[0]].map((v) => Math.round((v ?? Number.NaN) * 100) / 100)).toEqual([1250, 1113, 185.5, 2777.78]);
    // 100,000 free credits at $0.00375 = $375, all used in month 1; Premier 30 % of the product spend net of them.
    expect(months.creditsUsd[0]).toBeCloseTo(-375, 9);
    expect(months.supportUsd[0]).toBeCloseTo(0.3 * (3710 + 1250 + 1113 + 185.5 - 375), 9);
    expect(months.platformUsd[0]).toBeCloseTo(1250 + 1113 + 185.5 + 100000 / 36 - 375 + 1765.05, 9);
    expect(months.totalUsd[0]).toBeCloseTo(25007.97, 2);
  });

  test("month 2: the credits are gone, sales chat is at two thirds, grown 2 %", () => {
    expect(months.creditsUsd[1]).toBe(0);
    expect(months.aiUsd[1]).toBeCloseTo(3312.5 + 265 + ((397.5 * 2) / 3) * 1.02, 9);
  });

  test("month 12 (December): sales chat in full at 1.02^11; the year $323,280.58", () => {
    expect(months.monthStart[11]).toBe(serialFromIso("2026-12-01"));
    expect(months.aiUsd[11]).toBeCloseTo(3312.5 + 265 + 397.5 * 1.02 ** 11, 9);
    const year = Array.from({ length: 12 }, (_, i) => {
      const m = i + 1;
      const aiM = phased(ai, m);
      const credits = m === 1 ? -375 : 0;
      // Product spend: AI, seats, Data Cloud and sandbox, net of the credits; Premier adds 30 % of it.
      const product = aiM + 1250 + 0.3 * aiM + 0.1 * aiM * 0.5 + credits;
      return phased(review, m) + phased(escalation, m) + product + 100000 / 36 + 0.3 * product;
    }).reduce((s, v) => s + v, 0);
    expect(valueOf(evaluator, template, BUDGET_NAMES.annualTotal)).toBeCloseTo(year, 6);
    expect(Math.round(year * 100) / 100).toBe(323280.58);
  });

  test("the months are the first day of each month from the fiscal-year start, whichever day it is", () => {
    expect(months.monthStart).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((mm) => serialFromIso(`2026-${mm}-01`)));
    const april15 = withInput(template, BUDGET_NAMES.fiscalYearStart, serialFromIso("2026-04-15"));
    const from = sheetMonths(april15, workbookEvaluator(april15)).monthStart;
    expect(from[0]).toBe(serialFromIso("2026-04-01"));
    expect(from[8]).toBe(serialFromIso("2026-12-01"));
    expect(from[9]).toBe(serialFromIso("2027-01-01"));
    expect(from[11]).toBe(serialFromIso("2027-03-01"));
  });
});

describe("pricing models", () => {
  test("per user: the AI spend is the seats every month, whatever the ramp, and no platform seats are added", () => {
    const perUser = withInput(template, "PricingModel", "Per user");
    const months = sheetMonths(perUser, workbookEvaluator(perUser));
    expect(months.aiUsd).toEqual(Array(12).fill(50 * 125));
    expect(months.seatsUsd).toEqual(Array(12).fill(0));
    // Free credits are Flex Credits: nothing to draw down.
    expect(months.creditsUsd).toEqual(Array(12).fill(0));
    expect(budgetDifferences(perUser)).toEqual([]);
  });

  test("per conversation: each run of an item is a $2 conversation, phased", () => {
    const perConversation = withInput(template, "PricingModel", "Per conversation");
    const months = sheetMonths(perConversation, workbookEvaluator(perConversation));
    // Runs a month: items × (1 + rerun rate): 8,333.33, 533.33 × 1.25 = 666.67 and 1,000 (at a third in month 1); $18,666.67.
    const runs = [(100000 / 52) * (52 / 12), (6400 / 52) * (52 / 12) * 1.25, (12000 / 52) * (52 / 12)];
    expect(months.aiUsd[0]).toBeCloseTo(2 * (at(runs, 0) + at(runs, 1) + at(runs, 2) / 3), 9);
    expect(months.creditsUsd).toEqual(Array(12).fill(0));
  });
});

// ---- Budget vs actual ----------------------------------------------------------------------

describe("budget vs actual on the example ledger (November 2026), worked by hand", () => {
  const evaluator = workbookEvaluator(template);
  const bva = (header: string): ExcelValue[] => column(evaluator, template, TABLES.budgetVsActual, header);
  const november = 10;
  const budget = sheetMonths(template, evaluator);
  // Ten rows from 2 to 5 November: the month is budgeted for 4 of its 30 days.
  const covered = 4 / 30;
  const reviewerHourly = 20.59 * (1 + 13.68 / 32.37) * 1.2;
  const humanCase = ((reviewerHourly / 0.7) * 10) / 60;
  // 350 credits at $0.00375; 33 review minutes; 2 rows escalated.
  const actualAi = 350 * 0.00375;
  const actualReview = (33 / 60) * reviewerHourly;
  const actualEscalation = 2 * humanCase;

  test("months without ledger rows show no actual and no variance", () => {
    for (const header of ["Actual AI spend", "Actual", "Variance", "Variance %", "Volume", "Mix", "Price"])
      expect(bva(header).map((v, i) => (i === november ? "November" : v))).toEqual([...Array(10).fill(""), "November", ""]);
    expect(bva("Ledger actions")).toEqual([...Array(10).fill(0), 10, 0]);
    // Their budget is the whole month's.
    expect(bva("Budget").slice(0, 10)).toEqual(budget.totalUsd.slice(0, 10));
  });

  test("November: $1.31 of AI, $19.33 of review, $16.74 of escalation, the platform at budget, against 4/30 of the month's budget", () => {
    expect(bva("Month covered")[november]).toBeCloseTo(covered, 12);
    expect(bva("Actual AI spend")[november]).toBeCloseTo(actualAi, 12);
    expect(bva("Actual review")[november]).toBeCloseTo(actualReview, 9);
    expect(bva("Actual escalation")[november]).toBeCloseTo(actualEscalation, 9);
    expect(bva("Platform (at budget)")[november]).toBeCloseTo(at(budget.platformUsd, november) * covered, 9);
    const actual = actualAi + actualReview + actualEscalation + at(budget.platformUsd, november) * covered;
    expect(bva("Actual")[november]).toBeCloseTo(actual, 9);
    expect(bva("Budget")[november]).toBeCloseTo(at(budget.totalUsd, november) * covered, 9);
    expect(bva("Variance")[november]).toBeCloseTo(actual - at(budget.totalUsd, november) * covered, 9);
    // 1.31 + 19.33 + 16.74 + the platform's $7,469.63 × 4/30 = $995.95: $1,033.33, against $27,373.38 × 4/30 = $3,649.78.
    expect([bva("Actual")[november], bva("Variance")[november]].map((v) => Math.round((v as number) * 100) / 100)).toEqual([1033.33, -2616.45]);
  });

  test("the split: 10 actions against 7,221.42 budgeted is volume; 4, 4 and 2 actions of three jobs against the budget's mix is mix; the rest is price", () => {
    const budgetActions = at(budget.actions, november) * covered;
    const perAction = (at(budget.aiUsd, november) + at(budget.laborUsd, november)) / at(budget.actions, november);
    expect(bva("Budget actions")[november]).toBeCloseTo(budgetActions, 9);
    // November's actions: 44,166.67 + 3,533.33 + 5,300 × 1.02^10 = 54,160.67, × 4/30.
    expect(budgetActions).toBeCloseTo(7221.42, 2);
    expect(bva("Volume")[november]).toBeCloseTo((10 - budgetActions) * perAction, 9);
    // Each job's budget cost per action (AI, review and escalation over its actions) is the same every month.
    // Jobs in the Jobs sheet's order: customer service conversations, case follow-up emails, website sales chat.
    const items = [(100000 / 52) * (52 / 12), (6400 / 52) * (52 / 12), (12000 / 52) * (52 / 12)];
    const jobActions = [at(items, 0) * 5.3, at(items, 1) * 1.25 * 5.3, at(items, 2) * 5.3];
    const jobCost = [0.5, 1, 1].map((minutes, j) => at(jobActions, j) * 0.075 + ((at(items, j) * minutes) / 60) * reviewerHourly + at(items, j) * at([0.15, 0.2, 0.1], j) * humanCase);
    // The ledger's 4, 4 and 2 actions of those jobs.
    const atJobRates = [4, 4, 2].reduce((s, n, j) => s + (n * at(jobCost, j)) / at(jobActions, j), 0);
    expect(bva("Mix")[november]).toBeCloseTo(atJobRates - 10 * perAction, 9);
    expect(bva("Budget cost per action at the actual mix")[november]).toBeCloseTo(atJobRates / 10, 12);
    const sum = (["Volume", "Mix", "Price"] as const).reduce((s, h) => s + (bva(h)[november] as number), 0);
    expect(sum).toBeCloseTo(bva("Variance")[november] as number, 9);
    // Price: the actions cost more than the budget's at this mix.
    expect(bva("Price")[november]).toBeCloseTo(actualAi + actualReview + actualEscalation - atJobRates, 9);
  });

  test("the summary over the months with rows, and the engine's actualsByMonth agree", () => {
    expect(valueOf(evaluator, template, "ActualMonthsWithRows")).toBe(1);
    expect(valueOf(evaluator, template, "BudgetActualsFrom")).toBe(serialFromIso("2026-11-02"));
    expect(valueOf(evaluator, template, "BudgetActualsThrough")).toBe(serialFromIso("2026-11-05"));
    expect(valueOf(evaluator, template, "VarianceToDate")).toBeCloseTo(bva("Variance")[november] as number, 9);
    expect(actualDifferences(template)).toEqual([]);
  });
});

/** Every budget-vs-actual figure of the sheet that differs from the engine's (blank: the engine's undefined). */
/** Agreement to 1e-9 of the larger of the two figures and `scale`, the size of the terms a figure is the difference of. */
const closeWithin = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale);

function actualDifferences(description: TemplateDescription): string[] {
  const evaluator = workbookEvaluator(description);
  const inputs = inputsOf(description, evaluator);
  const rows = tableOf(description, TABLES.ledger).block.rows;
  const engine = actualsByMonth(inputs, monthlyBudget(inputs), recordsOf(rows));
  const fields: [string, keyof (typeof engine)[number]][] = [
    ["Ledger actions", "actions"],
    ["Month covered", "covered"],
    ["Budget", "budgetUsd"],
    ["Budget actions", "budgetActions"],
    ["Actual AI spend", "aiUsd"],
    ["Actual review", "reviewUsd"],
    ["Actual escalation", "escalationUsd"],
    ["Platform (at budget)", "platformUsd"],
    ["Actual", "totalUsd"],
    ["Variance", "varianceUsd"],
    ["Volume", "volumeUsd"],
    ["Mix", "mixUsd"],
    ["Price", "priceUsd"],
  ];
  const out: string[] = [];
  // Price is the rest, variance − volume − mix: the two orders of summing differ by the rounding of those terms, not of the rest.
  const ofTerms = (i: number): number => Math.max(...(["varianceUsd", "volumeUsd", "mixUsd"] as const).map((f) => Math.abs(engine[i]?.[f] ?? 0)));
  for (const [header, field] of fields)
    column(evaluator, description, TABLES.budgetVsActual, header).forEach((v, i) => {
      const expected = engine[i]?.[field];
      const agree = expected === undefined ? v === "" : typeof v === "number" && (field === "priceUsd" ? closeWithin(v, expected, ofTerms(i)) : close(v, expected));
      if (!agree) out.push(`month ${i + 1} ${header}: sheet ${v instanceof CellError ? v.code : JSON.stringify(v)}, engine ${String(expected)}`);
    });
  // The split adds up to the variance, month by month.
  const variance = column(evaluator, description, TABLES.budgetVsActual, "Variance");
  const parts = ["Volume", "Mix", "Price"].map((h) => column(evaluator, description, TABLES.budgetVsActual, h));
  variance.forEach((v, i) => {
    if (typeof v !== "number") return;
    const terms = parts.map((p) => p[i] as number);
    const sum = terms.reduce((s, t) => s + t, 0);
    // Exact but for the rounding of the terms themselves (price is the rest: variance − volume − mix).
    if (Math.abs(sum - v) > 1e-12 * Math.max(1, Math.abs(v), ...terms.map(Math.abs))) out.push(`month ${i + 1}: volume + mix + price ${sum} ≠ variance ${v}`);
  });
  return out;
}

describe("budget vs actual on random ledgers", () => {
  // "case follow-up EMAILS" is the Jobs row "Case follow-up emails" in another case.
  const JOBS = ["Customer service conversations", "case follow-up EMAILS", "Website sales chat", "Stage hygiene", "Unplanned job", ""];
  const ledger = (start: number): fc.Arbitrary<TableRow[]> =>
    fc
      .array(
        fc.record({
          // Whole minutes, as a log stamps them: a serial the engine's milliseconds read back unchanged.
          minute: fc.integer({ min: -20 * 1440, max: 400 * 1440 }),
          job: fc.constantFrom(...JOBS),
          units: fc.integer({ min: 0, max: 100 }),
          escalated: fc.boolean(),
          review: fc.integer({ min: 0, max: 20 }),
          // Aggregated rows (issue 11): a count of actions, and some with a cost of their own (stated, or tokens priced).
          count: fc.integer({ min: 1, max: 50 }),
          costUsd: fc.option(fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 30 },
      )
      .map((actions) =>
        ledgerRows(actions.map((a) => ({ serial: start + a.minute / 1440, job: a.job, units: a.units, count: a.count, ...(a.costUsd === undefined ? {} : { costUsd: a.costUsd }) }))).map((row, i) => ({
          ...row,
          Escalated: actions[i]?.escalated ?? false,
          "Review minutes": actions[i]?.review ?? 0,
        })),
      );

  test("every month's actuals, variance and split are the engine's, and the split adds to the variance", () => {
    fc.assert(
      fc.property(
        drawn.chain((d) => fc.tuple(fc.constant(d), ledger(d.inputs[BUDGET_NAMES.fiscalYearStart] as number))),
        ([d, rows]) => {
          const description = withTableRows(describeDrawn(d), TABLES.ledger, () => rows);
          expect(actualDifferences(description)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  // Found by the random test above: a month with almost no budgeted actions (a job at 0.001 items a week) against $150k of
  // review and escalation makes the volume and mix terms ~1e10; the price, their remainder, agrees to their rounding.
  test("a month whose budget has almost no actions: the split's terms are huge, the price is their remainder", () => {
    const jobs: TableRow[] = [
      { Example: "", Job: "Website sales chat", Workflow: "Custom", "Volume per week": 5000, "Units per item": 0, "Acceptance bar": "Accepted", "Target acceptance rate": 0.15163109688418314, "Rerun rate": 0, "Review minutes per item": 0, "Human approves": "No", "Ramp (months)": 1, "Monthly growth": 0.3 },
      { Example: "", Job: "Stage hygiene", Workflow: "Custom", "Volume per week": 0.001, "Units per item": 0.014958032608571417, "Acceptance bar": "Accepted", "Target acceptance rate": 0.3290056452942529, "Rerun rate": 2, "Review minutes per item": 0, "Human approves": "No", "Ramp (months)": 14, "Monthly growth": 0 },
    ];
    let d = withTableRows(template, TABLES.jobs, () => jobs);
    for (const [key, value] of Object.entries({ [BUDGET_NAMES.fiscalYearStart]: 44908, PricingModel: "copilot-studio.payg", BudgetSeatUsers: 30, SandboxShare: 0.3, DevelopmentCost: 200000, DevelopmentAmortisationMonths: 5 })) d = withInput(d, key, value);
    const rows = ledgerRows([
      { serial: 44908, job: "Stage hygiene", units: 0, count: 5 },
      { serial: 44927, job: "Customer service conversations", units: 0, count: 1 },
    ]);
    expect(actualDifferences(withTableRows(d, TABLES.ledger, () => rows))).toEqual([]);
  });

  test("a job listed twice shares its actions; a job with no name or no budgeted actions is priced at the average", () => {
    const twice = withTableRows(template, TABLES.jobs, (rows) => [...rows, { ...(rows[1] as TableRow), "Volume per week": 600 }, { ...(rows[0] as TableRow), Job: "", "Volume per week": 100 }]);
    expect(actualDifferences(twice)).toEqual([]);
  });
});

// ---- The public names ------------------------------------------------------------------------

describe("the Budget sheet's public names", () => {
  test("each monthly name is 12 cells of one column on the Budget sheet; FiscalYearStart and BudgetAnnualTotal one cell each", () => {
    for (const defined of MONTHLY_NAMES) {
      const { sheet, range } = namedRange(template, defined);
      const [from, to] = range.split(":") as [string, string];
      expect([defined, sheet, parseAddress(to).row - parseAddress(from).row + 1, parseAddress(from).column === parseAddress(to).column]).toEqual([defined, SHEETS.budget, 12, true]);
    }
    expect(named(template, BUDGET_NAMES.fiscalYearStart).sheet).toBe(SHEETS.budget);
    expect(named(template, BUDGET_NAMES.annualTotal).sheet).toBe(SHEETS.budget);
  });

  test("a name on a range reads as the range in a formula: SUM(BudgetMonthlyTotal) is the year", () => {
    const evaluator = workbookEvaluator(template);
    const { sheet, range } = namedRange(template, BUDGET_NAMES.total);
    const [from] = range.split(":") as [string, string];
    const first = evaluator.cell(sheet, from) as number;
    expect(first).toBeCloseTo(25007.97, 2);
    expect(valueOf(evaluator, template, BUDGET_NAMES.annualTotal)).toBeCloseTo(sheetMonths(template, evaluator).totalUsd.reduce((s, v) => s + v, 0), 6);
  });

  test("the file writer defines them workbook-scoped, on the same ranges", async () => {
    const zip = await JSZip.loadAsync(await writeWorkbook(template, { portable: true }));
    const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const defined = new Map([...xml.matchAll(/<definedName name="([^"]+)"([^>]*)>([^<]*)<\/definedName>/g)].map((m) => [m[1] as string, { attributes: m[2] ?? "", ref: m[3] ?? "" }]));
    for (const name of MONTHLY_NAMES) {
      const { range } = namedRange(template, name);
      const [from, to] = range.split(":") as [string, string];
      expect([name, defined.get(name)?.ref]).toEqual([name, `Budget!$${from.replace(/(\d+)/, "$$$1")}:$${to.replace(/(\d+)/, "$$$1")}`]);
      // Workbook-scoped: no localSheetId.
      expect(defined.get(name)?.attributes).not.toContain("localSheetId");
    }
    expect(defined.get(BUDGET_NAMES.fiscalYearStart)?.ref).toBe(`Budget!$${named(template, BUDGET_NAMES.fiscalYearStart).address.replace(/(\d+)/, "$$$1")}`);
    expect(defined.get(BUDGET_NAMES.annualTotal)?.ref).toBe(`Budget!$${named(template, BUDGET_NAMES.annualTotal).address.replace(/(\d+)/, "$$$1")}`);
    // Writing the whole workbook: seconds on a loaded machine, not a speed check (the bench has that).
  }, 30_000);

  test("the Office.js writer adds them to the workbook's names, on the same ranges, with the column's header as comment; a copy beside gets its own", async () => {
    const excel = new ExcelDouble();
    await buildInWorkbook(excel.context() as unknown as Excel.RequestContext, template, "fresh");
    for (const name of MONTHLY_NAMES) {
      const { range } = namedRange(template, name);
      const item = excel.model.findName(name);
      expect([name, item?.value]).toEqual([name, `Budget!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`]);
      expect(item?.area.r2).toBe((item?.area.r1 ?? 0) + 11);
    }
    expect(excel.model.findName(BUDGET_NAMES.total)?.comment).toBe("Total");
    // Check finds the fresh workbook whole; a second copy written beside renames the range names with the rest.
    expect(await checkWorkbook(excel.context() as unknown as Excel.RequestContext, template)).toEqual([]);
    await buildInWorkbook(excel.context() as unknown as Excel.RequestContext, template, "beside");
    const { range } = namedRange(template, BUDGET_NAMES.total);
    expect(excel.model.findName(`${BUDGET_NAMES.total}_2`)?.value).toBe(`'Budget (2)'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`);
    expect(excel.model.findName(BUDGET_NAMES.total)?.value).toBe(`Budget!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`);
    expect(excel.model.findName(BUDGET_NAMES.fiscalYearStart)?.value).toBe(`Budget!${named(template, BUDGET_NAMES.fiscalYearStart).address.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")}`);
    // Writing the whole workbook: seconds on a loaded machine, not a speed check (the bench has that).
  }, 30_000);
});

describe("the Jobs sheet's ramp and growth columns", () => {
  test("are inputs after the other inputs, validated, and leave every other Jobs figure as it was", () => {
    const jobs = tableOf(template, TABLES.jobs).block;
    const headers = jobs.columns.map((c) => c.header);
    expect(headers.slice(9, 13)).toEqual(["Human approves", "Human case", "Ramp (months)", "Monthly growth"]);
    expect(jobs.columns.slice(11, 13).map((c) => [c.kind, c.validation?.kind, c.validation?.kind === "decimal" ? c.validation.min : undefined])).toEqual([
      ["input", "decimal", 0],
      ["input", "decimal", -1],
    ]);
    // The Jobs sheet's totals with the examples' ramp and growth, and with none: the same.
    const flat = withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => ({ ...r, "Ramp (months)": 0, "Monthly growth": 0 })));
    const a = workbookEvaluator(template);
    const b = workbookEvaluator(flat);
    const jobsSheet = template.sheets.find((s) => s.name === SHEETS.jobs);
    if (!jobsSheet) throw new Error("no Jobs sheet");
    for (const cell of sheetCells(jobsSheet)) if ("formula" in cell.content) expect([cell.address, a.cell(SHEETS.jobs, cell.address)]).toEqual([cell.address, b.cell(SHEETS.jobs, cell.address)]);
    // 53,000 actions at $0.075: the seed's $3,975.
    expect(numbers(column(a, template, TABLES.jobs, "AI cost per month")).reduce((s, v) => s + v, 0)).toBeCloseTo(3975, 9);
  });
});

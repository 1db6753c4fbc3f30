/**
 * The Budget sheet of the portable workbook, recalculated by LibreOffice: every formula of the
 * Budget and Jobs sheets agrees with the evaluator, and the 12 months are the engine's
 * monthlyBudget; then what-ifs changed in the description (a job's volume doubled, another
 * pricing model, another fiscal-year start), each recalculated, with every dependent budget
 * figure following; and budget vs actual on the example ledger (November 2026) by hand.
 * All the workbooks go through one LibreOffice run.
 */
import { monthlyBudget, serialFromIso, type MonthlyBudget } from "../../src/engine";
import { parseAddress } from "../../src/template/model/address";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { BUDGET_NAMES, SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { columnValues, disagreements, recalculatePortable, type RecalculatedBook } from "../support/libreoffice";
import { MONTHLY_NAMES, at, close, inputsOf, namedRange } from "../template/budget-fixture";
import { named, withInput } from "../template/ledger-fixture";
import { withTableRows } from "../template/office-fixture";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, asOf: "2026-11-23" });
const variants: Record<string, TemplateDescription> = {
  base: template,
  // Website sales chat (the job that ramps and grows): 12,000 a year (12,000 ÷ 52 a week) becomes 24,000.
  doubled: withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => (r.Job === "Website sales chat" ? { ...r, "Volume per week": 24000 / 52 } : r)) as TableRow[]),
  perConversation: withInput(template, "PricingModel", "Per conversation"),
  perUser: withInput(template, "PricingModel", "Per user"),
  // Mid-month: its month is month 1.
  april: withInput(template, BUDGET_NAMES.fiscalYearStart, serialFromIso("2026-04-15")),
};
let books: Record<string, RecalculatedBook>;

beforeAll(async () => {
  books = await recalculatePortable(variants);
});

const book = (key: string): RecalculatedBook => books[key] as RecalculatedBook;
const budgetColumn = (key: string, header: string): unknown[] => columnValues(book(key), variants[key] as TemplateDescription, TABLES.budget, header);
const bvaColumn = (key: string, header: string): unknown[] => columnValues(book(key), variants[key] as TemplateDescription, TABLES.budgetVsActual, header);
const numbersOf = (values: unknown[]): number[] => values.map((v) => (typeof v === "number" ? v : Number.NaN));
const namedValue = (key: string, defined: string): unknown => {
  const { sheet, address } = named(variants[key] as TemplateDescription, defined);
  return book(key).value(sheet, address);
};
const engineOf = (key: string): MonthlyBudget => {
  const description = variants[key] as TemplateDescription;
  return monthlyBudget(inputsOf(description, workbookEvaluator(description)));
};

const COLUMNS: readonly [header: string, field: keyof MonthlyBudget["months"][number]][] = [
  ["Month", "monthStart"],
  ["Agent actions", "actions"],
  ["AI spend", "aiUsd"],
  ["Human review", "reviewUsd"],
  ["Escalation labor", "escalationUsd"],
  ["Review and escalation", "laborUsd"],
  ["Seats", "seatsUsd"],
  ["Data Cloud", "dataCloudUsd"],
  ["Sandbox", "sandboxUsd"],
  ["Development", "developmentUsd"],
  ["Less credits", "creditsUsd"],
  ["Support uplift", "supportUsd"],
  ["Platform and hidden costs", "platformUsd"],
  ["Total", "totalUsd"],
];

describe.each(Object.keys(variants))("the %s workbook in LibreOffice", (key) => {
  test("every formula of the Budget and Jobs sheets agrees with the evaluator", () => {
    const mine = disagreements(book(key), variants[key] as TemplateDescription).filter((d) => d.startsWith(`${SHEETS.budget}!`) || d.startsWith(`${SHEETS.jobs}!`));
    expect(mine).toEqual([]);
  });

  test("its 12 months × every component, and the year, are the engine's monthlyBudget", () => {
    const engine = engineOf(key);
    const problems: string[] = [];
    for (const [header, field] of COLUMNS)
      numbersOf(budgetColumn(key, header)).forEach((v, i) => {
        const expected = engine.months[i]?.[field] as number;
        if (!close(v, expected)) problems.push(`${header} month ${i + 1}: LibreOffice ${v}, engine ${expected}`);
      });
    expect(problems).toEqual([]);
    expect(close(namedValue(key, BUDGET_NAMES.annualTotal) as number, engine.annual.totalUsd)).toBe(true);
  });

  test("each public monthly name's 12 cells hold the figures the engine gives", () => {
    const engine = engineOf(key);
    const fields: Partial<Record<string, keyof MonthlyBudget["months"][number]>> = {
      [BUDGET_NAMES.months]: "monthStart",
      [BUDGET_NAMES.ai]: "aiUsd",
      [BUDGET_NAMES.review]: "laborUsd",
      [BUDGET_NAMES.platform]: "platformUsd",
      [BUDGET_NAMES.total]: "totalUsd",
    };
    for (const defined of MONTHLY_NAMES) {
      const field = fields[defined];
      if (!field) continue;
      const { sheet, range } = namedRange(variants[key] as TemplateDescription, defined);
      const [from] = range.split(":") as [string, string];
      const at = parseAddress(from);
      const cells = Array.from({ length: 12 }, (_, i) => book(key).value(sheet, `${from.replace(/\d+$/, "")}${at.row + i}`));
      expect([defined, cells.every((v, i) => typeof v === "number" && close(v, engine.months[i]?.[field] as number))]).toEqual([defined, true]);
    }
  });
});

describe("what-ifs: every dependent budget figure follows", () => {
  const WEEKS = 52 / 12;
  const reviewerHourly = 20.59 * (1 + 13.68 / 32.37) * 1.2;
  const humanCase = ((reviewerHourly / 0.7) * 10) / 60;

  test("doubling the sales chat's volume adds its AI, review and escalation, phased by its 3-month ramp and 2 % growth, and the shares of it, to every month", () => {
    // Ramp 3 months (1/3, 2/3, then all), growth 2 % a month from month 1.
    const growth = (m: number): number => Math.min(1, m / 3) * 1.02 ** (m - 1);
    // 12,000 more a year: 1,000 items a month × 5.3 actions (no reruns) at $0.075 = $397.50; 1 review minute each = $585.83; 10 % to a person = $836.90.
    const ai = 1000 * 5.3 * 1 * 0.075;
    const review = (1000 / 60) * reviewerHourly;
    const escalation = 1000 * 0.1 * humanCase;
    const delta = (header: string): number[] => numbersOf(budgetColumn("doubled", header)).map((v, i) => v - (numbersOf(budgetColumn("base", header))[i] as number));
    for (let m = 1; m <= 12; m++) {
      expect(delta("AI spend")[m - 1]).toBeCloseTo(ai * growth(m), 6);
      expect(delta("Human review")[m - 1]).toBeCloseTo(review * growth(m), 6);
      expect(delta("Escalation labor")[m - 1]).toBeCloseTo(escalation * growth(m), 6);
      expect(delta("Data Cloud")[m - 1]).toBeCloseTo(0.3 * ai * growth(m), 6);
      expect(delta("Sandbox")[m - 1]).toBeCloseTo(0.05 * ai * growth(m), 6);
      // The credits were used up in month 1 by the base AI spend already: Premier adds 30 % of AI, Data Cloud and sandbox.
      expect(delta("Less credits")[m - 1]).toBeCloseTo(0, 9);
      expect(delta("Support uplift")[m - 1]).toBeCloseTo(0.3 * 1.35 * ai * growth(m), 6);
      expect(delta("Total")[m - 1]).toBeCloseTo((ai * 1.35 * 1.3 + review + escalation) * growth(m), 6);
    }
    const years = Array.from({ length: 12 }, (_, i) => growth(i + 1)).reduce((s, g) => s + g, 0);
    expect((namedValue("doubled", BUDGET_NAMES.annualTotal) as number) - (namedValue("base", BUDGET_NAMES.annualTotal) as number)).toBeCloseTo((ai * 1.35 * 1.3 + review + escalation) * years, 5);
    expect(WEEKS * (12000 / 52)).toBeCloseTo(1000, 9);
  });

  test("per conversation: each run is a $2 conversation; the free credits are worth nothing; the November actual is 350 conversations", () => {
    // Runs a month: items × (1 + rerun rate): 8,333.33, 533.33 × 1.25 = 666.67 and 1,000.
    const runs = [(100000 / 52) * WEEKS, (6400 / 52) * WEEKS * 1.25, (12000 / 52) * WEEKS];
    const ai = numbersOf(budgetColumn("perConversation", "AI spend"));
    // Month 1: sales chat at a third: 2 × (8,333.33 + 666.67 + 333.33) = $18,666.67.
    expect(ai[0]).toBeCloseTo(2 * (at(runs, 0) + at(runs, 1) + at(runs, 2) / 3), 6);
    // Month 12: sales chat in full at 1.02^11.
    expect(ai[11]).toBeCloseTo(2 * (at(runs, 0) + at(runs, 1) + at(runs, 2) * 1.02 ** 11), 6);
    expect(numbersOf(budgetColumn("perConversation", "Less credits"))).toEqual(Array(12).fill(0));
    expect(bvaColumn("perConversation", "Actual AI spend")[10]).toBeCloseTo(700, 9);
  });

  test("per user: the AI spend is 50 seats at $125 every month, no seats are added to the platform, and November's actual seats are 4/30 of a month", () => {
    expect(numbersOf(budgetColumn("perUser", "AI spend"))).toEqual(Array(12).fill(6250));
    expect(numbersOf(budgetColumn("perUser", "Seats"))).toEqual(Array(12).fill(0));
    expect(bvaColumn("perUser", "Actual AI spend")[10]).toBeCloseTo((6250 * 4) / 30, 9);
    // The seats cost the same per action in every job: the mix is the other costs' alone, and the split still adds up.
    const parts = ["Volume", "Mix", "Price"].map((h) => bvaColumn("perUser", h)[10] as number);
    expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(bvaColumn("perUser", "Variance")[10] as number, 6);
  });

  test("a fiscal year from 15 April: the months run from 1 April 2026 to March 2027, the ramp restarts, and November is month 8", () => {
    expect(budgetColumn("april", "Month")).toEqual(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"].map((ym) => serialFromIso(`${ym}-01`)));
    // Month 1 is April: sales chat at a third again, 3,312.50 + 265 + 397.50 ÷ 3 = $3,710.
    expect(budgetColumn("april", "AI spend")[0]).toBeCloseTo(3710, 9);
    const actual = bvaColumn("april", "Actual");
    expect(actual.map((v, i) => (i === 7 ? typeof v : v))).toEqual([...Array(7).fill(""), "number", ...Array(4).fill("")]);
    // November is month 8 now: a smaller month-8 budget than month 11's (less growth), the same actual.
    expect(bvaColumn("april", "Budget")[7]).toBeCloseTo(((budgetColumn("april", "Total")[7] as number) * 4) / 30, 6);
    expect(actual[7]).toBeCloseTo(1.3125 + (33 / 60) * reviewerHourly + 2 * humanCase + ((budgetColumn("april", "Platform and hidden costs")[7] as number) * 4) / 30, 6);
  });
});

describe("budget vs actual in LibreOffice (the example ledger, November 2026)", () => {
  test("months without ledger rows are empty; November is $1,033.33 actual against $3,649.78, and volume, mix and price add to the variance", () => {
    const actual = bvaColumn("base", "Actual");
    const variance = bvaColumn("base", "Variance");
    // An empty text, as the formula gives it: no 0, no −100 %.
    expect(actual.map((v, i) => (i === 10 ? "November" : v))).toEqual([...Array(10).fill(""), "November", ""]);
    expect(variance.map((v, i) => (i === 10 ? "November" : v))).toEqual([...Array(10).fill(""), "November", ""]);
    expect(bvaColumn("base", "Variance %").slice(0, 10)).toEqual(Array(10).fill(""));
    // docs/model.md §10.5: 1.31 + 19.33 + 16.74 + the platform's $7,469.63 × 4/30 = $995.95: $1,033.33, against $27,373.38 × 4/30 = $3,649.78.
    expect(Math.round((actual[10] as number) * 100) / 100).toBe(1033.33);
    expect(Math.round((bvaColumn("base", "Budget")[10] as number) * 100) / 100).toBe(3649.78);
    expect(Math.round((variance[10] as number) * 100) / 100).toBe(-2616.45);
    const parts = ["Volume", "Mix", "Price"].map((h) => bvaColumn("base", h)[10] as number);
    expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(variance[10] as number, 9);
    // Volume (10 − 7,221.42) × $0.3675; mix 4, 4 and 2 actions at $0.3671, $0.4161 and $0.3434 against 10 at $0.3675; price the rest.
    expect(parts.map((v) => Math.round(v * 100) / 100)).toEqual([-2650.16, 0.14, 33.56]);
    expect(namedValue("base", "VarianceToDate")).toBeCloseTo(variance[10] as number, 9);
  });
});

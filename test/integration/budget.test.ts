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
  // Follow-up emails: 1,200 a week becomes 2,400.
  doubled: withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => (r.Job === "Follow-up emails" ? { ...r, "Volume per week": 2400 } : r)) as TableRow[]),
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

  test("doubling the follow-ups' volume adds their AI, review and escalation, phased by 2 % growth, and the shares of it, to every month", () => {
    const growth = (m: number): number => 1.02 ** (m - 1);
    // 1,200 more a week: 5,200 items a month × 2 actions × 1.15 at $0.075; 1 review minute each; 15 % to a person.
    const ai = 5200 * 2 * 1.15 * 0.075;
    const review = (5200 / 60) * reviewerHourly;
    const escalation = 5200 * 0.15 * humanCase;
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
    expect(WEEKS * 1200).toBeCloseTo(5200, 9);
  });

  test("per conversation: each run is a $2 conversation; the free credits are worth nothing; the November actual is 350 conversations", () => {
    const runs = [250 * WEEKS * 1.1, 1200 * WEEKS * 1.15, 800 * WEEKS * 1.2, 300 * 1.05];
    const ai = numbersOf(budgetColumn("perConversation", "AI spend"));
    expect(ai[0]).toBeCloseTo(2 * (at(runs, 0) + at(runs, 1) + at(runs, 2) / 3 + at(runs, 3)), 6);
    expect(ai[11]).toBeCloseTo(2 * (at(runs, 0) + at(runs, 1) * 1.02 ** 11 + at(runs, 2) + at(runs, 3)), 6);
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
    expect(budgetColumn("april", "AI spend")[0]).toBeCloseTo(1322, 9);
    const actual = bvaColumn("april", "Actual");
    expect(actual.map((v, i) => (i === 7 ? typeof v : v))).toEqual([...Array(7).fill(""), "number", ...Array(4).fill("")]);
    // November is month 8 now: a smaller month-8 budget than month 11's (less growth), the same actual.
    expect(bvaColumn("april", "Budget")[7]).toBeCloseTo(((budgetColumn("april", "Total")[7] as number) * 4) / 30, 6);
    expect(actual[7]).toBeCloseTo(1.3125 + (33 / 60) * reviewerHourly + 2 * humanCase + ((budgetColumn("april", "Platform and hidden costs")[7] as number) * 4) / 30, 6);
  });
});

describe("budget vs actual in LibreOffice (the example ledger, November 2026)", () => {
  test("months without ledger rows are empty; November is $840.09 actual against $4,151.37, and volume, mix and price add to the variance", () => {
    const actual = bvaColumn("base", "Actual");
    const variance = bvaColumn("base", "Variance");
    // An empty text, as the formula gives it: no 0, no −100 %.
    expect(actual.map((v, i) => (i === 10 ? "November" : v))).toEqual([...Array(10).fill(""), "November", ""]);
    expect(variance.map((v, i) => (i === 10 ? "November" : v))).toEqual([...Array(10).fill(""), "November", ""]);
    expect(bvaColumn("base", "Variance %").slice(0, 10)).toEqual(Array(10).fill(""));
    expect(Math.round((actual[10] as number) * 100) / 100).toBe(840.09);
    expect(Math.round((bvaColumn("base", "Budget")[10] as number) * 100) / 100).toBe(4151.37);
    expect(Math.round((variance[10] as number) * 100) / 100).toBe(-3311.28);
    const parts = ["Volume", "Mix", "Price"].map((h) => bvaColumn("base", h)[10] as number);
    expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(variance[10] as number, 9);
    expect(parts.map((v) => Math.round(v * 100) / 100)).toEqual([-3339.87, 0.85, 27.74]);
    expect(namedValue("base", "VarianceToDate")).toBeCloseTo(variance[10] as number, 9);
  });
});

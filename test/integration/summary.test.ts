/**
 * The Summary sheet of the portable workbook, recalculated by LibreOffice: every formula agrees
 * with the evaluator, every headline equals the cell or range it summarises as LibreOffice
 * computes them, its tables read the Budget's months and ScenarioAnnualTotal, and a what-if
 * (another pricing model, twice the volume) moves the headlines with their sources.
 * All the workbooks go through one LibreOffice run.
 */
import { parseAddress } from "../../src/template/model/address";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { portableDescription } from "../../src/template/render/live";
import { BUDGET_NAMES, SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { SCENARIO_ANNUAL_TOTAL } from "../../src/template/sheets/scenarios-sheet";
import { SUMMARY_TABLES } from "../../src/template/sheets/summary-sheet";
import { columnValues, disagreements, recalculatePortable, type RecalculatedBook, type Recomputed } from "../support/libreoffice";
import { namedRange } from "../template/budget-fixture";
import { named, withInput } from "../template/ledger-fixture";
import { withTableRows } from "../template/office-fixture";
import { HEADLINES } from "../template/summary-fixture";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, asOf: "2026-11-23" });
const variants: Record<string, TemplateDescription> = {
  base: template,
  empty: describeTemplate({ examples: false, asOf: "2026-11-23" }),
  perUser: withInput(template, "PricingModel", "Per user"),
  doubled: withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => ({ ...r, "Volume per week": 2 * Number(r["Volume per week"] ?? 0) })) as TableRow[]),
};
let books: Record<string, RecalculatedBook>;

beforeAll(async () => {
  books = await recalculatePortable(variants);
});

const book = (key: string): RecalculatedBook => books[key] as RecalculatedBook;
const cellOf = (key: string, defined: string): Recomputed => {
  const { sheet, address } = named(variants[key] as TemplateDescription, defined);
  return book(key).value(sheet, address);
};
const rangeOf = (key: string, defined: string): Recomputed[] => {
  const { sheet, range } = namedRange(variants[key] as TemplateDescription, defined);
  const [from, to] = range.split(":") as [string, string];
  const a = parseAddress(from);
  return Array.from({ length: parseAddress(to).row - a.row + 1 }, (_, i) => book(key).value(sheet, `${from.replace(/\d+$/, "")}${a.row + i}`));
};
const close = (a: unknown, b: unknown): boolean => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b);

describe.each(Object.keys(variants))("the %s workbook's Summary in LibreOffice", (key) => {
  test("every formula of the Summary agrees with the evaluator", () => {
    // The evaluator computes what the portable file holds: the scenarios' results as formulas.
    expect(disagreements(book(key), portableDescription(variants[key] as TemplateDescription)).filter((d) => d.startsWith(`${SHEETS.summary}!`))).toEqual([]);
  });

  test("every headline equals the cell or range it summarises", () => {
    const problems = HEADLINES.flatMap(([defined, source, how]) => {
      const mine = cellOf(key, defined);
      const numbers = how === "cell" ? [] : rangeOf(key, source).filter((v): v is number => typeof v === "number");
      const theirs = how === "cell" ? cellOf(key, source) : how === "count" ? numbers.length : numbers.reduce((a, b) => a + b, 0);
      // A formula whose result is "" is read back from LibreOffice's file as an empty cell.
      return close(mine, theirs) || (mine === null && theirs === null) ? [] : [`${defined}: ${JSON.stringify(mine)}, ${source} ${JSON.stringify(theirs)}`];
    });
    expect(problems).toEqual([]);
  });

  test("the monthly table is the Budget's named months, and the scenarios' annual cost is ScenarioAnnualTotal, monthly cost × 12", () => {
    const description = variants[key] as TemplateDescription;
    for (const [header, defined] of [
      ["Month", BUDGET_NAMES.months],
      ["AI spend", BUDGET_NAMES.ai],
      ["Budget", BUDGET_NAMES.total],
      ["Actual", BUDGET_NAMES.actual],
    ] as const)
      expect([header, columnValues(book(key), description, SUMMARY_TABLES.months, header)]).toEqual([header, rangeOf(key, defined)]);
    const annual = rangeOf(key, SCENARIO_ANNUAL_TOTAL);
    expect(columnValues(book(key), description, SUMMARY_TABLES.scenarios, "Annual cost")).toEqual(annual);
    columnValues(book(key), description, TABLES.scenarios, "Monthly cost").forEach((monthly, i) => expect(annual[i]).toBeCloseTo((monthly as number) * 12, 6));
  });
});

test("twice the jobs' volume moves the year's AI spend and the scenarios with it; another model shows as the model in use", () => {
  expect(cellOf("doubled", "SummaryActionsPerMonth")).toBe(cellOf("doubled", "TotalActionsPerMonth"));
  expect(cellOf("doubled", "SummaryAnnualAI") as number).toBeGreaterThan(cellOf("base", "SummaryAnnualAI") as number);
  expect(cellOf("perUser", "SummaryPricingModel")).toBe("Per user");
  expect(rangeOf("doubled", SCENARIO_ANNUAL_TOTAL)[0] as number).toBeGreaterThan(rangeOf("base", SCENARIO_ANNUAL_TOTAL)[0] as number);
});

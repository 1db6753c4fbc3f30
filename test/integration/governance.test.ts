/**
 * The Governance and Ledger sheets of the portable workbook, recalculated by LibreOffice
 * (issue 10): every formula agrees with the evaluator; the checklist, the stop rule, the
 * approval points and the retry caps give the figures worked by hand in
 * test/template/governance.test.ts; the Ledger's period is its rows' 4 days; and what-ifs
 * changed in the written file's description (more reruns in the ledger rows, a tighter stop
 * rule) turn the flags on. All the workbooks go through one LibreOffice run.
 */
import type { TemplateDescription } from "../../src/template/model/description";
import { EXAMPLE_RETRY_CAP } from "../../src/template/sheets/governance-sheet";
import { SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { TEMPLATE_MESSAGES } from "../../src/messages/sheet-notes";
import { columnValues, disagreements, recalculatePortable, type RecalculatedBook } from "../support/libreoffice";
import { named, withInput } from "../template/ledger-fixture";
import { withTableRows } from "../template/office-fixture";

jest.setTimeout(120_000);

const M = TEMPLATE_MESSAGES.governance;
const PER_CREDIT = (500 / 100000) * 0.75;
const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const variants: Record<string, TemplateDescription> = {
  base: template,
  // The example jobs' caps, plus one for a job the ledger has no rows of (a capped job not yet run), as the unit test does.
  unlogged: withTableRows(template, TABLES.retryCaps, (rows) => [...rows, { Example: "", Job: "Knowledge base articles", "Retry cap": EXAMPLE_RETRY_CAP }]),
  // Two more 20-credit reruns of customer service conversations: 60 rerun units on 60 first-run units.
  reruns: withTableRows(template, TABLES.ledger, (rows) => [...rows, { ...rows[2], Key: "rerun-a", "Source row": 11 }, { ...rows[2], Key: "rerun-b", "Source row": 12 }]),
  // Stop at 85 % of the allocation: the forecast's 89 % is past it.
  tight: withInput(template, "GovStopShare", 0.85),
  blank: describeTemplate({ examples: false, currency: "USD", asOf: "2026-11-23" }),
};
let books: Record<string, RecalculatedBook>;

beforeAll(async () => {
  books = await recalculatePortable(variants);
});

const book = (key: string): RecalculatedBook => books[key] as RecalculatedBook;
const value = (key: string, defined: string): unknown => {
  const { sheet, address } = named(variants[key] as TemplateDescription, defined);
  return book(key).value(sheet, address);
};
const caps = (key: string, header: string): unknown[] => columnValues(book(key), variants[key] as TemplateDescription, TABLES.retryCaps, header);
const checklist = (key: string, header: string): unknown[] => columnValues(book(key), variants[key] as TemplateDescription, TABLES.governance, header);

describe.each(Object.keys(variants))("the %s workbook in LibreOffice", (key) => {
  test("every formula of the Governance and Ledger sheets agrees with the evaluator", () => {
    const mine = disagreements(book(key), variants[key] as TemplateDescription).filter((d) => d.startsWith(`${SHEETS.governance}!`) || d.startsWith(`${SHEETS.ledger}!`));
    expect(mine).toEqual([]);
  });
});

describe("the example workbook, by hand", () => {
  test("approval points: 1 job (case follow-up emails), 6,400 a year ÷ 12 = 533.33 items a month", () => {
    expect(value("base", "GovApprovalJobs")).toBe(1);
    // 6,400 a year typed as 6,400 ÷ 52 a week, × 52 ÷ 12.
    expect(value("base", "GovApprovalItems")).toBeCloseTo(6400 / 12, 9);
  });

  test("retry caps at 50 %: case follow-up emails and website sales chat over, a job with no rows has no rate, $0.16875 of reruns above the caps", () => {
    // Customer service conversations 20 ÷ 60 within; case follow-up emails 60 ÷ 90 (15 above) and website sales chat 60 ÷ 60 (30 above) over.
    expect(caps("unlogged", "Against the cap")).toEqual([M.withinCap, M.overCap, M.overCap, M.noRuns]);
    expect(caps("unlogged", "Rerun units above the cap")).toEqual([0, 15, 30, 0]);
    expect(value("unlogged", "GovAboveCapCost")).toBeCloseTo(45 * PER_CREDIT, 12);
    // The Ledger's 350 credits less the 45 above the caps.
    expect(value("unlogged", "GovCappedLedgerCost")).toBeCloseTo(305 * PER_CREDIT, 12);
  });

  test("the period's forecast bounded by the caps: 350 + 13,000 × (1 − 45 ÷ 350) = 11,678.57 credits, 1,671.43 kept", () => {
    expect(value("base", "GovAboveCapShare")).toBeCloseTo(45 / 350, 12);
    expect(value("base", "GovForecastBounded")).toBeCloseTo(350 + 13000 * (1 - 45 / 350), 9);
    expect(value("base", "GovBoundedSavedCost")).toBeCloseTo(13000 * (45 / 350) * PER_CREDIT, 12);
  });

  test("the stop rule at 100 %: not triggered; the checklist's flags", () => {
    expect(value("base", "GovStopTriggered")).toBe("No");
    expect(checklist("base", "Flag")).toEqual([M.flags.open, M.flags.failedBilled, M.flags.overCap, M.flags.open, M.flags.alert, M.flags.open, M.flags.open, M.flags.open]);
  });

  test("the Ledger's period: 2–5 November, 4 days, 4 ÷ 30.4375 months", () => {
    expect(value("base", "LedgerDays")).toBe(4);
    expect(value("base", "LedgerMonths")).toBeCloseTo(4 / 30.4375, 12);
  });
});

describe("what-ifs in the written file", () => {
  test("more reruns in the ledger rows: customer service conversations' flag turns on, 3 jobs over, 75 units above the caps", () => {
    expect(caps("reruns", "Against the cap")[0]).toBe(M.overCap);
    expect(caps("reruns", "Rerun units above the cap")[0]).toBe(30);
    expect(value("reruns", "GovJobsOverCap")).toBe(3);
    expect(value("reruns", "GovAboveCapCost")).toBeCloseTo(75 * PER_CREDIT, 12);
  });

  test("a tighter stop rule: triggered, 600 credits ($2.25) held back, the checklist flags it", () => {
    expect(value("tight", "GovStopTriggered")).toBe(M.stopTriggered);
    expect(value("tight", "GovStopHeldCredits")).toBeCloseTo(600, 9);
    expect(value("tight", "GovStopHeldCost")).toBeCloseTo(2.25, 12);
    expect(value("tight", "GovForecastUnderStop")).toBeCloseTo(12750, 9);
    expect(checklist("tight", "Flag")[3]).toBe(M.flags.stop);
  });

  test("without examples: nothing over a cap, no allocation, 8 owners missing", () => {
    expect([value("blank", "GovJobsOverCap"), value("blank", "GovAboveCapCost"), value("blank", "GovStopTriggered"), value("blank", "LedgerDays")]).toEqual([0, 0, M.noAllocation, 0]);
    expect(checklist("blank", "Now")[7]).toBe(8);
  });
});

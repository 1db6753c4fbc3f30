/**
 * The Ledger sheet's period from the ledger's own dates (issue 10): the ten example rows run
 * from 2 to 5 November 2026, four days, so plan vs actual compares four days of actuals with
 * four days of plan (days ÷ 365.25/12 months of the Jobs sheet's monthly AI cost), per-user
 * seats are priced for those days, and the by-job summary shows the all-in cost per validated
 * outcome (AI + review at the reviewer's loaded hourly cost) beside the AI-only one. Every
 * figure worked by hand. Also the ROI sheet's build vs buy: the seed's example, and under the
 * pricing model in use.
 */
import { CellError, workbookEvaluator, type ExcelValue } from "../../src/template/render/evaluator";
import { PRICING_MODEL_NAMES } from "../../src/engine";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import type { TemplateDescription } from "../../src/template/model/description";
import { column, valueOf } from "./budget-fixture";
import { exampleLedgerRows } from "../../src/template/sheets/ledger-sheet";
import { withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const NOV2 = 46328; // 2026-11-02, the first example row's day
const NOV5 = 46331;

// Flex at list $500 per 100,000 credits, 25 % off: $0.00375 a credit.
const PER_CREDIT = (500 / 100000) * 0.75;
// Customer service conversations' monthly AI cost on the Jobs sheet: 100,000 a year ÷ 52 a week × 52 ÷ 12 = 8,333.33 items,
// no reruns, × 5.3 actions (the Pricing sheet's mix: 0.6 × 3 + 0.3 × 7 + 0.1 × 14) × 20 credits × $0.00375 = $3,312.50.
const SERVICE_MONTHLY = (100000 / 52) * (52 / 12) * 1 * (0.6 * 3 + 0.3 * 7 + 0.1 * 14) * 20 * PER_CREDIT;
// The reviewer's loaded hourly cost: $20.59 × (1 + 13.68 ÷ 32.37) × 1.2 ≈ $35.1499.
const REVIEWER_HOURLY = 20.59 * (1 + 13.68 / 32.37) * 1.2;

const value = (description: TemplateDescription, defined: string): ExcelValue => valueOf(workbookEvaluator(description), description, defined);
const byJob = (description: TemplateDescription, header: string): ExcelValue[] => column(workbookEvaluator(description), description, TABLES.ledgerSummary, header);

describe("the Ledger's period, from its first and last Timestamp", () => {
  test("the example rows run 2–5 November 2026: 4 days, 4 ÷ 30.4375 = 0.131417 months", () => {
    expect(value(template, "LedgerFirstDay")).toBe(NOV2);
    expect(value(template, "LedgerLastDay")).toBe(NOV5);
    expect(value(template, "LedgerDays")).toBe(4);
    expect(value(template, "LedgerMonths")).toBeCloseTo(4 / 30.4375, 12);
    expect(value(template, "LedgerMonths")).toBeCloseTo(0.131416838, 9);
  });

  test("the period is an output now: no input to type over", () => {
    const cells = template.sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "cells" ? b.cells : [])));
    const months = cells.find((c) => c.name === "LedgerMonths");
    expect(months?.style).toBe("output");
    expect(months && "formula" in months.value).toBe(true);
  });

  test("a row added on 30 November stretches the period to 29 days (2–30 November)", () => {
    const later = withTableRows(template, TABLES.ledger, (rows) => [...rows, { ...rows[0], Timestamp: NOV2 + 28 + 0.9, Key: "late" }]);
    expect(value(later, "LedgerDays")).toBe(29);
    expect(value(later, "LedgerMonths")).toBeCloseTo(29 / 30.4375, 12);
  });

  test("an empty ledger covers 0 days: no dates, 0 months, no error", () => {
    const empty = withTableRows(template, TABLES.ledger, () => []);
    expect([value(empty, "LedgerFirstDay"), value(empty, "LedgerLastDay"), value(empty, "LedgerDays"), value(empty, "LedgerMonths")]).toEqual(["", "", 0, 0]);
    expect(byJob(empty, "Planned cost").slice(0, 3)).toEqual([0, 0, 0]);
  });
});

describe("plan vs actual, four days against four days", () => {
  test("customer service conversations: planned $3,312.50 a month × 4/30.4375 = $435.3183; cost $0.30; gap −$435.0183", () => {
    const planned = (SERVICE_MONTHLY * 4) / 30.4375;
    expect(planned).toBeCloseTo(435.318275154, 8);
    expect(byJob(template, "Planned cost")[0]).toBeCloseTo(planned, 9);
    expect(byJob(template, "Cost gap")[0]).toBeCloseTo(0.3 - planned, 9);
    expect(byJob(template, "Cost gap")[0]).toBeCloseTo(-435.018275154, 8);
  });

  test("a month of actuals is compared with a month of plan: the gap follows the days", () => {
    // The same ten rows spread so the last is on 2 December: 31 days, 31 ÷ 30.4375 of a month.
    const month = withTableRows(template, TABLES.ledger, (rows) => rows.map((r, i) => (i === rows.length - 1 ? { ...r, Timestamp: NOV2 + 30 + 0.5 } : r)));
    expect(value(month, "LedgerDays")).toBe(31);
    expect(byJob(month, "Planned cost")[0]).toBeCloseTo((SERVICE_MONTHLY * 31) / 30.4375, 9);
  });

  test("per-user seats are priced for the ledger's 4 days: 50 users × $125 × 4/30.4375 = $821.36", () => {
    const perUser = withInput(template, "PricingModel", PRICING_MODEL_NAMES.perUser);
    const seats = (50 * 125 * 4) / 30.4375;
    expect(value(perUser, "LedgerCost")).toBeCloseTo(seats, 9);
    expect(seats).toBeCloseTo(821.3552361, 6);
  });
});

describe("the all-in cost per validated outcome beside the AI-only one", () => {
  const header = "All-in cost per validated outcome";

  test("it sits right after the AI-only cost per validated outcome", () => {
    const table = template.sheets.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.name === TABLES.ledgerSummary);
    const headers = table?.kind === "table" ? table.columns.map((c) => c.header) : [];
    expect(headers.indexOf(header)).toBe(headers.indexOf("Cost per validated outcome") + 1);
  });

  test("by hand: (AI cost + review minutes ÷ 60 × $35.15) ÷ validated actions; escalations not in it", () => {
    // Customer service conversations: $0.30 + 8 min of review, 2 validated: (0.30 + 8/60 × 35.1499) ÷ 2 = $2.4933.
    // Case follow-up emails: $0.5625 + 11 min, 2 validated: $3.5033. Website sales chat: $0.45 + 14 min, 1 validated: $8.6517.
    const expected = [(0.3 + (8 / 60) * REVIEWER_HOURLY) / 2, (150 * PER_CREDIT + (11 / 60) * REVIEWER_HOURLY) / 2, (120 * PER_CREDIT + (14 / 60) * REVIEWER_HOURLY) / 1];
    expect(expected.map((v) => Math.round(v * 10000) / 10000)).toEqual([2.4933, 3.5033, 8.6517]);
    const sheet = byJob(template, header);
    expected.forEach((v, i) => expect(sheet[i]).toBeCloseTo(v, 9));
    // A job that validated nothing (website sales chat, its one validated row made "succeeded"): blank, as the AI-only figure is.
    const noneValidated = withTableRows(template, TABLES.ledger, (rows) => rows.map((r) => (r.Job === "Website sales chat" && r.Status === "validated" ? { ...r, Status: "succeeded" } : r)));
    expect(byJob(noneValidated, header)[2]).toBe("");
    // The AI-only one is unchanged beside it.
    expect(byJob(template, "Cost per validated outcome")[0]).toBeCloseTo(0.15, 12);
  });

  test("review minutes move it, the AI-only one not: 60 more minutes on a customer service row adds $35.15 ÷ 2", () => {
    const more = withTableRows(template, TABLES.ledger, (rows) => rows.map((r, i) => (i === 0 ? { ...r, "Review minutes": (r["Review minutes"] as number) + 60 } : r)));
    expect((byJob(more, header)[0] as number) - (byJob(template, header)[0] as number)).toBeCloseTo(REVIEWER_HOURLY / 2, 9);
    expect(byJob(more, "Cost per validated outcome")[0]).toBeCloseTo(0.15, 12);
  });

  test("no error cell in the by-job summary", () => {
    for (const c of ["Planned cost", "Cost gap", header]) expect(byJob(template, c).some((v) => v instanceof CellError)).toBe(false);
  });
});

describe("ROI's build vs buy, the seed's example", () => {
  test("fixed $500,000 a year and compute $0.05 from the rate card; buy at the AI cost per case in use, $0.3975: 500,000 ÷ 0.3475 = 1,438,849 cases a year; at the seed's $2.00 a conversation, 500,000 ÷ 1.95 = 256,410", () => {
    expect(value(template, "BuildFixedAnnualCost")).toBe(500000);
    expect(value(template, "ComputePerCase")).toBe(0.05);
    // The buy price is the AI cost per case under the model in use (Flex Credits, 25 % off): 5.3 actions × 20 credits × $0.00375.
    expect(value(template, "BuyPricePerCase")).toBeCloseTo(5.3 * 20 * PER_CREDIT, 12);
    expect(value(template, "BuildVsBuyCases")).toBeCloseTo(500000 / (5.3 * 20 * PER_CREDIT - 0.05), 6);
    // The seed's example, buy at $2.00 a conversation: the per-conversation row of the return under each pricing model.
    const evaluator = workbookEvaluator(template);
    const models = column(evaluator, template, TABLES.roiByModel, "Model");
    const buildWins = column(evaluator, template, TABLES.roiByModel, "Build wins above (cases a year)");
    expect(Math.round(buildWins[models.indexOf(PRICING_MODEL_NAMES.perConversation)] as number)).toBe(256410);
  });

  test("without examples the two inputs are 0, as the other ROI inputs are", () => {
    const blank = describeTemplate({ examples: false, currency: "USD", asOf: "2026-11-23" });
    expect([value(blank, "BuildFixedAnnualCost"), value(blank, "ComputePerCase")]).toEqual([0, 0]);
  });
});

test("the example ledger's rows are the ten the figures above are worked on", () => {
  expect(exampleLedgerRows()).toHaveLength(10);
});

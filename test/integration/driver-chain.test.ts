/**
 * The one driver chain, as an analyst would try it (issue 10): type twice every job's volume
 * into the written portable file, or another mix, let LibreOffice recalculate it, and every
 * figure that depends on volume follows: Pricing's interactions, actions and costs, the
 * Wallet's burn, depletion, term forecast and commitment, ROI's cases and payback, the Budget's
 * months and every scenario. Figures by hand from the examples (docs/model.md §11).
 */
import { offset } from "../../src/template/model/address";
import { tableHeaderCell } from "../../src/template/model/layout";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { columnValues, recalculate, tableOf, type RecalculatedBook } from "../support/libreoffice";
import { typedOver, type Edit } from "../support/typed-over";
import { namedNumber } from "../template/ledger-fixture";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const jobs = tableOf(template, TABLES.jobs);
const jobCell = (row: number, column: string): { sheet: string; address: string } => ({
  sheet: jobs.sheet,
  address: offset(tableHeaderCell(jobs.block), 1 + row, jobs.block.columns.findIndex((c) => c.header === column)),
});
const mix = tableOf(template, TABLES.mix);

/** Twice each example job's weekly volume (100,000, 6,400 and 12,000 a year ÷ 52). */
const doubled: Edit[] = [100000, 6400, 12000].map((perYear, row) => ({ ...jobCell(row, "Volume per week"), value: (2 * perYear) / 52 }));
/** The mix's simple interactions at 4 actions instead of 3: 0.6 × 4 + 0.3 × 7 + 0.1 × 14 = 5.9 actions. */
const heavierMix: Edit[] = [{ sheet: mix.sheet, address: offset(tableHeaderCell(mix.block), 1, mix.block.columns.findIndex((c) => c.header === "Actions per interaction")), value: 4 }];

let books: Record<"base" | "doubled" | "mix", RecalculatedBook>;
beforeAll(async () => {
  const file = await writeWorkbook(template, { portable: true, cachedResults: false });
  books = (await recalculate({ base: file, doubled: await typedOver(file, doubled), mix: await typedOver(file, heavierMix) })) as typeof books;
});

const value = (book: keyof typeof books, name: string): number => namedNumber(books[book], template, name, book);
const column = (book: keyof typeof books, table: string, header: string): number[] => columnValues(books[book], template, table, header) as number[];

describe("twice every job's volume, typed into the portable file", () => {
  test("Pricing: 20,000 interactions, 106,000 actions; every volume-priced model doubles, the seats do not", () => {
    expect(value("doubled", "InteractionsPerMonth")).toBeCloseTo(20000, 6);
    expect(value("doubled", "TotalActionsPerMonth")).toBeCloseTo(106000, 6);
    // $40,000 per conversation, $10,600 Flex at list, $7,950 at 25 % off; 50 seats stay $6,250.
    expect(column("doubled", TABLES.comparison, "Monthly cost").map((v) => Math.round(v * 100) / 100)).toEqual([40000, 10600, 7950, 6250]);
  });

  test("Wallet: the burn doubles, the term's credits run out twice as fast, the term forecast and the commitment double", () => {
    expect(value("doubled", "BurnPerDay")).toBeCloseTo(2 * value("base", "BurnPerDay"), 9);
    const daysLeft = (book: keyof typeof books): number => value(book, "DepletionDate") - value(book, "WalletAsOf");
    expect(daysLeft("doubled")).toBeCloseTo(daysLeft("base") / 2, 9);
    expect(column("doubled", TABLES.forecast, "Credits").reduce((a, b) => a + b, 0)).toBeCloseTo(2 * column("base", TABLES.forecast, "Credits").reduce((a, b) => a + b, 0), 6);
    // The newsvendor commitment is the forecast × (1 + u × z): linear in the forecast.
    expect(value("doubled", "CommitCredits")).toBeCloseTo(2 * value("base", "CommitCredits"), 6);
  });

  test("ROI: 200,000 cases a year at the same $0.3975 of AI each; twice the savings, half the payback", () => {
    expect(value("doubled", "AnnualCases")).toBeCloseTo(200000, 6);
    expect(value("doubled", "AiCostPerCase")).toBeCloseTo(0.3975, 12);
    expect(value("doubled", "AnnualSavings")).toBeCloseTo(2 * value("base", "AnnualSavings"), 6);
    expect(value("doubled", "PaybackMonths")).toBeCloseTo(value("base", "PaybackMonths") / 2, 9);
    // Per user, the same seats over twice the cases: half the AI cost per case.
    expect(column("doubled", TABLES.roiByModel, "AI cost per case")[3]).toBeCloseTo((column("base", TABLES.roiByModel, "AI cost per case")[3] as number) / 2, 12);
  });

  test("Budget: every month's AI spend doubles (the platform's fixed part does not), and the year follows", () => {
    const ai = (book: keyof typeof books): number[] => column(book, TABLES.budget, "AI spend");
    ai("doubled").forEach((v, m) => expect(v).toBeCloseTo(2 * (ai("base")[m] as number), 6));
    expect(value("doubled", "BudgetAnnualTotal")).toBeGreaterThan(value("base", "BudgetAnnualTotal") + value("base", "BudgetAnnualTotal") / 2);
  });

  test("every scenario's monthly cost doubles with the jobs (AI and review are per item)", () => {
    const monthly = (book: keyof typeof books): number[] => column(book, TABLES.scenarios, "Monthly cost");
    // Per-user licences (row 4) keep their seats: not twice.
    monthly("doubled").forEach((v, s) => (s === 3 ? expect(v).toBeLessThan(2 * (monthly("base")[s] as number)) : expect(v).toBeCloseTo(2 * (monthly("base")[s] as number), 6)));
  });
});

describe("a heavier interaction mix, typed into the portable file", () => {
  test("5.9 actions an interaction: every job's units, the actions, Flex's cost, the Wallet's burn and the AI cost per case follow", () => {
    expect(value("mix", "ActionsPerInteraction")).toBeCloseTo(5.9, 12);
    expect(value("mix", "TotalActionsPerMonth")).toBeCloseTo(59000, 6);
    expect(column("mix", TABLES.comparison, "Monthly cost")[1]).toBeCloseTo(5900, 6);
    expect(value("mix", "BurnPerDay")).toBeCloseTo((value("base", "BurnPerDay") * 5.9) / 5.3, 9);
    // 5.9 × 20 credits × $0.005 × 0.75.
    expect(value("mix", "AiCostPerCase")).toBeCloseTo(0.4425, 12);
    // Per conversation does not care how many actions a conversation takes.
    expect(column("mix", TABLES.comparison, "Monthly cost")[0]).toBeCloseTo(20000, 6);
  });
});

/**
 * The AWU workbook file's formulas, as the file writer stores them (AWU calls as
 * `_xldudf_AWU_NAME(`), evaluated by a spreadsheet engine through the real built functions
 * bundle, give the published worked figures (docs/model.md, template issue): 53,000
 * actions; $5,300, $3,975, $20,000 and $6,250 a month; $8.37 per case; $4.68 blended;
 * payback ≈ 8.1 months. Figures are compared to the cent.
 */
import { summariseLedger, type LedgerFigures } from "../../src/engine";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { offset } from "../../src/template/model/address";
import { sheetPrefix } from "../../src/template/model/formula";
import { tableHeaderCell } from "../../src/template/model/layout";
import type { TableBlock } from "../../src/template/model/description";
import { describeTemplate } from "../../src/template/sheets/template";
import { sheetCells } from "../../src/template/model/cells";
import { walk } from "../../src/template/model/formula";
import { writeWorkbook } from "../../src/template/writers/file";
import { computeFile } from "../support/hf-workbook";
import { loadFunctionsBundle } from "../support/bundle";
import { figuresByHeader, recordsOf } from "../template/ledger-fixture";

const description = describeTemplate({ examples: true, asOf: "2026-11-23" });
type Book = Awaited<ReturnType<typeof computeFile>>;
let book: Book;
const value = (formula: string): unknown => book.value(formula);
beforeAll(async () => {
  book = await computeFile(await writeWorkbook(description, { portable: false }));
});

test("the file calls the AWU functions only by their stored names, each one the bundle associates", () => {
  // As many stored calls as the description's formulas make (table totals hold none).
  const described = description.sheets.flatMap((s) => sheetCells(s)).reduce((n, c) => n + ("formula" in c.content ? [...walk(c.content.formula)].filter((e) => e.op === "awu").length : 0), 0);
  expect(book.awuCalls).toBe(described);
  const associated = loadFunctionsBundle().associated;
  const named = new Set<string>();
  for (const name of book.hf.getSheetNames())
    for (const row of book.hf.getSheetFormulas(book.hf.getSheetId(name) as number)) for (const f of row) for (const m of (f ?? "").matchAll(/AWU\.([A-Z0-9]+)\(/g)) named.add(m[1] as string);
  expect([...named].filter((id) => !associated.has(id))).toEqual([]);
  expect(named.size).toBeGreaterThan(10);
});

/** A table's cell as a formula reference, found through the layout rather than typed. */
function at(table: string, column: string, row: number): string {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "table" && block.name === table) {
        const index = (block as TableBlock).columns.findIndex((c) => c.header === column);
        if (index < 0) throw new Error(`no column ${column}`);
        return `=${sheetPrefix(sheet.name)}${offset(tableHeaderCell(block), 1 + row, index)}`;
      }
  throw new Error(`no table ${table}`);
}
const cents = (formula: string): number => {
  const v = value(formula);
  if (typeof v !== "number") throw new Error(`${formula} gave ${JSON.stringify(v)}`);
  return Math.round(v * 100) / 100;
};

test("no cell of the workbook is an error", () => {
  const { hf } = book;
  const errors: string[] = [];
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name) as number;
    hf.getSheetValues(id).forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "object" && v !== null && "type" in v) errors.push(`${name}!R${r + 1}C${c + 1}: ${String(v.type)} ${String(v.message)}`);
      }),
    );
  }
  expect(errors).toEqual([]);
});

test("the jobs give 10,000 interactions and, at the mix's 5.3 actions each, 53,000 actions a month", () => {
  // 100,000 + 6,400 × 1.25 + 12,000 = 120,000 runs a year: 10,000 a month.
  expect(value("=InteractionsPerMonth")).toBeCloseTo(10000, 9);
  expect(value("=TotalActionsPerMonth")).toBeCloseTo(53000, 9);
  expect(cents("=ActionsPerInteraction")).toBe(5.3);
});

test("the pricing models side by side: $20,000, $5,300, $3,975 and $6,250 a month", () => {
  expect([0, 1, 2, 3].map((row) => value(at("PricingComparison", "Model", row)))).toEqual(["Per conversation", "Flex Credits (list)", "Flex Credits", "Per user"]);
  expect([0, 1, 2, 3].map((row) => cents(at("PricingComparison", "Monthly cost", row)))).toEqual([20000, 5300, 3975, 6250]);
  expect(cents(at("PricingComparison", "Annual cost", 2))).toBe(47700);
  expect(cents(at("PricingComparison", "Cost vs cheapest", 0))).toBe(5.03);
  expect(value("=CheapestModel")).toBe("Flex Credits");
  expect(cents("=CrossoverActions")).toBe(20);
  expect(cents("=SeatBreakevenActions")).toBe(1250);
});

test("ROI under the model in use (Flex Credits, 25 % off): 100,000 cases, $0.40 of AI a case, payback 5.7 months", () => {
  const human = 8.369032172646627;
  expect(cents("=HumanCostPerCase")).toBe(8.37);
  // The one Human-case job: 100,000 a year.
  expect(value("=AnnualCases")).toBeCloseTo(100000, 9);
  // 5.3 actions × 20 credits × $0.005 × 0.75 = $0.3975.
  expect(value("=AiCostPerCase")).toBeCloseTo(0.3975, 12);
  const blended = 0.3975 + 0.4 * human * 0.8;
  expect(value("=BlendedCostPerCase")).toBeCloseTo(blended, 12);
  expect(value("=PaybackMonths")).toBeCloseTo(250000 / ((100000 * (human - blended)) / 12), 9);
  // AI at $0.40 costs less than the escalations' remainder at 0 % ($8.37 × 20 %): it breaks even from the first case.
  expect(value("=BreakevenResolution")).toBe(0);
});

test("ROI per pricing model: per conversation is the seed's $2.00 a case, $4.68 blended, payback 8.1 months, building wins above 256,410", () => {
  expect([0, 1, 2, 3].map((row) => value(at("ReturnByPricingModel", "Model", row)))).toEqual(["Per conversation", "Flex Credits (list)", "Flex Credits", "Per user"]);
  expect(cents(at("ReturnByPricingModel", "AI cost per case", 0))).toBe(2);
  expect(cents(at("ReturnByPricingModel", "Blended cost per case", 0))).toBe(4.68);
  // 250,000 ÷ (100,000 × (8.369032 − 4.678090) ÷ 12) = 8.128
  expect(cents(at("ReturnByPricingModel", "Payback (months)", 0))).toBe(8.13);
  // $500,000 ÷ ($2.00 − $0.05)
  expect(Math.round(value(at("ReturnByPricingModel", "Build wins above (cases a year)", 0)) as number)).toBe(256410);
  // Flex at list: $0.53; per user: the seats ($6,250) × the case job's 44,166.67 of 53,000 actions ÷ 8,333.33 cases = $0.625.
  expect(value(at("ReturnByPricingModel", "AI cost per case", 1))).toBeCloseTo(0.53, 12);
  expect(value(at("ReturnByPricingModel", "AI cost per case", 3))).toBeCloseTo(0.625, 12);
});

test("a Jobs row, worked by hand: customer service, 100,000 a year, 5.3 actions, no reruns", () => {
  const items = 100000 / 12;
  const units = items * 5.3;
  const flex = (units * 20 * 500) / 100000 * (1 - 0.25);
  const hourly = 20.59 * (1 + 13.68 / 32.37) * (1 + 0.2);
  const review = (items * 0.5) / 60 * hourly;
  const round = (x: number): number => Math.round(x * 100) / 100;
  expect(value(at("Jobs", "Job", 0))).toBe("Customer service conversations");
  expect(cents(at("Jobs", "Items per month", 0))).toBe(round(items));
  expect(cents(at("Jobs", "Runs per month", 0))).toBe(round(items));
  expect(cents(at("Jobs", "Units per month", 0))).toBe(round(units));
  expect(cents(at("Jobs", "AI cost per month", 0))).toBe(round(flex));
  expect(cents(at("Jobs", "Human review cost per month", 0))).toBe(round(review));
  expect(cents(at("Jobs", "All-in cost per acceptable outcome", 0))).toBe(round((flex + review) / (items * 0.85)));
  expect(cents(at("Jobs", "Total cost per month", 0))).toBe(round(flex + review));
});

test("the wallet: alert, depletion after the as-of date, a commitment below the forecast", () => {
  expect(value("=WalletAlert")).toBe("50%");
  const depletion = value("=DepletionDate-WalletAsOf") as number;
  // 5,000,000 credits left at 53,000 × 20 × 12 ÷ 365 a day.
  expect(depletion).toBeCloseTo(5000000 / ((53000 * 20 * 12) / 365), 9);
  const commit = value("=CommitShare") as number;
  expect(commit).toBeGreaterThan(0.7);
  expect(commit).toBeLessThan(1);
});

describe("the Ledger sheet, worked by hand over the ten example ledger rows (docs/model.md §9)", () => {
  // Flex: a credit costs $500 ÷ 100,000 × (1 − 25 %) = $0.00375.
  const perCredit = (500 / 100000) * 0.75;
  const row = (job: number, column: string): unknown => value(at("LedgerByJob", column, job));
  const figures = (job: number, columns: string[]): unknown[] => columns.map((c) => row(job, c));
  const counts = ["Units attempted", "Actions attempted", "Actions succeeded", "Actions validated", "Units validated", "Units rerun"];

  test("the summary's jobs are the Jobs sheet's, in its order", () => {
    expect([0, 1, 2].map((i) => row(i, "Job"))).toEqual(["Customer service conversations", "Case follow-up emails", "Website sales chat"]);
  });

  test("account enrichment: 4 actions of 20 credits, one failed, one rerun, one escalated", () => {
    expect(figures(0, counts)).toEqual([80, 4, 3, 2, 40, 20]);
    expect(row(0, "Acceptance rate")).toBe(0.5); // 2 validated ÷ 4
    expect(row(0, "Rerun inflation")).toBe(0.5); // 20 rerun units ÷ 40 validated units
    expect(row(0, "Escalation rate")).toBe(0.25);
    expect(row(0, "Review hours")).toBeCloseTo(8 / 60, 12);
    expect(row(0, "Cost")).toBeCloseTo(80 * perCredit, 12); // $0.30
    expect(cents(at("LedgerByJob", "Cost", 0))).toBe(0.3);
    expect(row(0, "Cost per validated outcome")).toBeCloseTo(0.15, 12);
    expect(row(0, "Accepted units per dollar")).toBeCloseTo(40 / 0.3, 9);
    expect(row(0, "First-time acceptance")).toBeCloseTo(1 / 3, 12); // 1 validated of 3 first runs
    expect(row(0, "Rerun rate")).toBeCloseTo(20 / 60, 12);
  });

  test("follow-up emails: a 60-credit rerun, an attempt, an escalated failure", () => {
    expect(figures(1, counts)).toEqual([150, 4, 2, 2, 90, 60]);
    expect(row(1, "Acceptance rate")).toBe(0.5);
    expect(row(1, "Rerun inflation")).toBeCloseTo(60 / 90, 12);
    expect(row(1, "Escalation rate")).toBe(0.25);
    expect(row(1, "Review hours")).toBeCloseTo(11 / 60, 12);
    expect(row(1, "Cost")).toBeCloseTo(0.5625, 12);
    expect(row(1, "Cost per validated outcome")).toBeCloseTo(0.28125, 12);
    expect(cents(at("LedgerByJob", "Cost per validated outcome", 1))).toBe(0.28);
    expect(row(1, "Accepted units per dollar")).toBeCloseTo(160, 9);
    expect(row(1, "Rerun rate")).toBeCloseTo(60 / 90, 12);
  });

  test("new-lead research: every rerun unit for each validated unit", () => {
    expect(figures(2, counts)).toEqual([120, 2, 2, 1, 60, 60]);
    expect(row(2, "Rerun inflation")).toBe(1);
    expect(row(2, "Escalation rate")).toBe(0);
    expect(row(2, "Cost per validated outcome")).toBeCloseTo(0.45, 12);
    expect(row(2, "First-time acceptance")).toBe(1);
    expect(row(2, "Rerun rate")).toBe(1);
  });

  test("plan vs actual against the Jobs sheet, gaps flagged", () => {
    // The Jobs row's monthly AI cost × the ledger's months: its rows run 2–5 November, 4 days of 365.25 ÷ 12.
    const planned = (100000 / 12) * 5.3 * 20 * perCredit * (4 / 30.4375); // $3,312.50 a month: $435.32
    expect(row(0, "Planned acceptance")).toBe(0.85);
    expect(row(0, "Planned rerun rate")).toBe(0);
    expect(row(0, "Planned cost")).toBeCloseTo(planned, 9);
    expect(row(0, "Acceptance gap")).toBeCloseTo(1 / 3 - 0.85, 12);
    expect(row(0, "Rerun gap")).toBeCloseTo(1 / 3, 12);
    expect(row(0, "Cost gap")).toBeCloseTo(0.3 - planned, 9);
    expect([0, 1, 2].map((i) => row(i, "Plan status"))).toEqual(["Worse", "Worse", "Worse"]);
  });

  test("by action type: success rate = succeeded or validated ÷ attempted", () => {
    const action = (i: number, c: string): unknown => value(at("LedgerByActionType", c, i));
    expect([0, 1, 2].map((i) => action(i, "Action type"))).toEqual(["Answer customer", "Draft email", "Qualify lead"]);
    expect([0, 1, 2].map((i) => action(i, "Actions attempted"))).toEqual([4, 4, 2]);
    expect([0, 1, 2].map((i) => action(i, "Actions succeeded"))).toEqual([3, 2, 2]);
    expect([0, 1, 2].map((i) => action(i, "Success rate"))).toEqual([0.75, 0.5, 1]);
    expect([0, 1, 2].map((i) => action(i, "Units attempted"))).toEqual([80, 150, 120]);
    expect([0, 1, 2].map((i) => cents(at("LedgerByActionType", "Cost", i)))).toEqual([0.3, 0.56, 0.45]);
  });

  test("the whole ledger: 350 credits, 10 actions, 5 validated, $1.3125, $0.2625 per validated outcome", () => {
    expect(value("=LedgerUnits")).toBe(350);
    expect(value("=LedgerActions")).toBe(10);
    expect(value("=LedgerValidated")).toBe(5);
    expect(value("=LedgerAcceptance")).toBe(0.5);
    expect(value("=LedgerRerunInflation")).toBeCloseTo(140 / 190, 12);
    expect(value("=LedgerCost")).toBeCloseTo(1.3125, 12);
    expect(value("=LedgerCostPerOutcome")).toBeCloseTo(0.2625, 12);
    expect(value("=LedgerUnitsUnlisted")).toBe(0);
  });
});

test("the Ledger sheet agrees with the ledger engine (summariseLedger) over the same example rows", () => {
  const ledger = description.sheets.flatMap((s) => s.blocks).find((b): b is TableBlock => b.kind === "table" && b.name === LEDGER_WORKBOOK.ledger.table) as TableBlock;
  const records = recordsOf(ledger.rows);
  const summary = summariseLedger(records, { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0.25 } });
  const jobs = [0, 1, 2].map((i) => value(at("LedgerByJob", "Job", i)) as string);
  for (const [i, job] of jobs.entries()) {
    const f = summary.byJob.find((g) => g.label === job)?.figures as LedgerFigures;
    const sheet = (c: string): number => value(at("LedgerByJob", c, i)) as number;
    const { counts, ratios } = figuresByHeader(f);
    for (const [c, expected] of counts) expect([job, c, sheet(c)]).toEqual([job, c, expected]);
    const pairs: [string, number | undefined][] = [...ratios, ["First-time acceptance", f.firstTimeAcceptanceRate], ["Rerun rate", f.rerunRate]];
    for (const [c, expected] of pairs) expect([job, c, sheet(c)]).toEqual([job, c, expect.closeTo(expected as number, 12)]);
  }
  expect(value("=LedgerCost")).toBeCloseTo(summary.overall.costUsd, 12);
  expect(value("=LedgerCostPerOutcome")).toBeCloseTo(summary.overall.costPerValidatedOutcomeUsd as number, 12);
  expect(value("=LedgerRerunInflation")).toBeCloseTo(summary.overall.rerunInflation as number, 12);
  expect(value("=LedgerAcceptance")).toBe(summary.overall.acceptanceRate);
});

test("without examples, the Ledger sheet's empty tables compute to nothing rather than errors", async () => {
  const empty = await computeFile(await writeWorkbook(describeTemplate({ examples: false, asOf: "2026-11-23" }), { portable: false }));
  const id = empty.hf.getSheetId("Ledger") as number;
  const errors = empty.hf.getSheetValues(id).flatMap((row, r) => row.flatMap((v, c) => (typeof v === "object" && v !== null && "type" in v ? [`R${r + 1}C${c + 1}`] : [])));
  expect(errors).toEqual([]);
  // The importer's blank placeholder row is no action: nothing attempted, no ratio.
  expect(empty.value("=LedgerUnits")).toBe(0);
  expect(empty.value("=LedgerActions")).toBe(0);
  expect(empty.value("=LedgerAcceptance")).toBe("");
  expect(empty.value("=LedgerCostPerOutcome")).toBe("");
  expect(empty.value("=LedgerCost")).toBe(0);
});

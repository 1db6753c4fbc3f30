/**
 * The Governance sheet (issue 10, template.md "Governance"): the checklist's items with a
 * status drop-down and owners, each tied to what enforces it in the workbook, the stop rule
 * against the Wallet's forecast, approval points counted from the Jobs table, and retry caps
 * against the ledger's rerun rate with the AI cost of reruns above the cap. Every figure is
 * worked by hand on the ten example ledger rows (2–5 November 2026) and the three example jobs.
 */
import { PRICING_MODEL_NAMES } from "../../src/engine";
import { CellError, workbookEvaluator, type ExcelValue } from "../../src/template/render/evaluator";
import { sheetCells } from "../../src/template/model/cells";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { EXAMPLE_RETRY_CAP, GOVERNANCE_STATUSES } from "../../src/template/sheets/governance-sheet";
import { SHEETS, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { TEMPLATE_MESSAGES } from "../../src/messages/sheet-notes";
import { column, valueOf } from "./budget-fixture";
import { withInput } from "./ledger-fixture";
import { withTableRows } from "./office-fixture";

const M = TEMPLATE_MESSAGES.governance;
const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
// Flex at list $500 per 100,000 credits, 25 % off: $0.00375 a credit.
const PER_CREDIT = (500 / 100000) * 0.75;

const value = (d: TemplateDescription, defined: string): ExcelValue => valueOf(workbookEvaluator(d), d, defined);
const checklist = (d: TemplateDescription, header: string): ExcelValue[] => column(workbookEvaluator(d), d, TABLES.governance, header);
const caps = (d: TemplateDescription, header: string): ExcelValue[] => column(workbookEvaluator(d), d, TABLES.retryCaps, header);
const table = (d: TemplateDescription, name: string): TableBlock => {
  const block = d.sheets.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.name === name);
  if (block?.kind !== "table") throw new Error(`no table ${name}`);
  return block;
};
const row = (item: string): number => (checklist(template, "Item") as string[]).indexOf(item);

describe("the sheet and its checklist", () => {
  test("Governance comes right after the Wallet", () => {
    const names = template.sheets.map((s) => s.name);
    expect(names.indexOf(SHEETS.governance)).toBe(names.indexOf(SHEETS.wallet) + 1);
  });

  test("the method's items, one row each: billable unit, failed attempts, retry caps, stop rules, alerts, approvals, loops, owners", () => {
    expect(checklist(template, "Item")).toEqual([
      "Billable unit defined",
      "Failed attempts billed or not",
      "Retry caps",
      "Stop rules",
      "Alert thresholds",
      "Approval points",
      "Rerun loops watched",
      "Owners named",
    ]);
    // Every item says what enforces it in the workbook.
    expect((checklist(template, "Enforced by") as string[]).every((e) => e.length > 0)).toBe(true);
  });

  test("status is a drop-down of the four statuses, starting at Not started; status and owner are inputs", () => {
    const block = table(template, TABLES.governance);
    const status = block.columns.find((c) => c.header === "Status");
    expect(status?.validation).toEqual({ kind: "list", choices: ["Not started", "In progress", "Done", "Not applicable"], prompt: M.statusPrompt });
    expect(GOVERNANCE_STATUSES).toEqual(["Not started", "In progress", "Done", "Not applicable"]);
    expect(checklist(template, "Status")).toEqual(Array(8).fill("Not started"));
    const sheet = template.sheets.find((s) => s.name === SHEETS.governance);
    if (!sheet) throw new Error("no Governance sheet");
    const cells = sheetCells(sheet);
    const styleAt = (header: string): (string | undefined)[] => {
      const headerCell = cells.find((c) => "value" in c.content && c.content.value === header && c.style === "columnHeader");
      const columnLetter = headerCell?.address.replace(/\d+/g, "");
      const headerRow = Number(headerCell?.address.replace(/\D+/g, ""));
      return cells.filter((c) => c.address.replace(/\d+/g, "") === columnLetter && Number(c.address.replace(/\D+/g, "")) > headerRow && Number(c.address.replace(/\D+/g, "")) <= headerRow + 8).map((c) => c.style);
    };
    expect(styleAt("Status")).toEqual(Array(8).fill("input"));
    expect(styleAt("Owner")).toEqual(Array(8).fill("input"));
    // What the workbook shows is computed, not typed.
    expect(styleAt("Flag")).toEqual(Array(8).fill("output"));
  });

  test("each item's Now is the workbook's figure, worked by hand on the examples", () => {
    const now = checklist(template, "Now");
    expect(now[row("Billable unit defined")]).toBe(PRICING_MODEL_NAMES.flexDiscounted);
    // Failed rows: 20 credits (customer service conversations) + 30 (case follow-up emails) = 50.
    expect(now[row("Failed attempts billed or not")]).toBe(50);
    expect(now[row("Retry caps")]).toBe(2);
    expect(now[row("Stop rules")]).toBe("No");
    expect(now[row("Alert thresholds")]).toBe("75%");
    // Case follow-up emails alone: Human approves = Yes.
    expect(now[row("Approval points")]).toBe(1);
    expect(now[row("Rerun loops watched")]).toBe(0);
    expect(now[row("Owners named")]).toBe(0);
  });

  test("flags: a live signal first, else the status (Done or Not applicable settles an item)", () => {
    const flags = checklist(template, "Flag");
    expect(flags).toEqual([M.flags.open, M.flags.failedBilled, M.flags.overCap, M.flags.open, M.flags.alert, M.flags.open, M.flags.open, M.flags.open]);
    const done = withTableRows(template, TABLES.governance, (rows) => rows.map((r) => ({ ...r, Status: "Done" })));
    // Done settles the items without a live signal and the failed-units one (billing them is then a decision); the live signals stay.
    expect(checklist(done, "Flag")).toEqual([M.flags.ok, M.flags.ok, M.flags.overCap, M.flags.ok, M.flags.alert, M.flags.ok, M.flags.ok, M.flags.ok]);
  });

  test("without examples: no owners (8 missing), no retry-cap rows, nothing over a cap, no error", () => {
    const blank = describeTemplate({ examples: false, currency: "USD", asOf: "2026-11-23" });
    expect(checklist(blank, "Owner")).toEqual(Array(8).fill(""));
    expect(checklist(blank, "Now")[row("Owners named")]).toBe(8);
    expect(checklist(blank, "Flag")[row("Owners named")]).toBe(M.flags.noOwner);
    expect(table(blank, TABLES.retryCaps).rows).toHaveLength(0);
    expect([value(blank, "GovJobsOverCap"), value(blank, "GovAboveCapCost"), value(blank, "GovStopTriggered"), value(blank, "GovApprovalJobs")]).toEqual([0, 0, M.noAllocation, 0]);
  });
});

describe("approval points, from the Jobs table", () => {
  test("1 of the 3 example jobs is approved by a person: 6,400 ÷ 12 = 533.33 items a month to sign off", () => {
    expect(value(template, "GovApprovalJobs")).toBe(1);
    // Customer service conversations and website sales chat have none.
    expect(value(template, "GovUnapprovedJobs")).toBe(2);
    // Case follow-up emails: 6,400 a year typed as 6,400 ÷ 52 a week, × 52 ÷ 12 = 533.33 a month.
    expect(value(template, "GovApprovalItems")).toBeCloseTo(6400 / 12, 9);
  });

  test("no job approved: the approval item is flagged", () => {
    const none = withTableRows(template, TABLES.jobs, (rows) => rows.map((r) => ({ ...r, "Human approves": "No" })));
    expect(value(none, "GovApprovalJobs")).toBe(0);
    expect(checklist(none, "Flag")[row("Approval points")]).toBe(M.flags.noApproval);
  });
});

describe("the stop rule, against the Wallet's forecast", () => {
  // The Wallet's forecast, 13,350 credits, is worked by hand in test/integration/wallet-ledger.test.ts (the trend, §9.6).
  test("at 100 %: forecast 13,350 of 15,000 credits (89 %), not triggered, nothing held back", () => {
    expect(value(template, "WalletPeriodForecast")).toBeCloseTo(13350, 9);
    expect(value(template, "GovForecastShare")).toBeCloseTo(0.89, 12);
    expect(value(template, "GovStopTriggered")).toBe("No");
    expect(value(template, "GovStopHeldCredits")).toBe(0);
    expect(value(template, "GovForecastUnderStop")).toBeCloseTo(13350, 9);
  });

  test("at 85 %: triggered; it holds back 13,350 − 12,750 = 600 credits, $2.25 at $0.00375", () => {
    const tight = withInput(template, "GovStopShare", 0.85);
    expect(value(tight, "GovStopTriggered")).toBe(M.stopTriggered);
    expect(value(tight, "GovStopHeldCredits")).toBeCloseTo(600, 9);
    expect(value(tight, "GovStopHeldCost")).toBeCloseTo(600 * PER_CREDIT, 12);
    // The forecast held at the stop line: 0.85 × 15,000 = 12,750.
    expect(value(tight, "GovForecastUnderStop")).toBeCloseTo(12750, 9);
    expect(checklist(tight, "Flag")[row("Stop rules")]).toBe(M.flags.stop);
  });
});

describe("the period's forecast, bounded by the retry caps and the stop rule", () => {
  // The ledger's 350 credits hold 15 + 30 = 45 rerun credits above the 50 % caps (worked below): 45 ÷ 350.
  const share = 45 / 350;
  test("the caps take their share off the rest of the period: 350 + (13,350 − 350) × (1 − 45 ÷ 350) = 11,678.57 credits", () => {
    expect(value(template, "GovAboveCapShare")).toBeCloseTo(share, 12);
    expect(value(template, "GovForecastUnderCaps")).toBeCloseTo(350 + 13000 * (1 - share), 9);
    // Below the stop line (15,000): the caps alone bound it; 1,671.43 credits kept, $6.27 at $0.00375.
    expect(value(template, "GovForecastBounded")).toBeCloseTo(350 + 13000 * (1 - share), 9);
    expect(value(template, "GovBoundedSavedCredits")).toBeCloseTo(13000 * share, 9);
    expect(value(template, "GovBoundedSavedCost")).toBeCloseTo(13000 * share * PER_CREDIT, 12);
  });

  test("a stop line below the capped forecast holds it there: at 70 %, 10,500 credits", () => {
    const tight = withInput(template, "GovStopShare", 0.7);
    expect(value(tight, "GovForecastBounded")).toBeCloseTo(10500, 9);
    expect(value(tight, "GovBoundedSavedCredits")).toBeCloseTo(13350 - 10500, 9);
  });

  test("what is spent stays spent: a stop line below the credits consumed holds the forecast at them, not below", () => {
    // 1 % of 15,000 = 150 credits, under the 350 consumed.
    const spent = withInput(template, "GovStopShare", 0.01);
    expect(value(spent, "GovForecastBounded")).toBe(350);
    expect(value(spent, "GovStopHeldCredits")).toBeCloseTo(13350 - 350, 9);
    expect(value(spent, "GovForecastUnderStop")).toBe(350);
  });

  test("no caps, no stop: the bounded forecast is the Wallet's", () => {
    const free = withInput(withTableRows(template, TABLES.retryCaps, () => []), "GovStopShare", 100);
    expect(value(free, "GovAboveCapShare")).toBe(0);
    expect(value(free, "GovForecastBounded")).toBeCloseTo(13350, 9);
    expect(value(free, "GovBoundedSavedCredits")).toBeCloseTo(0, 9);
  });
});

describe("retry caps against the ledger's rerun rate", () => {
  // The example jobs' caps, plus one for a job the ledger has no rows of (a capped job not yet run).
  const unlogged = withTableRows(template, TABLES.retryCaps, (rows) => [...rows, { Example: "", Job: "Knowledge base articles", "Retry cap": EXAMPLE_RETRY_CAP }]);

  test("by hand at a 50 % cap: customer service conversations 20 ÷ 60 within; case follow-up emails 60 ÷ 90 and website sales chat 60 ÷ 60 over; a job with no rows has no rate", () => {
    expect(caps(unlogged, "Retry cap")).toEqual(Array(4).fill(EXAMPLE_RETRY_CAP));
    expect(caps(unlogged, "First-run units")).toEqual([60, 90, 60, 0]);
    expect(caps(unlogged, "Rerun units")).toEqual([20, 60, 60, 0]);
    const rates = caps(unlogged, "Rerun rate");
    expect(rates[0]).toBeCloseTo(1 / 3, 12);
    expect(rates[1]).toBeCloseTo(2 / 3, 12);
    expect(rates.slice(2)).toEqual([1, ""]);
    expect(caps(unlogged, "Against the cap")).toEqual([M.withinCap, M.overCap, M.overCap, M.noRuns]);
    expect(value(unlogged, "GovJobsOverCap")).toBe(2);
  });

  test("the spend the cap bounds: 60 − 0.5 × 90 = 15 and 60 − 0.5 × 60 = 30 rerun units above it, 45 × $0.00375 = $0.16875", () => {
    expect(caps(unlogged, "Rerun units above the cap")).toEqual([0, 15, 30, 0]);
    const cost = caps(unlogged, "AI cost above the cap") as number[];
    expect(cost[1]).toBeCloseTo(15 * PER_CREDIT, 12);
    expect(cost[2]).toBeCloseTo(30 * PER_CREDIT, 12);
    expect(value(unlogged, "GovAboveCapCost")).toBeCloseTo(0.16875, 12);
    // The Ledger's $1.3125 (350 credits) less the $0.16875 above the caps: $1.14375 (305 credits).
    expect(value(unlogged, "GovCappedLedgerCost")).toBeCloseTo(1.14375, 12);
  });

  test("what-if: two more 20-credit reruns of customer service conversations take it to 60 ÷ 60 = 100 %, over its cap by 30 units", () => {
    const more = withTableRows(template, TABLES.ledger, (rows) => [
      ...rows,
      { ...rows[2], Key: "rerun-a", "Source row": 11 },
      { ...rows[2], Key: "rerun-b", "Source row": 12 },
    ]);
    expect(caps(more, "Rerun units")[0]).toBe(60);
    expect(caps(more, "Against the cap")[0]).toBe(M.overCap);
    expect(caps(more, "Rerun units above the cap")[0]).toBe(30);
    expect(value(more, "GovJobsOverCap")).toBe(3);
    expect(value(more, "GovAboveCapCost")).toBeCloseTo((15 + 30 + 30) * PER_CREDIT, 12);
  });

  test("a higher cap clears the flag: at 100 % no job is over", () => {
    const loose = withTableRows(unlogged, TABLES.retryCaps, (rows) => rows.map((r) => ({ ...r, "Retry cap": 1 })));
    expect(caps(loose, "Against the cap")).toEqual([M.withinCap, M.withinCap, M.withinCap, M.noRuns]);
    expect(value(loose, "GovAboveCapCost")).toBe(0);
    expect(checklist(loose, "Flag")[row("Retry caps")]).toBe(M.flags.open);
  });
});

test("no error cell anywhere on the sheet", () => {
  const e = workbookEvaluator(template);
  const sheet = template.sheets.find((s) => s.name === SHEETS.governance);
  if (!sheet) throw new Error("no Governance sheet");
  const errors = sheetCells(sheet)
    .filter((c) => "formula" in c.content)
    .map((c) => [c.address, e.cell(sheet.name, c.address)] as const)
    .filter(([, v]) => v instanceof CellError);
  expect(errors).toEqual([]);
});

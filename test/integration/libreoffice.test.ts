/**
 * The portable workbook computed by a real spreadsheet engine: LibreOffice (headless)
 * opens the written .xlsx, recalculates every formula (no cached result is written, so every
 * figure is its own) and saves it; the figures it computed are read back. The template's
 * example inputs give the published worked figures (template issue, pricing.md §5): 53,000
 * actions; $5,300, $3,975, $20,000 and $6,250 a month; $8.37 per case; $4.68 blended;
 * payback ≈ 8.1 months, to the cent. Every formula cell agrees with the engine's own
 * evaluation of the description. Both workbooks go through one LibreOffice run.
 */
import { builtInPlans, plansInForce, summariseLedger, walletReport, type LedgerFigures, type LedgerGroup } from "../../src/engine";
import { sheetCells } from "../../src/template/model/cells";
import { portableDescription } from "../../src/template/render/live";
import { describeTemplate, SHEETS, SPIKE, TABLES } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { cents, columnValues, disagreements, recalculate, tableOf, type RecalculatedBook } from "../support/libreoffice";
import { withTableRows } from "../template/office-fixture";
import { FIXTURE_SHEETS, fixtureDescription } from "../template/fixture";
import { AWKWARD_NAMES, NOV1, awkwardNames, figuresByHeader, named, recordsOf, stepChange } from "../template/ledger-fixture";
import { measureLedgerRecalc } from "../template/ledger-scale";
import { AGGREGATED_TOTALS, aggregatedWorkbook, twoExportsWorkbook } from "../import/aggregated";
import type { TemplateDescription } from "../../src/template/model/description";

jest.setTimeout(120_000);

const template = describeTemplate({ examples: true, currency: "USD", asOf: "2026-11-23" });
const fixture = fixtureDescription();
// A ledger whose burn steps up from 50 to 200 credits a day on day 15 (test/template/ledger-fixture.ts).
const step = stepChange();
// Jobs, teams, agents and action types named *, ?, a*, ~, <5, >a, =b … (test/template/ledger-fixture.ts).
const awkward = awkwardNames(AWKWARD_NAMES).description;
// A fourth job the ledger has no rows of (on the Jobs sheet and in the summary by job): planned, no actual.
const planned = withTableRows(
  withTableRows(template, TABLES.jobs, (rows) => [
    ...rows,
    { Job: "Stage hygiene", Workflow: "Pipeline updates", "Volume per week": (300 * 12) / 52, "Units per item": 1, "Target acceptance rate": 0.95, "Rerun rate": 0.05, "Review minutes per item": 0.5, "Human approves": "Yes", "Human case": "No" },
  ]),
  TABLES.ledgerSummary,
  (rows) => [...rows, { Job: "Stage hygiene" }],
);
let books: Record<string, RecalculatedBook>;
// The aggregated import shape (test/import/fixtures/aggregated.csv) imported by the headless command: rows of many actions, some with a stated cost.
let aggregated: TemplateDescription;
// Two exports of the same actions (the second without agents, one row more): its rows with the first's time, job and units are flagged.
let duplicated: TemplateDescription;

beforeAll(async () => {
  aggregated = await aggregatedWorkbook();
  duplicated = await twoExportsWorkbook();
  books = await recalculate({
    duplicated: await writeWorkbook(duplicated, { portable: true, cachedResults: false }),
    aggregated: await writeWorkbook(aggregated, { portable: true, cachedResults: false }),
    template: await writeWorkbook(template, { portable: true, cachedResults: false }),
    fixture: await writeWorkbook(fixture, { portable: true, cachedResults: false }),
    step: await writeWorkbook(step, { portable: true, cachedResults: false }),
    awkward: await writeWorkbook(awkward, { portable: true, cachedResults: false }),
    planned: await writeWorkbook(planned, { portable: true, cachedResults: false }),
  });
});

describe("the portable template in LibreOffice", () => {
  const value = (name: string): unknown => {
    const { sheet, address } = named(template, name);
    return books.template?.value(sheet, address);
  };

  test("the jobs give 10,000 interactions and 53,000 actions a month (the mix's 5.3 each)", () => {
    expect(value("InteractionsPerMonth")).toBeCloseTo(10000, 9);
    expect(value("TotalActionsPerMonth")).toBeCloseTo(53000, 9);
    expect(cents(value("ActionsPerInteraction"))).toBe(5.3);
  });

  test("the pricing models side by side: $20,000, $5,300, $3,975 and $6,250 a month", () => {
    expect(columnValues(books.template as RecalculatedBook, template, TABLES.comparison, "Model")).toEqual(["Per conversation", "Flex Credits (list)", "Flex Credits", "Per user"]);
    expect(columnValues(books.template as RecalculatedBook, template, TABLES.comparison, "Monthly cost").map(cents)).toEqual([20000, 5300, 3975, 6250]);
    expect(columnValues(books.template as RecalculatedBook, template, TABLES.comparison, "Annual cost").map(cents)).toEqual([240000, 63600, 47700, 75000]);
    expect(value("CheapestModel")).toBe("Flex Credits");
    expect(cents(value("CrossoverActions"))).toBe(20);
    expect(cents(value("SeatBreakevenActions"))).toBe(1250);
  });

  test("ROI per pricing model: per conversation is the seed's $2.00 a case, $4.68 blended, payback ≈ 8.1 months, building above 256,410 cases", () => {
    const book = books.template as RecalculatedBook;
    const byModel = (c: string): unknown[] => columnValues(book, template, TABLES.roiByModel, c);
    expect(cents(value("HumanCostPerCase"))).toBe(8.37);
    expect(value("AnnualCases")).toBeCloseTo(100000, 9);
    // The Inputs sheet's four, then every vendor plan in force (the one plan selector).
    const plans = plansInForce(builtInPlans, "2026-11-23").map((p) => p.key);
    expect(byModel("Model")).toEqual(["Per conversation", "Flex Credits (list)", "Flex Credits", "Per user", ...plans]);
    expect(byModel("AI cost per case").slice(0, 4).map(cents)).toEqual([2, 0.53, 0.4, 0.63]);
    // The vendors' list prices for the same case job: Flex at list as the Inputs' list row, $2 a conversation, Fin's $0.99 on 60 % resolved.
    const perCase = (key: string): unknown => byModel("AI cost per case")[4 + plans.indexOf(key)];
    expect([perCase("agentforce.flex"), perCase("agentforce.conversation"), perCase("intercom.fin")].map(cents)).toEqual([0.53, 2, 0.59]);
    expect(cents(byModel("Blended cost per case")[0])).toBe(4.68);
    expect(cents(byModel("Payback (months)")[0])).toBe(8.13);
    expect(byModel("Payback (months)")[0]).toBeCloseTo(250000 / ((100000 * (8.369032172646627 - 4.678090295246922)) / 12), 9);
    // Build vs buy, the seed's example: $500,000 fixed ÷ ($2.00 − $0.05) = 256,410 cases a year.
    expect(Math.round(byModel("Build wins above (cases a year)")[0] as number)).toBe(256410);
    // The headline is the model in use's row (Flex Credits, 25 % off): $0.3975 a case.
    expect(value("AiCostPerCase")).toBeCloseTo(0.3975, 12);
    expect(value("PaybackMonths")).toBeCloseTo(byModel("Payback (months)")[2] as number, 12);
    expect(value("BuildVsBuyCases")).toBeCloseTo(500000 / (0.3975 - 0.05), 6);
  });

  test("the wallet: the 50 % alert, a depletion date after today, a commitment below the forecast", () => {
    expect(value("WalletAlert")).toBe("50%");
    expect((value("DepletionDate") as number) - (value("WalletAsOf") as number)).toBeCloseTo(5000000 / ((53000 * 20 * 12) / 365), 6);
    const share = value("CommitShare") as number;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(1);
  });

  test("the wallet's period from the ledger, worked by hand (docs/model.md §9.6), as the AWU workbook computes it", () => {
    const book = books.template as RecalculatedBook;
    expect([value("WalletThrough"), value("WalletDaysElapsed"), value("WalletPeriodConsumed"), value("WalletDayCredits")]).toEqual([46331, 5, 350, 1000]);
    expect(value("WalletTrendSlope")).toBeCloseTo(30, 9);
    expect(value("WalletNextDayBurn")).toBeCloseTo(160, 9);
    expect(value("WalletPeriodForecast")).toBeCloseTo(13350, 9);
    expect([value("WalletPeriodAlert"), value("WalletPeriodForecastAlert")]).toEqual(["OK", "75%"]);
    expect(columnValues(book, template, TABLES.walletThresholds, "Day of the period")).toEqual([23, 28, "", ""]);
    expect(columnValues(book, template, TABLES.daily, "Actual (credits)").slice(0, 6)).toEqual([0, 60, 50, 120, 120, ""]);
    expect(columnValues(book, template, TABLES.daily, "Anomaly").every((v) => v === "")).toBe(true);
    expect(columnValues(book, template, TABLES.teams, "Consumed (credits)")).toEqual([200, 150, 0]);
    expect(columnValues(book, template, TABLES.teams, "Forecast (credits)").map(cents)).toEqual([7950, 5400, 0]);
    expect(columnValues(book, template, TABLES.teams, "Alert")).toEqual(["OK", "OK", "OK"]);
    expect(columnValues(book, template, TABLES.teams, "Forecast alert")).toEqual(["80%", "100%", "OK"]);
    expect(value("WalletNextTermCredits")).toBeCloseTo(40350, 9);
    // The trend's depletion is a native formula over the daily table; rerun bursts have none: the engine's count, listed on the sheet.
    expect(value("WalletDepletionDate")).toBeCloseTo(46327 + 5 + 26 + 740 / 940, 9);
    expect(value("WalletRerunLoops")).toBe(0);
    expect(cents(value("WalletCommitCredits"))).toBeGreaterThan(0.8 * 40350);
  });

  test("a job the ledger has no rows of: no actual, its ratios blank (they do not exist), its cost 0", () => {
    const column = (c: string): unknown[] => columnValues(books.planned as RecalculatedBook, planned, TABLES.ledgerSummary, c);
    expect(column("Job")[3]).toBe("Stage hygiene");
    expect(column("Plan status")).toEqual(["Worse", "Worse", "Worse", "No actual"]);
    expect(["Acceptance rate", "Rerun inflation", "Cost per validated outcome", "Acceptance gap", "Cost"].map((c) => column(c)[3])).toEqual(["", "", "", "", 0]);
    expect(column("Planned acceptance")[3]).toBe(0.95);
  });

  test("the Ledger sheet by agent and team, and its audit block, to the cent", () => {
    const book = books.template as RecalculatedBook;
    expect(columnValues(book, template, TABLES.ledgerByAgent, "Agent")).toEqual(["Service agent", "Mailer", "Chat agent"]);
    expect(columnValues(book, template, TABLES.ledgerByAgent, "Cost per validated outcome").map(cents)).toEqual([0.15, 0.28, 0.45]);
    expect(columnValues(book, template, TABLES.ledgerByTeam, "Team")).toEqual(["Sales", "Marketing"]);
    expect(columnValues(book, template, TABLES.ledgerByTeam, "Units attempted")).toEqual([200, 150]);
    expect(columnValues(book, template, TABLES.ledgerByTeam, "Cost").map(cents)).toEqual([0.75, 0.56]);
    expect([value("LedgerRowsGap"), value("LedgerUnitsGap"), value("LedgerReconciled")]).toEqual([0, 0, "Yes"]);
  });

  test("the Ledger sheet over the ten example rows, worked by hand (docs/model.md §9), to the cent", () => {
    const book = books.template as RecalculatedBook;
    const column = (c: string): unknown[] => columnValues(book, template, TABLES.ledgerSummary, c);
    expect(column("Job")).toEqual(["Customer service conversations", "Case follow-up emails", "Website sales chat"]);
    expect(column("Units attempted")).toEqual([80, 150, 120]);
    expect(column("Actions attempted")).toEqual([4, 4, 2]);
    expect(column("Actions succeeded")).toEqual([3, 2, 2]);
    expect(column("Actions validated")).toEqual([2, 2, 1]);
    expect(column("Units validated")).toEqual([40, 90, 60]);
    expect(column("Units rerun")).toEqual([20, 60, 60]);
    expect(column("Acceptance rate")).toEqual([0.5, 0.5, 0.5]);
    expect(column("Rerun inflation").map(cents)).toEqual([0.5, 0.67, 1]);
    expect(column("Escalation rate")).toEqual([0.25, 0.25, 0]);
    expect(column("Review hours").map(cents)).toEqual([0.13, 0.18, 0.23]);
    // Flex: $500 per 100,000 credits, 25 % off: $0.00375 a credit.
    expect(column("Cost").map(cents)).toEqual([0.3, 0.56, 0.45]);
    expect((column("Cost")[1] as number)).toBeCloseTo(0.5625, 12);
    expect(column("Cost per validated outcome").map(cents)).toEqual([0.15, 0.28, 0.45]);
    expect(column("Accepted units per dollar").map(cents)).toEqual([133.33, 160, 133.33]);
    expect(column("First-time acceptance").map(cents)).toEqual([0.33, 0.33, 1]);
    expect(column("Rerun rate").map(cents)).toEqual([0.33, 0.67, 1]);
    expect(column("Planned acceptance")).toEqual([0.85, 0.8, 0.9]);
    // The Jobs sheet's monthly AI cost × the ledger's months (2–5 November: 4 ÷ 30.4375): customer service
    // 100,000 ÷ 12 × 5.3 actions × 20 credits × $0.00375 = $3,312.50 a month, × 4 ÷ 30.4375 = $435.32.
    const planned = (100000 / 12) * 5.3 * 20 * 0.00375 * (4 / 30.4375);
    expect(column("Planned cost")[0]).toBeCloseTo(planned, 9);
    expect(cents(column("Cost gap")[0])).toBe(cents(0.3 - planned));
    expect(value("LedgerDays")).toBe(4);
    // All-in, review at the reviewer's loaded $35.15 an hour: (0.30 + 8 ÷ 60 × 35.1499) ÷ 2 validated.
    expect(column("All-in cost per validated outcome").map(cents)).toEqual([2.49, 3.5, 8.65]);
    expect(column("Plan status")).toEqual(["Worse", "Worse", "Worse"]);
    expect(value("LedgerUnits")).toBe(350);
    expect(value("LedgerActions")).toBe(10);
    expect(value("LedgerValidated")).toBe(5);
    expect(cents(value("LedgerCost"))).toBe(1.31);
    expect(value("LedgerCost")).toBeCloseTo(1.3125, 12);
    expect(value("LedgerCostPerOutcome")).toBeCloseTo(0.2625, 12);
    expect(value("LedgerRerunInflation")).toBeCloseTo(140 / 190, 12);
    expect(value("LedgerUnitsUnlisted")).toBe(0);
    const action = (c: string): unknown[] => columnValues(book, template, TABLES.ledgerByActionType, c);
    expect(action("Action type")).toEqual(["Answer customer", "Draft email", "Qualify lead"]);
    expect(action("Success rate")).toEqual([0.75, 0.5, 1]);
    expect(action("Cost").map(cents)).toEqual([0.3, 0.56, 0.45]);
  });

  test("every formula cell agrees with the engine's evaluation of the description", () => {
    expect(disagreements(books.template as RecalculatedBook, portableDescription(template))).toEqual([]);
  });

  test("no cell of the template's sheets is an error", () => {
    const errors: string[] = [];
    for (const sheet of template.sheets)
      for (const cell of sheetCells(sheet)) {
        const v = books.template?.value(sheet.name, cell.address);
        if (typeof v === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(v)) errors.push(`${sheet.name}!${cell.address}: ${v}`);
      }
    expect(errors).toEqual([]);
    expect(Object.values(SHEETS)).toEqual(template.sheets.map((s) => s.name));
  });
});

describe("aggregated rows in the portable template, in LibreOffice (issue 11)", () => {
  const value = (name: string): unknown => {
    const { sheet, address } = named(aggregated, name);
    return books.aggregated?.value(sheet, address);
  };

  test("the hand-computed totals: 2,030 actions (Σ Count), 1,765 validated, 48,150 units, $310.44", () => {
    expect([value("LedgerRowCount"), value("LedgerActions"), value("LedgerValidated"), value("LedgerUnits")]).toEqual([
      AGGREGATED_TOTALS.rows,
      AGGREGATED_TOTALS.actions,
      AGGREGATED_TOTALS.validated,
      AGGREGATED_TOTALS.units,
    ]);
    expect(value("LedgerCost")).toBeCloseTo(AGGREGATED_TOTALS.cost, 9);
    expect([value("LedgerRowsGap"), value("LedgerActionsGap"), value("LedgerUnitsGap"), value("LedgerReconciled"), value("LedgerLikelyDuplicates")]).toEqual([0, 0, 0, "Yes", 0]);
  });

  test("each summary row is the engine's summariseLedger over the same rows", () => {
    const book = books.aggregated as RecalculatedBook;
    const rows = tableOf(aggregated, TABLES.ledger).block.rows;
    const pricing = { model: "flex" as const, pricePer100kCredits: value("PricePer100kCredits") as number, discount: value("PrepurchaseDiscount") as number };
    const summary = summariseLedger(recordsOf(rows), { pricing });
    for (const [table, key, groups] of [
      [TABLES.ledgerSummary, "Job", summary.byJob],
      [TABLES.ledgerByAgent, "Agent", summary.byAgent],
      [TABLES.ledgerByTeam, "Team", summary.byTeam],
      [TABLES.ledgerByActionType, "Action type", summary.byActionType],
    ] as const) {
      const labels = columnValues(book, aggregated, table, key);
      expect([...labels].sort()).toEqual(groups.map((g) => g.label).sort());
      labels.forEach((label, i) => {
        const f = (groups.find((g) => g.label === label) as LedgerGroup).figures;
        const { counts, ratios } = figuresByHeader(f);
        for (const [c, expected] of counts) expect([table, label, c, columnValues(book, aggregated, table, c)[i]]).toEqual([table, label, c, expected]);
        for (const [c, expected] of ratios)
          expect([table, label, c, columnValues(book, aggregated, table, c)[i]]).toEqual([table, label, c, expected === undefined ? "" : expect.closeTo(expected, 9)]);
      });
    }
  });

  test("every formula cell agrees with the engine's evaluation of the description", () => {
    expect(disagreements(books.aggregated as RecalculatedBook, portableDescription(aggregated))).toEqual([]);
  });

  test("two exports of the same actions: the audit counts the likely duplicates and says where", () => {
    const at = (name: string): unknown => {
      const { sheet, address } = named(duplicated, name);
      return books.duplicated?.value(sheet, address);
    };
    expect([at("LedgerLikelyDuplicates"), at("LedgerLikelyDuplicateWhere"), at("LedgerReconciled")]).toEqual([2, "Import 2 repeats rows of import 1 (the last at its line 3)", "Yes"]);
    expect(disagreements(books.duplicated as RecalculatedBook, portableDescription(duplicated))).toEqual([]);
  });
});

describe("a stepped ledger in the portable template, in LibreOffice", () => {
  test("the spikes on days 15–18 and the forecast are computed by LibreOffice's own formulas", () => {
    const book = books.step as RecalculatedBook;
    const anomaly = columnValues(book, step, TABLES.daily, "Anomaly");
    expect(anomaly.flatMap((v, i) => (v === SPIKE ? [i + 1] : []))).toEqual([15, 16, 17, 18]);
    const { sheet, address } = named(step, "WalletSpikeDays");
    expect(book.value(sheet, address)).toBe(4);
  });

  test("every formula cell agrees with the engine's evaluation of the description", () => {
    expect(disagreements(books.step as RecalculatedBook, portableDescription(step))).toEqual([]);
  });
});

describe("names that are wildcards or operators to SUMIFS, COUNTIFS and MATCH, in LibreOffice", () => {
  const book = (): RecalculatedBook => books.awkward as RecalculatedBook;
  const value = (name: string): unknown => {
    const { sheet, address } = named(awkward, name);
    return book().value(sheet, address);
  };
  const ledger = tableOf(awkward, TABLES.ledger).block;
  const records = recordsOf(ledger.rows);
  const summary = summariseLedger(records, { pricing: { model: "flex", pricePer100kCredits: 500, discount: 0.25 } });

  test.each([
    [TABLES.ledgerSummary, "Job", summary.byJob],
    [TABLES.ledgerByActionType, "Action type", summary.byActionType],
    [TABLES.ledgerByAgent, "Agent", summary.byAgent],
    [TABLES.ledgerByTeam, "Team", summary.byTeam],
  ] as const)("%s: every name's row is the engine's group of exactly that name (in any case)", (table, key, groups: readonly LedgerGroup[]) => {
    const labels = columnValues(book(), awkward, table, key);
    expect(labels).toEqual(groups.map((g) => g.label));
    const close = (expected: number | undefined) => (expected === undefined ? "" : expect.closeTo(expected, 9));
    groups.forEach((group, i) => {
      const { counts, ratios } = figuresByHeader(group.figures as LedgerFigures);
      for (const [c, expected] of counts) expect([group.label, c, columnValues(book(), awkward, table, c)[i]]).toEqual([group.label, c, expected]);
      for (const [c, expected] of ratios) expect([group.label, c, columnValues(book(), awkward, table, c)[i]]).toEqual([group.label, c, close(expected)]);
    });
  });

  test("a team named * is its own rows: its units are not the ledger's, and no units are left unlisted or counted twice", () => {
    const star = summary.byTeam.find((g) => g.label === "*")?.figures.unitsAttempted;
    const teams = columnValues(book(), awkward, TABLES.ledgerByTeam, "Team");
    expect(columnValues(book(), awkward, TABLES.ledgerByTeam, "Units attempted")[teams.indexOf("*")]).toBe(star);
    expect(star).toBeLessThan(summary.overall.unitsAttempted / 5);
    expect([value("LedgerUnitsUnlisted"), value("LedgerUnitsUnlistedActionTypes"), value("LedgerUnitsUnlistedAgents"), value("LedgerUnitsUnlistedTeams")]).toEqual([0, 0, 0, 0]);
    expect(value("LedgerUnits")).toBe(summary.overall.unitsAttempted);
  });

  test("the plan is found for the job named ?, and not for * (MATCH reads wildcards too)", () => {
    const jobs = columnValues(book(), awkward, TABLES.ledgerSummary, "Job");
    const planned = columnValues(book(), awkward, TABLES.ledgerSummary, "Planned acceptance");
    expect(jobs.flatMap((job, i) => (planned[i] === "" ? [] : [[job, planned[i]]]))).toEqual([["?", 0.5]]);
    expect(columnValues(book(), awkward, TABLES.ledgerSummary, "Plan status")[jobs.indexOf("*")]).toBe("Unplanned");
  });

  test("each team's consumption and trend (SUMIFS and SUMPRODUCT's =) take the same rows: the engine's consumption and forecast", () => {
    const report = walletReport(records, {
      periodStartSerial: NOV1,
      daysInPeriod: 30,
      allocation: 20000,
      teamBudgets: summary.byTeam.map((g) => ({ team: g.label, budgetUnits: 1000 })),
    });
    const teams = columnValues(book(), awkward, TABLES.teams, "Team");
    expect(teams).toEqual(report.teams.map((t) => t.label));
    expect(columnValues(book(), awkward, TABLES.teams, "Consumed (credits)")).toEqual(report.teams.map((t) => t.consumedUnits));
    columnValues(book(), awkward, TABLES.teams, "Forecast (credits)").forEach((forecast, i) => expect([teams[i], forecast]).toEqual([teams[i], expect.closeTo(report.teams[i]?.forecastUnits ?? Number.NaN, 6)]));
    expect(value("WalletUnbudgetedCredits")).toBe(0);
    expect(value("WalletPeriodConsumed")).toBe(report.consumedUnits);
  });

  test("reruns by job: COUNTIFS counts each name's own reruns", () => {
    const jobs = columnValues(book(), awkward, TABLES.loops, "Job");
    const reruns = (label: unknown): number => records.filter((r) => r.rerun && r.job.trim().toLowerCase() === String(label).toLowerCase()).length;
    expect(columnValues(book(), awkward, TABLES.loops, "Reruns")).toEqual(jobs.map(reruns));
  });

  test("every formula cell agrees with the engine's evaluation of the description", () => {
    expect(disagreements(book(), portableDescription(awkward))).toEqual([]);
  });
});

test("a generated 1,000-row ledger: LibreOffice's consumption and forecast are the engine's", async () => {
  const m = await measureLedgerRecalc(1000);
  expect(m.consumed.sheet).toBe(m.consumed.engine);
  expect(m.forecast.sheet).toBeCloseTo(m.forecast.engine, 6);
  expect(m.consumed.engine).toBeGreaterThan(20000);
});

describe("the portable fixture in LibreOffice", () => {
  const value = (name: string): unknown => {
    const { sheet, address } = named(fixture, name);
    return books.fixture?.value(sheet, address);
  };

  test("the worked figures (pricing.md §5)", () => {
    expect(value("FlexList")).toBe(5300);
    expect(value("FlexDiscounted")).toBe(3975);
    expect(value("Credits")).toBe(1060000);
    expect(value("PerConversation")).toBe(20000);
    expect(value("PerUser")).toBe(6250);
    expect(value("MixActions")).toBeCloseTo(53000, 9);
    expect(value("HumanCost")).toBeCloseTo(8.369, 3);
    expect(value("Blended")).toBeCloseTo(4.6784, 10);
    expect(value("Breakeven")).toBeCloseTo(0.2389, 4);
    expect(cents(value("Payback"))).toBe(8.13);
    expect(value("BuildVsBuy")).toBeCloseTo(256410.256, 3);
    expect(value("Crossover")).toBeCloseTo(20, 10);
    expect(value("SeatBreakeven")).toBeCloseTo(1250, 9);
    expect(value("AllIn")).toBeCloseTo((0.1 * 1.25 + (2 / 60) * 40) / 0.8, 12);
  });

  test("no result is #N/A and a refused argument is #VALUE!, as the functions say", () => {
    expect(value("NoBreakeven")).toBe("#N/A");
    expect(value("NoPayback")).toBe("#N/A");
    expect(value("Refused")).toBe("#VALUE!");
  });

  test("cells with no native formula hold the engine's values", () => {
    expect(value("TokenCost")).toBeCloseTo(0.0044, 12);
    expect(value("RateCredits")).toBe(20);
    // 2,000,000 credits at the falling trend of 4.2, 3.3 and 2.5 million a day: part-way through the second day.
    const trend = value("DepletionTrend") as number;
    expect(trend).toBeGreaterThan(46349 + 1);
    expect(trend).toBeLessThan(46349 + 2);
    expect(columnValues(books.fixture as RecalculatedBook, fixture, "Mix", "Token cost")).toEqual([3, 7, 14].map((a) => (a * 1000 * 0.5 + 500 * 3) / 1e6));
  });

  test("alerts: the default thresholds and a range of thresholds on another sheet", () => {
    expect(value("Alert")).toBe("50%");
    expect(value("AlertFromColumn")).toBe("50%");
    expect(columnValues(books.fixture as RecalculatedBook, fixture, "Usage", "Alert")).toEqual(["OK", "80%", "120%"]);
    expect(value("DepletionConstant")).toBe(46349 + 125);
  });

  test("every formula cell agrees with the engine's evaluation of the description", () => {
    expect(disagreements(books.fixture as RecalculatedBook, fixture)).toEqual([]);
    expect(books.fixture?.value(FIXTURE_SHEETS.model, "A1")).toBe(FIXTURE_SHEETS.model);
  });
});

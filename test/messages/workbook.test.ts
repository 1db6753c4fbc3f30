/**
 * The workbook catalogue: every code of every union the workbook side reports renders to a
 * sentence (the samples are typed so that a code added to a union without one fails the
 * type check), and the rendering choices the sentences depend on.
 */
import {
  EXCEL_EXPLAINED,
  WORKBOOK_MESSAGES,
  buildProgressMessage,
  defectMessage,
  rateCardMessage,
  rateCardStampMessage,
  refreshMessages,
  repairedMessage,
  scenarioChangeMessage,
  scenarioNoteMessage,
  workbookItemWords,
  workbookRefusalMessage,
  type BuildProgress,
  type ExcelRefused,
  type RateCardNote,
  type Repaired,
  type ScenarioChange,
  type ScenarioNote,
  type TemplateDefect,
  type WorkbookItem,
  type WorkbookRefusal,
} from "../../src/messages/workbook";
import { refusalMessage } from "../../src/messages/refusals";

/** At least one sample of each code of a union (more where the words branch on the facts). */
type Samples<U extends { readonly code: string }> = { readonly [C in U["code"]]: readonly [Extract<U, { readonly code: C }>, ...Extract<U, { readonly code: C }>[]] };

const sheet: WorkbookItem = { item: "sheet", name: "Jobs" };
const table: WorkbookItem = { item: "table", name: "Scenarios", sheet: "My notes" };
const name: WorkbookItem = { item: "name", name: "Rate", sheet: null };

const refusals: Samples<WorkbookRefusal> = {
  conflicts: [{ code: "conflicts", items: [sheet] }, { code: "conflicts", items: [sheet, table, name, sheet, table, name, sheet, table] }],
  rebuildWouldTouch: [{ code: "rebuildWouldTouch", items: [table] }, { code: "rebuildWouldTouch", items: [table, name] }],
  protectedSheets: [{ code: "protectedSheets", sheets: ["Jobs"] }, { code: "protectedSheets", sheets: ["Jobs", "ROI"] }],
  workbookProtected: [{ code: "workbookProtected" }],
  notVerified: [{ code: "notVerified", missing: [sheet, table] }],
  missingPart: [{ code: "missingPart" }],
  scenarioShapeMismatch: [{ code: "scenarioShapeMismatch", rows: 6, got: 1 }],
  rateCardNotATable: [{ code: "rateCardNotATable" }],
  unknownCurrency: [{ code: "unknownCurrency", currency: "XYZ" }],
};

const defects: Samples<TemplateDefect> = {
  missingSheet: [{ code: "missingSheet", sheet: "Wallet", staleNames: ["WalletAlert"] }],
  renamedTable: [{ code: "renamedTable", table: "Jobs", now: "MyJobs", sheet: "Jobs" }],
  missingTable: [{ code: "missingTable", table: "InteractionMix", sheet: "Pricing", address: "A8:C11" }],
  missingName: [{ code: "missingName", name: "HourlyWage", label: "Hourly wage", sheet: "Inputs" }],
  brokenName: [{ code: "brokenName", name: "HourlyWage", label: "Hourly wage", sheet: "Inputs" }],
  renamedColumn: [{ code: "renamedColumn", table: "Jobs", index: 3, expected: "Volume per week", now: "Weekly volume" }],
  inputIsText: [{ code: "inputIsText", name: "WeeksPerMonth", label: "Weeks per month", sheet: "Inputs", address: "B6", text: "about 4" }],
  formulaOverwritten: [
    { code: "formulaOverwritten", table: "Jobs", column: "Items per month", index: 4, rows: [2], rowCount: 4 },
    { code: "formulaOverwritten", table: "Jobs", column: "Items per month", index: 4, rows: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], rowCount: 10 },
  ],
  outputOverwritten: [{ code: "outputOverwritten", name: "HumanCostPerCase", label: "Human cost per case", sheet: "ROI" }],
};

const repairs: Samples<Repaired> = {
  sheetWritten: [{ code: "sheetWritten", sheet: "Wallet" }],
  tableRenamed: [{ code: "tableRenamed", table: "Jobs" }],
  tableWritten: [{ code: "tableWritten", table: "InteractionMix" }],
  nameAdded: [{ code: "nameAdded", name: "HourlyWage" }],
  columnRenamed: [{ code: "columnRenamed", table: "Jobs", column: "Volume per week" }],
  inputWritten: [{ code: "inputWritten", label: "Weeks per month" }],
  formulaWritten: [{ code: "formulaWritten", table: "Jobs", column: "Items per month" }],
  outputWritten: [{ code: "outputWritten", label: "Human cost per case" }],
  skipped: [{ code: "skipped", part: sheet }, { code: "skipped", part: table }, { code: "skipped", part: name }],
};

const progress: Samples<BuildProgress> = {
  inspect: [{ code: "inspect" }],
  write: [{ code: "write", part: 1 }, { code: "write", part: 2 }],
  verify: [{ code: "verify" }],
  done: [
    { code: "done", built: { code: "built", sheets: 11, tables: 12, names: 80 } },
    { code: "done", built: { code: "builtBeside", copy: 2 } },
  ],
};

const notes: Samples<ScenarioNote> = {
  notANumber: [
    { code: "notANumber", place: { where: "inputs" }, key: "WeeksPerMonth", value: null },
    { code: "notANumber", place: { where: "scenario", scenario: "Typo", row: 2 }, key: "Volume multiplier", value: "x" },
    { code: "notANumber", place: { where: "scenario", scenario: "", row: 3 }, key: "Discount", value: true },
    { code: "notANumber", place: { where: "jobs", row: 2 }, key: "Units per item", value: "" },
  ],
  unknownPricingModel: [{ code: "unknownPricingModel", scenario: "Odd", row: 3, model: "Barter" }],
  noAcceptedOutcomes: [{ code: "noAcceptedOutcomes" }],
  noPayback: [{ code: "noPayback" }],
};

const changes: Samples<ScenarioChange> = {
  firstTime: [{ code: "firstTime", scenario: "Base", row: 1 }, { code: "firstTime", scenario: "", row: 2 }],
  changed: [
    {
      code: "changed",
      scenario: "Half",
      row: 2,
      figures: [
        { figure: "monthlyCost", before: 475, after: 237.5 },
        { figure: "costPerOutcome", before: null, after: { code: "noAcceptedOutcomes" } },
        { figure: "payback", before: "no payback", after: 12 },
      ],
    },
  ],
  notComputed: [{ code: "notComputed", scenario: "Typo", row: 2, problem: { code: "unknownPricingModel", scenario: "Typo", row: 2, model: "Barter" } }],
};

const rateCard: Samples<RateCardNote> = {
  changed: [
    { code: "changed", key: "conversation.price", field: "Value", workbook: 2.5, builtIn: 2 },
    { code: "changed", key: "conversation.price", field: "Source", workbook: null, builtIn: "vendor" },
  ],
  missing: [{ code: "missing", key: "new.rate" }],
  extra: [{ code: "extra", key: "our.own.rate", row: 20 }, { code: "extra", key: "", row: 21 }],
  same: [{ code: "same" }],
  applied: [{ code: "applied", changed: 1, added: 0 }],
};

const excelRefused = (excelCode: string): ExcelRefused => ({ code: "excelRefused", excelCode, detail: "boom" });

/** Every sample of every code, with its words. */
function rendered<U extends { readonly code: string }>(samples: Samples<U>, render: (u: U) => string): [string, string][] {
  return (Object.values(samples) as readonly (readonly U[])[]).flatMap((list) => list.map((u): [string, string] => [u.code, render(u)]));
}

const families: [string, [string, string][]][] = [
  ["workbook refusals", rendered(refusals, workbookRefusalMessage)],
  ["refusals through the dispatcher", rendered(refusals, refusalMessage)],
  ["Excel's refusals", [...Object.keys(EXCEL_EXPLAINED), "GeneralException"].map((excelCode): [string, string] => [excelCode, refusalMessage(excelRefused(excelCode))])],
  ["template defects", rendered(defects, defectMessage)],
  ["repairs", rendered(repairs, repairedMessage)],
  ["build progress", rendered(progress, buildProgressMessage)],
  ["scenario notes", rendered(notes, scenarioNoteMessage)],
  ["scenario changes", rendered(changes, scenarioChangeMessage)],
  ["rate-card lines", rendered(rateCard, rateCardMessage)],
];

describe.each(families)("every code of the %s renders to words", (_family, sentences) => {
  test.each(sentences)("%s", (_code, text) => {
    expect(text.trim()).not.toBe("");
    expect(text).not.toMatch(/undefined|null|NaN|\[object Object\]/);
  });
});

test("a code no catalogue knows is reported with its code, not dropped", () => {
  expect(refusalMessage({ code: "somethingNew" })).toBe(WORKBOOK_MESSAGES.refusal.unexpected("somethingNew"));
  expect(WORKBOOK_MESSAGES.refusal.unexpected("somethingNew")).toContain("somethingNew");
});

test("items are named with their sheet where it is known", () => {
  expect(workbookItemWords(table)).toContain('"My notes"');
  expect(workbookItemWords({ item: "table", name: "Scenarios", sheet: null })).not.toContain("sheet");
  expect(workbookItemWords({ item: "name", name: "Rate", sheet: "Inputs" })).toContain('"Inputs"');
  expect(workbookItemWords(name)).not.toContain("sheet");
});

test("the build question names the sheets when there are any, else the tables and names", () => {
  expect(WORKBOOK_MESSAGES.pane.choose([sheet, table])).toContain('"Jobs"');
  expect(WORKBOOK_MESSAGES.pane.choose([sheet, table])).not.toContain('"Scenarios"');
  expect(WORKBOOK_MESSAGES.pane.choose([table, name])).toContain('"Scenarios" and "Rate"');
});

test("a refresh says its time to the minute, and that nothing changed when nothing did", () => {
  const at = new Date(2026, 10, 23, 9, 5);
  expect(refreshMessages({ scenarios: 1, refreshedAt: at, changes: [] })).toEqual({
    headline: WORKBOOK_MESSAGES.refresh.done(1, at),
    lines: [WORKBOOK_MESSAGES.refresh.unchanged],
  });
  expect(WORKBOOK_MESSAGES.refresh.done(1, at)).toContain("2026-11-23 09:05");
  const first: ScenarioChange = { code: "firstTime", scenario: "Base", row: 1 };
  expect(refreshMessages({ scenarios: 1, refreshedAt: at, changes: [first] }).lines).toEqual([scenarioChangeMessage(first)]);
});

test("the rate-card stamp says whether the card is as built in", () => {
  expect(rateCardStampMessage({ rows: 12, differing: 0 })).toBe(WORKBOOK_MESSAGES.refresh.stampRateCard(12, 0));
  expect(rateCardStampMessage({ rows: 12, differing: 0 })).not.toBe(rateCardStampMessage({ rows: 12, differing: 2 }));
});

test("a scenario without a name is called by its row; figures are shown to the cent", () => {
  expect(scenarioChangeMessage({ code: "firstTime", scenario: "", row: 4 })).toBe(WORKBOOK_MESSAGES.scenario.firstTime(WORKBOOK_MESSAGES.scenario.label("", 4)));
  expect(WORKBOOK_MESSAGES.scenario.label("", 4)).toContain("4");
  const change: ScenarioChange = { code: "changed", scenario: "Big", row: 1, figures: [{ figure: "monthlyCost", before: 1234.5678, after: 2000 }] };
  expect(scenarioChangeMessage(change)).toContain("1,234.57");
});

test("a blank value is said as blank", () => {
  const blankNote: ScenarioNote = { code: "notANumber", place: { where: "inputs" }, key: "WeeksPerMonth", value: null };
  expect(scenarioNoteMessage(blankNote)).toContain(WORKBOOK_MESSAGES.blank);
  expect(rateCardMessage({ code: "changed", key: "k", field: "Source", workbook: "", builtIn: "vendor" })).toContain(WORKBOOK_MESSAGES.blank);
});

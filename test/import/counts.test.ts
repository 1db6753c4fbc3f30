/**
 * Vendors' and gateways' exports (issue 11): the fields they bring (id, count, cost, model,
 * tokens, status counts), each row's cost (stated, else tokens priced, else units), aggregated
 * rows split by status with their counts, the identity that survives re-exports, likely
 * duplicates across files, and workbooks made before the new Ledger columns.
 */
import { builtInPriceList, builtInRateCard, modelTokenPrices } from "../../src/engine";
import { LEDGER_COLUMNS, IMPORT_COLUMNS, importIntoWorkbook, loadLog, proposeMapping, readCsv, type ColumnMapping, type ImportOutcome, type LoadedLog } from "../../src/import";
import { importTable, tokenCostUsd, type ImportResult, type ImportedRecord } from "../../src/import/importer";
import { holdingOf, importLogs, type HeadlessLog } from "../../src/import/headless";
import { planImport } from "../../src/import/plan";
import { importNoteMessage, importRefusalMessage, rejectReasonMessage } from "../../src/messages/import";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import type { TableBlock, TemplateDescription } from "../../src/template/model/description";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { LEDGER_COLUMNS_SINCE_COUNTS, LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";
import { named } from "../template/ledger-fixture";
import { ExcelDouble, SheetModel } from "../support/excel-double";
import { asContext } from "./support";

const NOW = new Date(2026, 10, 23, 9, 30);

const tableOf = (csv: string): NonNullable<ReturnType<typeof readCsv>> => {
  const table = readCsv(csv);
  if (!table) throw new Error("not a table");
  return table;
};

/** The file's rows under the proposed mapping (columns given override it). */
function imported(csv: string, existing: Parameters<typeof importTable>[2] = new Set(), columns: ColumnMapping["columns"] = {}): ImportResult {
  const table = tableOf(csv);
  const proposed = proposeMapping(table.headers).mapping;
  const result = importTable(table, { ...proposed, columns: { ...proposed.columns, ...columns } }, existing);
  if (!result.ok) throw new Error(importRefusalMessage(result.problem));
  return result;
}

const log = (name: string, lines: readonly string[]): HeadlessLog => ({ name, bytes: new TextEncoder().encode(lines.join("\n")) });

function described(description: TemplateDescription, name: string): TableBlock {
  for (const sheet of description.sheets) for (const block of sheet.blocks) if (block.kind === "table" && block.name === name) return block;
  throw new Error(`no table ${name}`);
}

describe("the fields, proposed from common header names", () => {
  test("a gateway's spend log: id, model, tokens, spend, requests and their outcomes", () => {
    const proposal = proposeMapping([
      "request_id",
      "startTime",
      "model",
      "prompt_tokens",
      "completion_tokens",
      "cache_read_input_tokens",
      "cache_creation_input_tokens",
      "spend",
      "api_requests",
      "successful_requests",
      "failed_requests",
      "Validated",
    ]);
    expect(proposal.mapping.columns).toEqual({
      id: "request_id",
      timestamp: "startTime",
      model: "model",
      inputTokens: "prompt_tokens",
      outputTokens: "completion_tokens",
      cacheReadTokens: "cache_read_input_tokens",
      cacheWriteTokens: "cache_creation_input_tokens",
      cost: "spend",
      count: "api_requests",
      succeeded: "successful_requests",
      failed: "failed_requests",
      validated: "Validated",
    });
    // A spend or token log has no credits: its units are 0, and nothing more is required.
    expect(proposal.missingRequired).toEqual([]);
  });

  test("the aggregated import shape (docs/warehouse.md) maps every column with no manual mapping", () => {
    const headers = ["Timestamp", "Agent", "Job", "Action type", "Status", "Team", "Escalated", "Rerun", "Count", "Units", "Cost", "Review minutes"];
    const proposal = proposeMapping(headers);
    expect(proposal.mapping.columns).toEqual({
      timestamp: "Timestamp",
      agent: "Agent",
      job: "Job",
      actionType: "Action type",
      status: "Status",
      team: "Team",
      escalated: "Escalated",
      rerun: "Rerun",
      count: "Count",
      units: "Units",
      cost: "Cost",
      reviewMinutes: "Review minutes",
    });
    expect(Object.values(proposal.confidence).every((c) => c === "exact")).toBe(true);
    expect(proposal.unmapped).toEqual([]);
  });

  test("a log without units, cost or tokens still needs its units", () => {
    expect(proposeMapping(["Timestamp", "Agent", "Model"]).missingRequired).toEqual(["units"]);
    const result = importTable(tableOf("Timestamp,Agent,Model\n2026-11-03,A,gpt-4o\n"), proposeMapping(["Timestamp", "Agent", "Model"]).mapping);
    expect(result).toEqual({ ok: false, problem: { code: "unmappedRequired", fields: ["units"] } });
  });
});

describe("count: the actions a row stands for", () => {
  test("1 when not mapped or blank; the count when given", () => {
    const r = imported("Timestamp,Credits,Count\n2026-11-03T10:00Z,5,\n2026-11-03T11:00Z,50,12\n");
    expect(r.records.map((x) => [x.units, x.count])).toEqual([
      [5, 1],
      [50, 12],
    ]);
    expect(r.actions).toBe(13);
    expect(imported("Timestamp,Credits\n2026-11-03,5\n").records[0]?.count).toBe(1);
  });

  test("not a whole number, or a count below 1: the row is rejected, the rest go in", () => {
    const r = imported("Timestamp,Credits,Count\n2026-11-03,5,2.5\n2026-11-03,5,0\n2026-11-03,5,3\n");
    expect(r.rejects.map((x) => x.reasons)).toEqual([
      [{ code: "notACount", header: "Count", text: "2.5", least: 1 }],
      [{ code: "notACount", header: "Count", text: "0", least: 1 }],
    ]);
    expect(r.records.map((x) => x.count)).toEqual([3]);
  });

  test("a yes/no in a status count reads as 1 or 0: a one-action log's Validated column", () => {
    const r = imported("Timestamp,Credits,Validated\n2026-11-03T10:00Z,5,yes\n2026-11-03T11:00Z,5,no\n");
    expect(r.records.map((x) => [x.status, x.count])).toEqual([
      ["validated", 1],
      ["attempted", 1],
    ]);
  });
});

describe("status counts: an aggregated row becomes one ledger row per status, with its count", () => {
  const CSV = "Date,Job,Credits,Requests,Succeeded,Validated,Failed,Review minutes,Cost\n2026-11-03,Research,100,10,6,4,3,50,2.5\n";

  test("10 requests, 6 succeeded (4 of them validated), 3 failed: 4 validated, 2 succeeded, 3 failed, 1 attempted", () => {
    const r = imported(CSV);
    expect(r.records.map((x) => [x.status, x.count, x.units, x.reviewMinutes, x.costUsd])).toEqual([
      ["validated", 4, 40, 20, 1],
      ["succeeded", 2, 20, 10, 0.5],
      ["failed", 3, 30, 15, 0.75],
      ["attempted", 1, 10, 5, 0.25],
    ]);
    // One source row accepted; its parts add up to it exactly.
    expect(r.counts).toMatchObject({ read: 1, accepted: 1, rejected: 0, duplicates: 0 });
    expect([r.actions, r.units.accepted]).toEqual([10, 100]);
    const base = r.records[3]?.key ?? "";
    expect(r.records.map((x) => x.key)).toEqual([`${base}:validated`, `${base}:succeeded`, `${base}:failed`, base]);
  });

  test("without a count, the row is its succeeded and failed actions; without succeeded, its validated ones succeeded", () => {
    const r = imported("Date,Credits,Validated,Failed\n2026-11-03,30,2,1\n");
    expect(r.records.map((x) => [x.status, x.count, x.units])).toEqual([
      ["validated", 2, 20],
      ["failed", 1, 10],
    ]);
  });

  test("counts that do not fit the row are rejected with them", () => {
    const r = imported("Date,Credits,Requests,Succeeded,Validated,Failed\n2026-11-03,1,10,3,4,0\n2026-11-03,1,10,8,0,3\n");
    expect(r.rejects.map((x) => x.reasons)).toEqual([
      [{ code: "statusCounts", count: 10, succeeded: 3, failed: 0, validated: 4 }],
      [{ code: "statusCounts", count: 10, succeeded: 8, failed: 3, validated: 0 }],
    ]);
    expect(r.records).toEqual([]);
  });
});

describe("the cost of a row: stated, else its tokens priced, else its units", () => {
  const ISO = "2026-11-03";
  const gpt = modelTokenPrices(builtInRateCard, builtInPriceList(), "gpt-4o", 1000, ISO);

  test("the price list knows gpt-4o (the test's premise)", () => {
    expect(gpt).toBeDefined();
  });

  test("a stated cost wins over tokens; tokens are priced for the row's model on its date; otherwise units", () => {
    const r = imported(
      [
        "Timestamp,Model,Input tokens,Output tokens,Cost,Credits",
        `${ISO}T10:00Z,gpt-4o,1000,500,0.123,1`,
        `${ISO}T11:00Z,gpt-4o,1000,500,,2`,
        `${ISO}T12:00Z,,,,,3`,
      ].join("\n"),
    );
    const tokens = ((gpt?.inputPerMillion ?? 0) * 1000 + (gpt?.outputPerMillion ?? 0) * 500) / 1e6;
    expect(r.records.map((x) => [x.costSource, x.costUsd])).toEqual([
      ["stated", 0.123],
      ["tokens", expect.closeTo(tokens, 15)],
      ["units", undefined],
    ]);
    expect(tokens).toBeGreaterThan(0);
    expect(r.notes.filter((n) => n.code === "tokensUnpriced")).toEqual([]);
  });

  test("cache tokens at their own prices, else the input price; a tier by one request's input tokens (the row's ÷ its count)", () => {
    const cached = modelTokenPrices(builtInRateCard, builtInPriceList(), "gpt-4o", 100, ISO);
    const expected = (100 * (cached?.inputPerMillion ?? 0) + 10 * (cached?.outputPerMillion ?? 0) + 1000 * (cached?.cacheReadPerMillion ?? cached?.inputPerMillion ?? 0) + 50 * (cached?.cacheWritePerMillion ?? cached?.inputPerMillion ?? 0)) / 1e6;
    expect(tokenCostUsd("gpt-4o", { input: 1000, output: 100, cacheRead: 10_000, cacheWrite: 500 }, 10, Date.UTC(2026, 10, 3)) ?? NaN).toBeCloseTo(10 * expected, 15);
  });

  test("tokens of a model no price knows: priced by units, and the note says which", () => {
    const r = imported("Timestamp,Model,Input tokens,Credits\n2026-11-03,in-house-llm,1000,4\n2026-11-03,,5,1\n");
    expect(r.records.map((x) => x.costSource)).toEqual(["units", "units"]);
    const note = r.notes.find((n) => n.code === "tokensUnpriced");
    expect(note).toEqual({ code: "tokensUnpriced", rows: 2, models: ["in-house-llm", ""] });
    if (note) expect(importNoteMessage(note)).toBe('2 rows with tokens have no model the token prices know ("in-house-llm" and no model), so their cost is priced by their units under the workbook\'s pricing model. Map the model column, or map a cost column, to price them.');
  });

  test("a negative cost is rejected like negative units", () => {
    expect(imported("Timestamp,Credits,Cost\n2026-11-03,1,-2\n").rejects[0]?.reasons).toEqual([{ code: "negative", header: "Cost", text: "-2" }]);
  });
});

describe("identity that survives re-exports", () => {
  const FIRST = ["Timestamp,Agent,Job,Action,Credits", "2026-11-03T10:00Z,Scout,Research,search,5", "2026-11-03T10:00Z,Scout,Research,search,5", "2026-11-03T11:00Z,Scout,Research,summarise,2"];
  const keysOf = (r: ImportResult): Set<string> => new Set(r.records.map((x) => x.key));

  test("a later export of the same rows with more columns mapped (team, status, cost): nothing new", () => {
    const first = imported(FIRST.join("\n"));
    expect(first.records).toHaveLength(3);
    const again = imported(
      ["Timestamp,Agent,Job,Action,Credits,Team,Status,Cost", "2026-11-03T10:00Z,Scout,Research,search,5,Sales,ok,0.01", "2026-11-03T10:00Z,Scout,Research,search,5,Sales,ok,0.01", "2026-11-03T11:00Z,Scout,Research,summarise,2,Sales,ok,0.02", "2026-11-03T12:00Z,Scout,Research,search,1,Sales,ok,0.01"].join("\n"),
      keysOf(first),
    );
    expect(again.counts).toMatchObject({ read: 4, accepted: 1, duplicates: 3 });
    expect(again.records.map((x) => x.units)).toEqual([1]);
  });

  test("the core fields are the identity: another time, agent, job, action type or units is another action", () => {
    const first = keysOf(imported(FIRST.join("\n")));
    for (const changed of ["2026-11-03T10:01Z,Scout,Research,search,5", "2026-11-03T10:00Z,Closer,Research,search,5", "2026-11-03T10:00Z,Scout,Sales,search,5", "2026-11-03T10:00Z,Scout,Research,draft,5", "2026-11-03T10:00Z,Scout,Research,search,6"])
      expect([changed, imported([FIRST[0], changed].join("\n"), first).counts.accepted]).toEqual([changed, 1]);
  });

  test("with an id, the id: a re-export with other values is the same action; the same id twice in a file is one", () => {
    const first = imported("Request ID,Timestamp,Credits\nreq-1,2026-11-03T10:00Z,5\nreq-2,2026-11-03T10:00Z,5\nreq-2,2026-11-03T10:00Z,5\n");
    expect(first.records.map((x) => x.key)).toEqual(["id:req-1", "id:req-2"]);
    expect(first.counts).toMatchObject({ read: 3, accepted: 2, duplicates: 1 });
    const again = imported("Request ID,Timestamp,Credits,Status\nreq-1,2026-11-03T10:05Z,7,ok\nreq-3,2026-11-03T10:00Z,5,ok\n", keysOf(first));
    expect(again.records.map((x) => x.key)).toEqual(["id:req-3"]);
  });

  test("a ledger imported before (every value hashed) skips the same rows under their old keys", () => {
    const table = tableOf(FIRST.join("\n"));
    const old = importTable(table, proposeMapping(table.headers).mapping);
    if (!old.ok) throw new Error("refused");
    // The first version's keys: FNV-1a of every value (contentOf), then the occurrence.
    const { contentOf } = jest.requireActual<typeof import("../../src/import/importer")>("../../src/import/importer");
    const { fnv1a64 } = jest.requireActual<typeof import("../../src/import/sha256")>("../../src/import/sha256");
    const seen = new Map<string, number>();
    const legacy = old.records.map((x) => {
      const hash = fnv1a64(contentOf(x));
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      return `${hash}-${n}`;
    });
    const again = imported(FIRST.join("\n"), new Set(legacy));
    expect(again.counts).toMatchObject({ accepted: 0, duplicates: 3 });
  });
});

describe("likely duplicates across imports: the same time, job and units from two files", () => {
  const A = ["Timestamp,Agent,Job,Credits", "2026-11-03T10:00Z,Scout,Research,5", "2026-11-03T11:00Z,Scout,Research,2"];
  // Another export of the same actions: no agent column, the action type named; one new row.
  const B = ["Timestamp,Job,Action,Credits", "2026-11-03T10:00Z,research,search,5", "2026-11-03T11:00Z,Research,summarise,2", "2026-11-03T12:00Z,Research,search,9"];

  test("flagged with the earlier import, noted, and counted with where in the Ledger sheet's audit", async () => {
    const run = await importLogs({ examples: true, asOf: "2026-11-23" }, [log("a.csv", A), log("b.csv", B)], { mappings: [], now: NOW });
    if (!run.ok) throw new Error(importRefusalMessage(run.problem));
    const rows = described(run.description, LEDGER_WORKBOOK.ledger.table).rows.filter((r) => r.Import === 2);
    expect(rows.map((r) => [r.Units, r["Likely duplicate of"]])).toEqual([
      [5, 1],
      [2, 1],
      [9, undefined],
    ]);
    expect(run.logs[1]?.notes).toContainEqual({ code: "likelyDuplicates", rows: 2, imports: [1] });
    expect(importNoteMessage({ code: "likelyDuplicates", rows: 2, imports: [1] })).toBe(
      '2 rows added have the same time, job and units as rows of import 1: likely the same actions from another export. They are marked in the Ledger\'s "Likely duplicate of" column and counted in the Ledger sheet\'s audit; delete one import\'s rows if so.',
    );
    const evaluator = workbookEvaluator(run.description);
    const value = (defined: string): unknown => {
      const { sheet, address } = named(run.description, defined);
      return evaluator.cell(sheet, address);
    };
    expect(value("LedgerLikelyDuplicates")).toBe(2);
    expect(value("LedgerLikelyDuplicateWhere")).toBe("Import 2 repeats rows of import 1 (the last at its line 3)");
    // Both files' rows are in (they may be different actions); the stamps still reconcile.
    expect(value("LedgerReconciled")).toBe("Yes");
  });

  test("the holding remembers each match key's first import; a re-export of the same file is not flagged against itself", async () => {
    const run = await importLogs({ examples: false, asOf: "2026-11-23" }, [log("a.csv", A)], { mappings: [], now: NOW });
    if (!run.ok) throw new Error(importRefusalMessage(run.problem));
    const holding = holdingOf(run.description);
    expect([...(holding.matches?.values() ?? [])]).toEqual([1, 1]);
    const again = await loadLog(log("a (2).csv", [...A, "2026-11-03T12:00Z,Scout,Research,1"]));
    if (!("table" in again)) throw new Error("refused");
    const plan = planImport(holding, again, proposeMapping(again.table.headers).mapping, { now: NOW });
    if ("ok" in plan) throw new Error(importRefusalMessage(plan.problem));
    expect(plan.ledger.map((r) => [r.Units, r["Likely duplicate of"]])).toEqual([[1, undefined]]);
    expect(plan.stamp).toMatchObject({ Accepted: 1, "Duplicates skipped": 2, "Ledger rows": 1, "Actions accepted": 1 });
  });
});

describe("a workbook made before the Ledger's Count, Cost and match columns", () => {
  const OLD_LEDGER = LEDGER_COLUMNS.slice(0, LEDGER_COLUMNS.indexOf("Count"));
  const OLD_IMPORTS = IMPORT_COLUMNS.filter((c) => c !== "Ledger rows" && c !== "Actions accepted");

  const oldWorkbook = (): ExcelDouble => {
    const excel = new ExcelDouble(["Notes"], { requestLimit: REQUEST_LIMIT_BYTES });
    for (const part of [LEDGER_WORKBOOK.ledger, LEDGER_WORKBOOK.rejects, LEDGER_WORKBOOK.imports]) excel.model.sheets.push(new SheetModel(part.sheet));
    excel.model.addTable(LEDGER_WORKBOOK.ledger.sheet, "Ledger", "A1", [...OLD_LEDGER], []);
    excel.model.addTable(LEDGER_WORKBOOK.rejects.sheet, "Rejects", "A1", [...LEDGER_WORKBOOK.rejects.columns], []);
    excel.model.addTable(LEDGER_WORKBOOK.imports.sheet, "Imports", "A1", [...OLD_IMPORTS], []);
    return excel;
  };
  const importInto = async (excel: ExcelDouble, lines: readonly string[]): Promise<ImportOutcome> => {
    const loaded = (await loadLog(log("usage.csv", lines))) as LoadedLog;
    return importIntoWorkbook(asContext(excel.context()), loaded, proposeMapping(loaded.table.headers).mapping, { now: NOW });
  };

  test("the columns since counts are the ones appended, in order, after the first version's", () => {
    expect(LEDGER_COLUMNS_SINCE_COUNTS).toEqual(["Count", "Cost", "Cost source", "Model", "Input tokens", "Output tokens", "Cache read tokens", "Cache write tokens", "Match key", "Likely duplicate of", "Bursts", "Single rerun"]);
    expect(OLD_LEDGER).toEqual(["Timestamp", "Agent", "Job", "Action type", "Units", "Status", "Escalated", "Rerun", "Review minutes", "Team", "Import", "Source row", "Key"]);
  });

  test("a log of one action a row priced by units still imports: the new cells are left out", async () => {
    const excel = oldWorkbook();
    const outcome = await importInto(excel, ["Timestamp,Agent,Credits", "2026-11-03T10:00Z,Scout,5"]);
    expect(outcome.ok).toBe(true);
    expect(excel.model.table("Ledger").headers()).toEqual(OLD_LEDGER);
    expect(excel.model.table("Ledger").dataRows).toBe(1);
  });

  test("an aggregated import needs Bursts (its daily rows' times are midnights the old loops would read): refused, nothing written", async () => {
    const excel = oldWorkbook();
    const loaded = (await loadLog(log("usage.csv", ["Timestamp,Agent,Credits,Rerun", "2026-11-03T10:00Z,Scout,5,yes", "2026-11-03T10:01Z,Scout,5,yes"]))) as LoadedLog;
    const outcome = await importIntoWorkbook(asContext(excel.context()), loaded, proposeMapping(loaded.table.headers).mapping, { now: NOW, aggregate: "daily" });
    expect(outcome).toEqual({ ok: false, problem: { code: "missingColumns", table: "Ledger", columns: ["Count", "Bursts"] } });
    // Into a workbook with every column (created by the import here), the daily row carries its Bursts and is no single rerun.
    const fresh = new ExcelDouble(["Notes"], { requestLimit: REQUEST_LIMIT_BYTES });
    const done = await importIntoWorkbook(asContext(fresh.context()), loaded, proposeMapping(loaded.table.headers).mapping, { now: NOW, aggregate: "daily" });
    expect(done.ok).toBe(true);
    const ledger = fresh.model.table("Ledger");
    const headers = ledger.headers();
    expect(ledger.dataRows).toBe(1);
    const cell = (header: string): unknown => ledger.sheet.cellAt(ledger.top + 1, ledger.left + headers.indexOf(header))?.value;
    expect(["Count", "Bursts", "Single rerun", "Units"].map(cell)).toEqual([2, 0, false, 10]);
  });

  test("a log with counts or costs is refused, naming the columns it needs: nothing written", async () => {
    const excel = oldWorkbook();
    const outcome = await importInto(excel, ["Timestamp,Agent,Credits,Count,Cost", "2026-11-03T10:00Z,Scout,5,10,0.5"]);
    expect(outcome).toEqual({ ok: false, problem: { code: "missingColumns", table: "Ledger", columns: ["Count", "Cost", "Cost source"] } });
    if (!outcome.ok)
      expect(importRefusalMessage(outcome.problem)).toBe('The table "Ledger" has no column "Count", "Cost" and "Cost source". Give them their name back and import again; nothing was written.');
    expect(excel.model.table("Ledger").dataRows).toBe(1);
    expect(excel.model.table("Imports").dataRows).toBe(1);
  });
});

test("the new reasons in words", () => {
  expect(rejectReasonMessage({ code: "notACount", header: "Requests", text: "2.5", least: 1 })).toBe('"2.5" in "Requests" is not a count of actions: use a whole number of at least 1.');
  expect(rejectReasonMessage({ code: "notACount", header: "Failed", text: "-1", least: 0 })).toBe('"-1" in "Failed" is not a count of actions: use a whole number, 0 or more.');
  expect(rejectReasonMessage({ code: "statusCounts", count: 10, succeeded: 3, failed: 0, validated: 4 })).toBe(
    "The row counts 4 validated but only 3 succeeded; validated actions are among the succeeded ones. Check which columns are mapped to the counts.",
  );
  expect(rejectReasonMessage({ code: "statusCounts", count: 10, succeeded: 8, failed: 3, validated: 0 })).toBe(
    "The row's 8 succeeded and 3 failed add up to more than its count of 10 actions. Check which columns are mapped to the counts.",
  );
});

// The records carry what the ledger row needs.
test("an imported record is a ledger record with its count, cost source, model and match key", () => {
  const [record] = imported("Timestamp,Credits\n2026-11-03,5\n").records as ImportedRecord[];
  expect(record).toMatchObject({ count: 1, costSource: "units", model: "", matchKey: expect.stringMatching(/^[0-9a-f]{16}$/) });
  expect(record?.costUsd).toBeUndefined();
});

/**
 * Known export shapes (src/import/shapes.ts): each fixture's headers are recognised as its
 * shape with the mapping its columns take, the import of that mapping gives the totals worked
 * by hand beside the fixture, headers of other logs are not taken for a shape, and a shape with
 * extra, reordered or differently spelt columns is still recognised.
 */
import fs from "node:fs";
import path from "node:path";
import { LEDGER_FIELDS, MAPPING_VERSION, importTable, parseMapping, proposeMapping, serialiseMapping, type ColumnMapping, type LedgerField } from "../../src/import";
import { importNoteMessage } from "../../src/messages/import";
import { EXPORT_SHAPES, costScaleOf, recogniseShape, shapeKey, shapeNote } from "../../src/import/shapes";
import { FIXTURES, loadFixture } from "./support";

type Columns = Partial<Record<LedgerField, string>>;

interface Totals {
  readonly shape: string;
  readonly rows: number;
  readonly accepted?: number;
  readonly rejected?: number;
  readonly actions?: number;
  readonly units?: number;
  readonly cost?: number;
  readonly validated?: number;
  readonly succeeded?: number;
  readonly failed?: number;
}

const totalsOf = (name: string): Totals => JSON.parse(fs.readFileSync(path.join(FIXTURES, "shapes", `${name}.totals.json`), "utf8")) as Totals;

/** Each fixture and the mapping its headers must take, written out from the format's column names. */
const EXPECTED: Readonly<Record<string, Columns>> = {
  "litellm-spend-logs": {
    id: "request_id",
    timestamp: "startTime",
    actionType: "call_type",
    cost: "spend",
    model: "model",
    inputTokens: "prompt_tokens",
    outputTokens: "completion_tokens",
    team: "team_id",
    agent: "agent_id",
    status: "status",
  },
  "litellm-daily-team-spend": {
    id: "id",
    timestamp: "date",
    team: "team_id",
    model: "model",
    actionType: "endpoint",
    cost: "spend",
    count: "api_requests",
    succeeded: "successful_requests",
    failed: "failed_requests",
    inputTokens: "prompt_tokens",
    outputTokens: "completion_tokens",
    cacheReadTokens: "cache_read_input_tokens",
    cacheWriteTokens: "cache_creation_input_tokens",
  },
  "litellm-daily-user-spend": {
    id: "id",
    timestamp: "date",
    agent: "user_id",
    model: "model",
    actionType: "endpoint",
    cost: "spend",
    count: "api_requests",
    succeeded: "successful_requests",
    failed: "failed_requests",
    inputTokens: "prompt_tokens",
    outputTokens: "completion_tokens",
    cacheReadTokens: "cache_read_input_tokens",
    cacheWriteTokens: "cache_creation_input_tokens",
  },
  "focus-1.2": { timestamp: "ChargePeriodStart", cost: "EffectiveCost", units: "ConsumedQuantity", job: "ServiceName", agent: "ResourceName", actionType: "SkuMeter", team: "SubAccountName" },
  "openai-usage-completions": {
    timestamp: "start_time",
    count: "num_model_requests",
    inputTokens: "input_tokens",
    outputTokens: "output_tokens",
    model: "model",
    team: "project_id",
    agent: "api_key_id",
  },
  "openai-usage-dashboard": {
    timestamp: "start_time",
    count: "num_model_requests",
    inputTokens: "input_uncached_tokens",
    cacheReadTokens: "input_cached_tokens",
    outputTokens: "output_tokens",
    model: "model",
    team: "project_id",
    agent: "api_key_id",
  },
  "openai-costs": { timestamp: "start_time", cost: "amount_value", actionType: "line_item", team: "project_id", agent: "api_key_id" },
  "anthropic-usage": {
    timestamp: "starting_at",
    inputTokens: "uncached_input_tokens",
    cacheReadTokens: "cache_read_input_tokens",
    cacheWriteTokens: "cache_creation.ephemeral_5m_input_tokens",
    outputTokens: "output_tokens",
    model: "model",
    team: "workspace_id",
    agent: "api_key_id",
  },
  "anthropic-cost": { timestamp: "starting_at", cost: "amount", actionType: "cost_type", job: "description", model: "model", team: "workspace_id" },
  "salesforce-digital-wallet": {
    id: "Id",
    timestamp: "EventTime",
    units: "UnitsConsumed",
    actionType: "UsageTypeDeveloperName",
    job: "FeatureDeveloperName",
    agent: "ResourceIdOrApiName",
    team: "UsageReportingOrgIdentifier",
  },
};
const NAMES = Object.keys(EXPECTED);

const mappingOf = (headers: readonly string[], columns: Columns): ColumnMapping => ({ version: MAPPING_VERSION, columns, delimiter: "auto", decimal: "auto", dateOrder: "auto", headers: [...headers] });

test("every shape has a fixture, and every fixture a shape", () => {
  expect([...NAMES].sort()).toEqual(EXPORT_SHAPES.map((s) => s.key).sort());
  for (const name of NAMES) expect([name, fs.existsSync(path.join(FIXTURES, "shapes", `${name}.csv`))]).toEqual([name, true]);
});

describe.each(NAMES)("%s", (name) => {
  test("its headers are recognised as its shape, with the mapping its columns take", async () => {
    const log = await loadFixture(`shapes/${name}.csv`);
    const found = recogniseShape(log.table.headers);
    expect(found?.shape.key).toBe(name);
    expect(found?.mapping).toEqual(EXPECTED[name]);
  });

  test("importing it with that mapping gives the totals worked by hand", async () => {
    const log = await loadFixture(`shapes/${name}.csv`);
    const found = recogniseShape(log.table.headers);
    if (!found) throw new Error(`${name} not recognised`);
    const totals = totalsOf(name);
    expect(totals.shape).toBe(name);
    const result = importTable(log.table, mappingOf(log.table.headers, found.mapping));
    if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.problem)}`);
    expect(result.counts).toMatchObject({ read: totals.rows, accepted: totals.accepted, rejected: totals.rejected, duplicates: 0 });
    const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
    const actionsWith = (status?: string): number => sum(result.records.filter((r) => status === undefined || r.status === status).map((r) => r.count));
    expect(actionsWith()).toBe(totals.actions);
    expect(actionsWith("validated")).toBe(totals.validated);
    if (totals.succeeded !== undefined) expect(actionsWith("succeeded")).toBe(totals.succeeded);
    if (totals.failed !== undefined) expect(actionsWith("failed")).toBe(totals.failed);
    expect(sum(result.records.map((r) => r.units))).toBe(totals.units);
    const stated = result.records.filter((r) => r.costUsd !== undefined);
    if (found.mapping.cost !== undefined || found.mapping.inputTokens !== undefined) {
      // Each row's own cost: stated, or its tokens priced at the price list's prices.
      expect(stated).toHaveLength(result.records.length);
      expect(sum(stated.map((r) => r.costUsd ?? 0))).toBeCloseTo(totals.cost ?? NaN, 9);
    } else {
      // No cost of its own: its units are priced under the workbook's pricing model (checked in the recalculated file).
      expect(stated).toEqual([]);
    }
  });
});

test("an aggregated LiteLLM day of 9,000 requests, 8,950 succeeded, is 9,000 actions: 8,950 succeeded and 50 failed", async () => {
  const log = await loadFixture("shapes/litellm-daily-team-spend.csv");
  const found = recogniseShape(log.table.headers);
  if (!found) throw new Error("not recognised");
  const result = importTable(log.table, mappingOf(log.table.headers, found.mapping));
  if (!result.ok) throw new Error("refused");
  const day = result.records.filter((r) => r.sourceRow === 2);
  expect(day.map((r) => [r.status, r.count])).toEqual([
    ["succeeded", 8950],
    ["failed", 50],
  ]);
  expect(day.reduce((a, r) => a + (r.costUsd ?? 0), 0)).toBeCloseTo(41.85, 9);
  expect(found.shape.aggregated).toBe(true);
});

test("FOCUS: the cost is EffectiveCost (amortised), never BilledCost", async () => {
  const log = await loadFixture("shapes/focus-1.2.csv");
  const found = recogniseShape(log.table.headers);
  expect(found?.mapping.cost).toBe("EffectiveCost");
  expect(Object.values(found?.mapping ?? {})).not.toContain("BilledCost");
});

describe("headers that are not a known shape", () => {
  test.each(["vendor-export.csv", "team-log.tsv", "minimal.csv", "european.csv", "no-units.csv"])("the generic fixture %s is not recognised", async (name) => {
    const log = await loadFixture(name);
    expect(recogniseShape(log.table.headers)).toBeUndefined();
  });

  test.each([
    ["a generic token log", ["timestamp", "model", "input_tokens", "output_tokens", "cost"]],
    ["a LiteLLM daily table without its failure counts", ["id", "team_id", "date", "api_key", "model", "spend", "api_requests", "successful_requests", "prompt_tokens", "completion_tokens"]],
    ["FOCUS without EffectiveCost", ["ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "ListCost", "ConsumedQuantity", "ConsumedUnit", "ChargeCategory", "ServiceName", "BillingCurrency"]],
    ["an OpenAI bucket without its request count", ["start_time", "end_time", "input_tokens", "output_tokens", "model"]],
    ["no headers", []],
  ] as const)("%s is not recognised", (_what, headers) => {
    expect(recogniseShape(headers)).toBeUndefined();
  });
});

describe("a shape with more, reordered or differently spelt columns", () => {
  test.each(NAMES)("%s with extra columns, in reverse order, is still recognised with the same mapping", async (name) => {
    const log = await loadFixture(`shapes/${name}.csv`);
    const headers = ["x_CostCenter", ...[...log.table.headers].reverse(), "Notes", "Column 42"];
    const found = recogniseShape(headers);
    expect(found?.shape.key).toBe(name);
    expect(found?.mapping).toEqual(EXPECTED[name]);
  });

  test("spelt as another tool writes them (case, spaces, punctuation), the file's own spelling is mapped", () => {
    const found = recogniseShape(["Request ID", "Call Type", "API Key", "Spend", "Start Time", "End Time", "Model", "Prompt Tokens", "Completion Tokens", "Team ID"]);
    expect(found?.shape.key).toBe("litellm-spend-logs");
    expect(found?.mapping).toMatchObject({ id: "Request ID", timestamp: "Start Time", cost: "Spend", team: "Team ID" });
  });

  test("Salesforce fields by API name (std__…__c) or by label are the same shape", () => {
    const api = recogniseShape(["std__Id__c", "std__EventTime__c", "std__UsageTypeDeveloperName__c", "std__UnitsConsumed__c", "std__CardName__c"]);
    expect(api?.shape.key).toBe("salesforce-digital-wallet");
    expect(api?.mapping).toEqual({ id: "std__Id__c", timestamp: "std__EventTime__c", units: "std__UnitsConsumed__c", actionType: "std__UsageTypeDeveloperName__c" });
    const labels = recogniseShape(["Event Time", "Usage Type Developer Name", "Units Consumed", "Card Name"]);
    expect(labels?.mapping).toEqual({ timestamp: "Event Time", units: "Units Consumed", actionType: "Usage Type Developer Name" });
  });

  test("a flattened Costs API response (amount.value, amount.currency) is the OpenAI cost shape", () => {
    const found = recogniseShape(["start_time", "end_time", "object", "amount.value", "amount.currency", "line_item", "project_id"]);
    expect(found?.shape.key).toBe("openai-costs");
    expect(found?.mapping.cost).toBe("amount.value");
  });

  test("the most specific shape wins: the dashboard export over the Usage API it extends", async () => {
    const log = await loadFixture("shapes/openai-usage-dashboard.csv");
    const api = EXPORT_SHAPES.find((s) => s.key === "openai-usage-completions");
    expect(api?.signature.every((h) => log.table.headers.map(shapeKey).includes(shapeKey(h)))).toBe(true);
    expect(recogniseShape(log.table.headers)?.shape.key).toBe("openai-usage-dashboard");
  });
});

test("every shape is well formed: sourced and dated, fields the ledger has, no column mapped twice, something to count or price", () => {
  for (const shape of EXPORT_SHAPES) {
    expect([shape.key, shape.sources.length > 0 && shape.sources.every((s) => /^https:\/\//.test(s.url) && /^\d{4}-\d{2}-\d{2}$/.test(s.read))]).toEqual([shape.key, true]);
    const fields = Object.keys(shape.mapping);
    expect([shape.key, fields.filter((f) => !(LEDGER_FIELDS as readonly string[]).includes(f))]).toEqual([shape.key, []]);
    const headers = Object.values(shape.mapping).map((h) => shapeKey(h ?? ""));
    expect([shape.key, headers.length]).toEqual([shape.key, new Set(headers).size]);
    expect([shape.key, new Set(shape.signature.map(shapeKey)).size]).toEqual([shape.key, shape.signature.length]);
    expect([shape.key, shape.mapping.timestamp !== undefined]).toEqual([shape.key, true]);
    const priced = ["units", "cost", "inputTokens", "outputTokens"].some((f) => f in shape.mapping);
    expect([shape.key, priced]).toEqual([shape.key, true]);
    // A cost scale only with a cost column, and only below a dollar a unit (cents).
    if (shape.costScale !== undefined) expect([shape.key, shape.mapping.cost !== undefined && shape.costScale > 0 && shape.costScale < 1]).toEqual([shape.key, true]);
  }
  expect(new Set(EXPORT_SHAPES.map((s) => s.key)).size).toBe(EXPORT_SHAPES.length);
});

test("the note names the shape when the import's mapping is the shape's, and only then", async () => {
  const log = await loadFixture("shapes/litellm-daily-team-spend.csv");
  const found = recogniseShape(log.table.headers);
  if (!found) throw new Error("not recognised");
  expect(shapeNote(log.table.headers, found.mapping)).toEqual({ code: "shapeRecognised", shape: "litellm-daily-team-spend", name: "LiteLLM daily team spend (LiteLLM_DailyTeamSpend)" });
  // The analyst mapped the team elsewhere: the mapping is theirs, not the shape's.
  expect(shapeNote(log.table.headers, { ...found.mapping, team: "api_key" })).toBeUndefined();
  expect(shapeNote(["timestamp", "credits"], { timestamp: "timestamp", units: "credits" })).toBeUndefined();
});

test.each(NAMES)("%s: the proposed mapping is the shape's, named, every mapped field exact", async (name) => {
  const log = await loadFixture(`shapes/${name}.csv`);
  const proposal = proposeMapping(log.table.headers);
  expect(proposal.shape?.key).toBe(name);
  expect(proposal.mapping.columns).toEqual(EXPECTED[name]);
  expect(Object.values(proposal.confidence).every((c) => c === "exact")).toBe(true);
  expect(proposal.unmapped).toEqual(log.table.headers.filter((h) => !Object.values(EXPECTED[name] ?? {}).includes(h)));
});

describe("a cost column in cents (Anthropic's cost report)", () => {
  test("the shape's amount column is read as cents: the ledger's cost is $17.37, not $1,737, and the import says so", async () => {
    const log = await loadFixture("shapes/anthropic-cost.csv");
    const { mapping } = proposeMapping(log.table.headers);
    expect(costScaleOf(log.table.headers, mapping.columns)).toBe(0.01);
    const result = importTable(log.table, mapping);
    if (!result.ok) throw new Error("refused");
    expect(result.records.map((r) => r.costUsd)).toEqual([6, 1.5, 3.75, 6, 0.12]);
    expect(result.notes).toContainEqual({ code: "costScaled", header: "amount", scale: 0.01 });
    expect(importNoteMessage({ code: "costScaled", header: "amount", scale: 0.01 })).toBe(`"amount" is in cents, as the export states its amounts: each was divided by 100 for the ledger's cost in dollars.`);
  });

  test("the scale follows from the headers and the cost column, not the mapping's storage: another cost column is read as dollars", async () => {
    const log = await loadFixture("shapes/anthropic-cost.csv");
    const { mapping } = proposeMapping(log.table.headers);
    // A saved mapping, read back, scales the same way.
    const saved = parseMapping(serialiseMapping(mapping));
    if (!saved) throw new Error("not read back");
    expect(costScaleOf(log.table.headers, saved.columns)).toBe(0.01);
    // The analyst maps another column (here the context window, a number) as the cost: dollars, and no note.
    const other = { ...mapping, columns: { ...mapping.columns, cost: "context_window" } };
    expect(costScaleOf(log.table.headers, other.columns)).toBeUndefined();
  });

  test("a shape whose cost is in dollars has no scale, and says nothing about it", async () => {
    const log = await loadFixture("shapes/litellm-spend-logs.csv");
    const { mapping } = proposeMapping(log.table.headers);
    expect(costScaleOf(log.table.headers, mapping.columns)).toBeUndefined();
    const result = importTable(log.table, mapping);
    if (!result.ok) throw new Error("refused");
    expect(result.notes.filter((n) => n.code === "costScaled")).toEqual([]);
  });
});

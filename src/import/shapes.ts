/**
 * Known export shapes: vendors' and gateways' usage and cost exports whose column names are
 * public, recognised from a file's headers so the mapping is proposed with no manual work, and
 * with a note naming the shape (`shapeRecognised`, src/messages/import.ts).
 *
 * Each shape is data: where its column names come from (and when they were read), the headers
 * that must all be present (its signature), the ledger field each of its columns feeds, whether
 * a row stands for many actions, and what the mapping cannot say (notes, for the reader of this
 * file; the analyst sees the words in src/messages). Headers are compared as the importer
 * compares them (`headerKey`: case, spaces and punctuation ignored, so `startTime`, `start_time`
 * and "Start Time" agree, and a flattened JSON `amount.value` is `amount_value`), after removing
 * Salesforce's `std__` prefix and `__c` suffix of field API names. Optional columns of a shape
 * are mapped when the file has them. When several shapes fit, the one whose signature names
 * the most headers wins (the most specific); at equal length, the first listed.
 */
import type { ImportNote } from "../messages/import";
import { LEDGER_FIELDS, headerKey, type LedgerField } from "./fields";

export interface ShapeSource {
  /** Where the column names were read: the format's documentation or source. */
  readonly url: string;
  /** The day it was read (ISO date). */
  readonly read: string;
  /** What the page is, and how sure the names are. */
  readonly what: string;
}

export interface ExportShape {
  /** Stable identifier: `litellm-spend-logs`. */
  readonly key: string;
  /** The name the note shows: "LiteLLM spend log (LiteLLM_SpendLogs)". */
  readonly name: string;
  readonly sources: readonly ShapeSource[];
  /** Headers that must all be present, as the export writes them (compared after headerKey). */
  readonly signature: readonly string[];
  /** Ledger field → the export's header (compared after headerKey; mapped only when the file has it). */
  readonly mapping: Readonly<Partial<Record<LedgerField, string>>>;
  /** Dollars per unit of the export's cost column when it is not in dollars (0.01: cents). */
  readonly costScale?: number;
  /** True when a row stands for many actions (a day's or a bucket's totals). */
  readonly aggregated: boolean;
  /** What the mapping cannot say: units, identity, rows to filter out, columns deliberately not mapped. */
  readonly notes: string;
}

const READ = "2026-11-30";
const LITELLM_SCHEMA = "https://github.com/BerriAI/litellm/blob/029f645f1c81cbd6c6c48fbc8490d91da937066f/schema.prisma";
const FOCUS_12 = [
  {
    url: "https://learn.microsoft.com/azure/cost-management-billing/dataset-schema/cost-usage-details-focus",
    read: READ,
    what: "Microsoft's FOCUS 1.2-preview cost and usage file: the column list in FOCUS order (FOCUS spec: https://focus.finops.org/focus-specification/v1-2/)",
  },
  { url: "https://microsoft.github.io/finops-toolkit/focus/metadata", read: READ, what: "FocusCost dataset metadata: column names, types and descriptions" },
] as const;

/** Daily LiteLLM tables (LiteLLM_DailyTeamSpend, LiteLLM_DailyUserSpend): the same columns after the owner's id. */
const litellmDaily = (owner: "team_id" | "user_id", field: "team" | "agent"): Pick<ExportShape, "signature" | "mapping"> => ({
  signature: [owner, "date", "api_key", "spend", "api_requests", "successful_requests", "failed_requests", "prompt_tokens", "completion_tokens"],
  mapping: {
    id: "id",
    timestamp: "date",
    [field]: owner,
    model: "model",
    // Present from LiteLLM's MCP and endpoint tracking on; mapped when the export has it.
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
});

export const EXPORT_SHAPES: readonly ExportShape[] = [
  {
    key: "litellm-spend-logs",
    name: "LiteLLM spend log (LiteLLM_SpendLogs)",
    sources: [{ url: LITELLM_SCHEMA, read: READ, what: "LiteLLM proxy's Prisma schema, model LiteLLM_SpendLogs: the table's columns as written" }],
    signature: ["request_id", "call_type", "api_key", "spend", "startTime", "endTime", "model", "prompt_tokens", "completion_tokens"],
    mapping: {
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
    aggregated: false,
    notes:
      "One row a request; request_id is its identity, so a later export of the same requests adds nothing. spend is USD as LiteLLM priced it, so the rate card does not reprice the tokens. status (success/failure, newer versions) reads as succeeded/failed; without it a row is attempted. No credits column: units are 0 and cost comes from spend. Cache tokens are inside metadata (JSON) here, not columns; prompt_tokens already counts them for most providers.",
  },
  {
    key: "litellm-daily-team-spend",
    name: "LiteLLM daily team spend (LiteLLM_DailyTeamSpend)",
    sources: [{ url: LITELLM_SCHEMA, read: READ, what: "LiteLLM proxy's Prisma schema, model LiteLLM_DailyTeamSpend" }],
    ...litellmDaily("team_id", "team"),
    aggregated: true,
    notes:
      "One row a (team, date, key, model, provider, tool, endpoint) with its day's totals: api_requests actions, of which successful_requests succeeded and failed_requests failed (the rest stay attempted). LiteLLM updates a day's row in place while the day runs: the row's identity is its id with its figures, so a later export of a day with other counts is asked about (replace the earlier row, or keep both), and the same counts again are skipped. model_group and custom_llm_provider are not mapped (the model column names the model priced).",
  },
  {
    key: "litellm-daily-user-spend",
    name: "LiteLLM daily user spend (LiteLLM_DailyUserSpend)",
    sources: [{ url: LITELLM_SCHEMA, read: READ, what: "LiteLLM proxy's Prisma schema, model LiteLLM_DailyUserSpend" }],
    ...litellmDaily("user_id", "agent"),
    aggregated: true,
    notes:
      "As the team table, per LiteLLM user (a person or a service account) instead of team: the user stands in the agent column, and the team is left blank for the analyst to map. A day exported again with other counts is asked about, as there.",
  },
  {
    key: "focus-1.2",
    name: "FOCUS 1.2 cost and usage",
    sources: FOCUS_12,
    signature: ["ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "ListCost", "ConsumedQuantity", "ConsumedUnit", "ChargeCategory", "ServiceName", "BillingCurrency"],
    mapping: {
      timestamp: "ChargePeriodStart",
      cost: "EffectiveCost",
      units: "ConsumedQuantity",
      job: "ServiceName",
      agent: "ResourceName",
      // SkuMeter exists from FOCUS 1.1 on (what the SKU meters: "Input Tokens", "Requests"); mapped when present.
      actionType: "SkuMeter",
      team: "SubAccountName",
    },
    aggregated: true,
    notes:
      "Cost is EffectiveCost (amortised: commitments spread over the usage they cover), the FinOps unit-economics convention, not BilledCost. Units are ConsumedQuantity in ConsumedUnit (tokens, requests, hours: whatever the SKU meters). Time is the charge period's start (ChargePeriodEnd is exclusive). Team is SubAccountName; a team kept in Tags (a JSON object) needs its own column, e.g. x_Team, mapped by hand. FOCUS has no row id: identity is the core fields. Import ChargeCategory = Usage rows in USD (BillingCurrency): Credit rows are negative and Purchase/Tax rows have no ConsumedQuantity, so such rows are rejected with their reason, never summed as usage.",
  },
  {
    key: "openai-usage-completions",
    name: "OpenAI usage, completions (Usage API)",
    sources: [
      { url: "https://platform.openai.com/docs/api-reference/usage/completions_object", read: READ, what: "OpenAI API reference, Usage API completions object (bucket start_time/end_time, results), as OpenAI's OpenAPI spec 2.3.0 generates it" },
      { url: "https://cookbook.openai.com/examples/completions_usage_api", read: READ, what: "OpenAI Cookbook: the Usage and Costs APIs flattened to a table, one row a bucket's result" },
    ],
    signature: ["start_time", "end_time", "num_model_requests", "input_tokens", "output_tokens"],
    mapping: {
      timestamp: "start_time",
      count: "num_model_requests",
      inputTokens: "input_tokens",
      outputTokens: "output_tokens",
      model: "model",
      team: "project_id",
      agent: "api_key_id",
    },
    aggregated: true,
    notes:
      "One row a time bucket (1m, 1h or 1d, start_time in Unix seconds) and its group_by (project_id, user_id, api_key_id, model, batch). input_tokens includes the cached ones, so input_cached_tokens is deliberately not mapped: it would be priced twice. The cached tokens are then priced at the full input price, an upper bound; the dashboard export's input_uncached_tokens avoids that (openai-usage-dashboard). No outcome: rows are attempted. batch=true rows are billed at the batch discount the rate card does not know.",
  },
  {
    key: "openai-usage-dashboard",
    name: "OpenAI usage, completions (dashboard export)",
    sources: [
      { url: "https://help.openai.com/en/articles/8554956-understanding-your-api-usage", read: READ, what: "OpenAI Help: the usage dashboard's Export button (Cost or Activity, up to 60 days, UTC); it does not list the columns" },
      {
        url: "https://platform.openai.com/docs/api-reference/usage/completions_object",
        read: READ,
        what: "UNCERTAIN: the export's extra columns start_time_iso, end_time_iso and input_uncached_tokens were read from a public analysis of a real completions_usage_*.csv, not from OpenAI's documentation; the rest are the Usage API's",
      },
    ],
    signature: ["start_time", "end_time", "start_time_iso", "num_model_requests", "input_tokens", "input_cached_tokens", "input_uncached_tokens", "output_tokens"],
    mapping: {
      timestamp: "start_time",
      count: "num_model_requests",
      inputTokens: "input_uncached_tokens",
      cacheReadTokens: "input_cached_tokens",
      outputTokens: "output_tokens",
      model: "model",
      team: "project_id",
      agent: "api_key_id",
    },
    aggregated: true,
    notes:
      "As the Usage API's rows, with input_uncached_tokens (input_tokens − input_cached_tokens): the uncached input is priced at the input price and the cached at the cache-read price, each token once.",
  },
  {
    key: "openai-costs",
    name: "OpenAI costs (Costs API or dashboard cost export)",
    sources: [
      { url: "https://platform.openai.com/docs/api-reference/usage/costs_object", read: READ, what: "OpenAI API reference, Costs object: amount {value, currency}, line_item, project_id (OpenAPI spec 2.3.0)" },
      {
        url: "https://help.openai.com/en/articles/8554956-understanding-your-api-usage",
        read: READ,
        what: "UNCERTAIN: the dashboard cost CSV's columns (start_time, end_time, start_time_iso, end_time_iso, amount_value, amount_currency, quantity, quantity_unit, line_item, user_id, api_key_id, project_id, organization_id, project_name, organization_name, user_email, api_source) were read from a public test fixture of a real export, not from OpenAI's documentation",
      },
    ],
    signature: ["start_time", "end_time", "amount_value", "amount_currency", "line_item"],
    mapping: {
      timestamp: "start_time",
      cost: "amount_value",
      actionType: "line_item",
      team: "project_id",
      agent: "api_key_id",
    },
    aggregated: true,
    notes:
      "One row a day's cost by line item (\"gpt-4o, input\") and project. amount_value is in amount_currency, lowercase \"usd\". The export counts no requests, so each row counts as one action: for actions and outcomes import the usage export, and do not import both for the same period, or the cost is counted twice. A flattened API response (amount.value, amount.currency) has the same headers after normalisation.",
  },
  {
    key: "anthropic-usage",
    name: "Anthropic usage report (Admin API, messages)",
    sources: [
      {
        url: "https://platform.claude.com/docs/en/api/admin-api/usage-cost/get-messages-usage-report",
        read: READ,
        what: "Anthropic API reference, Get Messages Usage Report: starting_at, ending_at, results[] with api_key_id, workspace_id, model, service_tier, context_window, uncached_input_tokens, cache_read_input_tokens, cache_creation {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}, output_tokens, server_tool_use; flattened as pandas json_normalize writes nested keys (cache_creation.ephemeral_5m_input_tokens)",
      },
    ],
    signature: ["starting_at", "ending_at", "uncached_input_tokens", "cache_read_input_tokens", "output_tokens"],
    mapping: {
      timestamp: "starting_at",
      inputTokens: "uncached_input_tokens",
      cacheReadTokens: "cache_read_input_tokens",
      cacheWriteTokens: "cache_creation.ephemeral_5m_input_tokens",
      outputTokens: "output_tokens",
      model: "model",
      team: "workspace_id",
      agent: "api_key_id",
    },
    aggregated: true,
    notes:
      "One row a time bucket (1m, 1h, 1d) and its group_by. The report counts tokens, not requests: each row counts as one action. The ledger has one cache-write column: the 5-minute writes (the default) are mapped; 1-hour writes (cache_creation.ephemeral_1h_input_tokens, priced higher) are not, so map them by hand where they matter. server_tool_use (web searches) is not priced here. With no request count, a row is priced as one request of all its input tokens: a model with a long-context tier (priced by one request's input) is priced at that tier.",
  },
  {
    key: "anthropic-cost",
    name: "Anthropic cost report (Admin API)",
    sources: [
      {
        url: "https://platform.claude.com/docs/en/api/admin/cost_report",
        read: READ,
        what: "Anthropic API reference, Cost Report: starting_at, ending_at, results[] with amount, currency, cost_type, description, model, token_type, workspace_id, service_tier, context_window, inference_geo",
      },
    ],
    signature: ["starting_at", "ending_at", "amount", "currency", "cost_type"],
    mapping: {
      timestamp: "starting_at",
      cost: "amount",
      actionType: "cost_type",
      job: "description",
      model: "model",
      team: "workspace_id",
    },
    aggregated: true,
    notes:
      "amount is in the currency's lowest unit as a decimal string (\"123.45\" USD is $1.23): read with a cost scale of 0.01 while it is the mapped cost column (costScaleOf), so the ledger's cost is in dollars (the import says so in a note). The report counts no requests: each row counts as one action, so import the usage report for actions and tokens, and not both for the same period, or the cost is counted twice. currency is USD for API usage; a row in another currency would be read as dollars.",
    costScale: 0.01,
  },
  {
    key: "salesforce-digital-wallet",
    name: "Salesforce Digital Wallet consumption (Tenant Consumption Insights)",
    sources: [
      {
        url: "https://developer.salesforce.com/docs/data/data-cloud-dmo-mapping/guide/c360dm-si-tenantconsumptioninsightsdmo-dmo.html",
        read: READ,
        what: "Tenant Consumption Insights DMO (fields as the TenantEnrichedUsageEvent DLO): EventTime, UsageTypeDeveloperName, FeatureDeveloperName, UnitsConsumed, UsageValue, Unit, CardName, EntitlementOrgIdentifier, UsageReportingOrgIdentifier, ResourceIdOrApiName, ResourceType, UserIdentifier, Id …",
      },
      {
        url: "https://help.salesforce.com/s/articleView?id=xcloud.wallet_consumption_analytics_overview_tab.htm&language=en_US&type=5",
        read: READ,
        what: "UNCERTAIN: Digital Wallet documents no CSV export's columns. Consumption reporting is built on the TenantEnrichedUsageEvent DLO (labels: Units Consumed, Usage Type Developer Name, Card Name, Entitlement Org ID); the names here are that object's fields, as a Data Explorer or report export writes them (API name, std__…__c, or label)",
      },
    ],
    signature: ["EventTime", "UsageTypeDeveloperName", "UnitsConsumed"],
    mapping: {
      id: "Id",
      timestamp: "EventTime",
      units: "UnitsConsumed",
      actionType: "UsageTypeDeveloperName",
      job: "FeatureDeveloperName",
      agent: "ResourceIdOrApiName",
      team: "UsageReportingOrgIdentifier",
    },
    aggregated: false,
    notes:
      "One row a usage event. UnitsConsumed is the entitlement drawn down: Flex Credits for an Agentforce card (20 credits an action), GB or profiles for other cards, so export one card (CardName) at a time. UsageValue (the raw usage before the multiplier) is not mapped to the count: it is not a whole number of actions for every usage type. The org that used the credits (UsageReportingOrgIdentifier) stands in the team column.",
  },
];

/** A header as shapes compare it: Salesforce's std__ prefix and __c suffix removed, then headerKey. */
export const shapeKey = (header: string): string => headerKey(header.trim().replace(/^std__/i, "").replace(/__c$/i, ""));

/**
 * The known shape a file's headers are (every signature header present), with the mapping its
 * headers take: each field of the shape's mapping whose column the file has, named as the file
 * names it. The most specific shape wins (the longest signature; at equal length, the first).
 */
export function recogniseShape(headers: readonly string[]): { shape: ExportShape; mapping: Readonly<Partial<Record<LedgerField, string>>> } | undefined {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = shapeKey(header);
    if (key !== "" && !byKey.has(key)) byKey.set(key, header);
  }
  let best: ExportShape | undefined;
  for (const shape of EXPORT_SHAPES) {
    if (!shape.signature.every((h) => byKey.has(shapeKey(h)))) continue;
    if (!best || shape.signature.length > best.signature.length) best = shape;
  }
  if (!best) return undefined;
  const mapping: Partial<Record<LedgerField, string>> = {};
  for (const field of LEDGER_FIELDS) {
    const wanted = best.mapping[field];
    const header = wanted === undefined ? undefined : byKey.get(shapeKey(wanted));
    if (header !== undefined) mapping[field] = header;
  }
  return { shape: best, mapping };
}

/**
 * The note an import leaves when its mapping is the one a known shape proposes for these
 * headers (`shapeRecognised`, naming the shape); none when the file is no known shape or the
 * analyst mapped it otherwise.
 */
export function shapeNote(headers: readonly string[], columns: Readonly<Partial<Record<LedgerField, string>>>): ImportNote | undefined {
  const found = recogniseShape(headers);
  if (!found || !LEDGER_FIELDS.every((field) => found.mapping[field] === columns[field])) return undefined;
  return { code: "shapeRecognised", shape: found.shape.key, name: found.shape.name };
}

/**
 * Dollars per unit of the cost column when it is a known shape's cost column in cents (0.01:
 * Anthropic's cost report); undefined when the cost is in dollars. Derived from the headers and
 * the mapping, never stored: mapping another column as the cost reads it as dollars.
 */
export function costScaleOf(headers: readonly string[], columns: Readonly<Partial<Record<LedgerField, string>>>): number | undefined {
  const found = recogniseShape(headers);
  return found?.shape.costScale !== undefined && columns.cost !== undefined && found.mapping.cost === columns.cost ? found.shape.costScale : undefined;
}

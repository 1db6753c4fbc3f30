/**
 * The ledger record's fields as the column mapping sees them: which a file must have,
 * what the others default to, and the header names that suggest each one.
 *
 * Required: timestamp (the wallet's daily consumption needs it) and units (the whole
 * point). Everything else is optional: agent, job, action type and team default to blank;
 * status to "attempted" (the log does not say the work succeeded, so it is not counted as
 * if it did); escalated and rerun to false; review minutes to 0.
 *
 * From vendors' and gateways' exports, also optional: the vendor's id of the request or
 * action (the row's identity when mapped), the count of actions an aggregated row stands for
 * (1), its cost in USD as billed or amortised, the model and its tokens (input, output, cache
 * read and write), and for an aggregated row the counts of its actions that succeeded,
 * failed or were validated (importer.ts splits such a row into one ledger row per status).
 */
import type { OutcomeStatus } from "../engine/ledger-types";

export const LEDGER_FIELDS = [
  "timestamp",
  "agent",
  "job",
  "actionType",
  "units",
  "status",
  "escalated",
  "rerun",
  "reviewMinutes",
  "team",
  "id",
  "count",
  "cost",
  "model",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "succeeded",
  "failed",
  "validated",
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export type FieldKind = "timestamp" | "text" | "number" | "status" | "boolean" | "count";

/** The fields that count actions: whole numbers, 0 or more (the row's count at least 1). */
export const COUNT_FIELDS = ["count", "succeeded", "failed", "validated"] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** The fields that count tokens. */
export const TOKEN_FIELDS = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Header names that suggest this field, compared after `headerKey` (case, spaces and punctuation ignored). */
  readonly aliases: readonly string[];
}

/** The default of an optional field, when its column is not mapped or its cell is blank. */
export const FIELD_DEFAULTS = {
  agent: "",
  job: "",
  actionType: "",
  status: "attempted" as OutcomeStatus,
  escalated: false,
  rerun: false,
  reviewMinutes: 0,
  team: "",
  id: "",
  count: 1,
  model: "",
} as const;

export const FIELD_SPECS: Readonly<Record<LedgerField, FieldSpec>> = {
  timestamp: {
    kind: "timestamp",
    required: true,
    aliases: ["timestamp", "time stamp", "ts", "datetime", "date time", "date", "time", "created at", "created", "started at", "start time", "event time", "occurred at", "logged at", "executed at", "run at", "usage date", "consumption date", "when"],
  },
  agent: { kind: "text", required: false, aliases: ["agent", "agent name", "agent id", "bot", "bot name", "assistant", "copilot", "worker", "agent label"] },
  job: { kind: "text", required: false, aliases: ["job", "job name", "job id", "workflow", "workflow name", "flow", "flow name", "process", "use case", "topic", "pipeline", "job or workflow"] },
  actionType: {
    kind: "text",
    required: false,
    aliases: ["action type", "action", "action name", "action kind", "operation", "event type", "step", "tool", "activity", "type", "task type"],
  },
  units: {
    kind: "number",
    required: true,
    aliases: [
      "units",
      "unit",
      "credits",
      "credit",
      "credits consumed",
      "credits used",
      "consumed credits",
      "flex credits",
      "flex credits consumed",
      "billable units",
      "units consumed",
      "usage",
      "usage units",
      "consumption",
      "quantity",
      "awu",
      "awus",
      "agentic work units",
    ],
  },
  status: { kind: "status", required: false, aliases: ["status", "outcome", "outcome status", "result", "state", "disposition", "resolution"] },
  escalated: { kind: "boolean", required: false, aliases: ["escalated", "escalation", "escalated to human", "escalated to a human", "human handoff", "handoff", "handed off", "transferred", "is escalated"] },
  rerun: { kind: "boolean", required: false, aliases: ["rerun", "re run", "is rerun", "retry", "is retry", "retried", "repeat", "rerun of earlier action"] },
  reviewMinutes: {
    kind: "number",
    required: false,
    aliases: ["review minutes", "human review minutes", "review time", "review mins", "review min", "minutes reviewed", "review time minutes", "review duration minutes", "human minutes", "hitl minutes"],
  },
  team: { kind: "text", required: false, aliases: ["team", "team name", "department", "cost center", "cost centre", "business unit", "group", "owner team", "charged to"] },
  id: {
    kind: "text",
    required: false,
    aliases: ["id", "request id", "requestid", "action id", "call id", "event id", "log id", "run id", "execution id", "transaction id", "usage id", "record id", "interaction id", "generation id", "message id", "uuid"],
  },
  count: {
    kind: "count",
    required: false,
    aliases: ["count", "requests", "request count", "api requests", "total requests", "num requests", "number of requests", "actions", "action count", "number of actions", "calls", "call count", "api calls", "executions", "invocations", "num model requests", "events", "event count"],
  },
  cost: {
    kind: "number",
    required: false,
    aliases: ["cost", "spend", "cost usd", "usd", "cost in usd", "amount", "amount usd", "total cost", "billed cost", "effective cost", "charge", "charges", "response cost", "total spend", "spend usd"],
  },
  model: { kind: "text", required: false, aliases: ["model", "model name", "model id", "llm", "deployment", "model group", "base model"] },
  inputTokens: {
    kind: "number",
    required: false,
    aliases: ["input tokens", "prompt tokens", "tokens in", "input token count", "prompt token count", "uncached input tokens", "n context tokens total", "input"],
  },
  outputTokens: { kind: "number", required: false, aliases: ["output tokens", "completion tokens", "tokens out", "output token count", "completion token count", "generated tokens", "n generated tokens total", "output"] },
  cacheReadTokens: {
    kind: "number",
    required: false,
    aliases: ["cache read tokens", "cache read input tokens", "cached tokens", "cached input tokens", "input cached tokens", "cache hit tokens", "cache read"],
  },
  cacheWriteTokens: {
    kind: "number",
    required: false,
    aliases: ["cache write tokens", "cache creation input tokens", "cache creation tokens", "cache write input tokens", "cache creation", "cache write"],
  },
  succeeded: { kind: "count", required: false, aliases: ["succeeded", "successful", "successes", "successful requests", "success count", "succeeded count", "successful actions", "succeeded actions", "completed count"] },
  failed: { kind: "count", required: false, aliases: ["failed", "failures", "failed requests", "failure count", "failed count", "failed actions", "errors", "error count"] },
  validated: { kind: "count", required: false, aliases: ["validated", "validated count", "validated actions", "accepted", "accepted count", "accepted actions", "approved", "approved count", "verified count"] },
};

/**
 * Required fields a mapping leaves unmapped: the timestamp, and the units unless the cost or a
 * token count is mapped (a token or spend log has no credits: its units are then 0).
 */
export function unmappedRequired(columns: Readonly<Partial<Record<LedgerField, string>>>): LedgerField[] {
  const quantity = columns.cost !== undefined || TOKEN_FIELDS.some((f) => columns[f] !== undefined);
  return LEDGER_FIELDS.filter((f) => FIELD_SPECS[f].required && columns[f] === undefined && !(f === "units" && quantity));
}

/** A header compared without case, spacing or punctuation: "Credits Consumed", "credits_consumed" → "creditsconsumed". */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

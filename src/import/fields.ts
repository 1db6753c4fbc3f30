/**
 * The ledger record's fields as the column mapping sees them: which a file must have,
 * what the others default to, and the header names that suggest each one.
 *
 * Required: timestamp (the wallet's daily consumption needs it) and units (the whole
 * point). Everything else is optional: agent, job, action type and team default to blank;
 * status to "attempted" (the log does not say the work succeeded, so it is not counted as
 * if it did); escalated and rerun to false; review minutes to 0.
 */
import type { OutcomeStatus } from "../engine/ledger-types";

export const LEDGER_FIELDS = ["timestamp", "agent", "job", "actionType", "units", "status", "escalated", "rerun", "reviewMinutes", "team"] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export type FieldKind = "timestamp" | "text" | "number" | "status" | "boolean";

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
};

/** A header compared without case, spacing or punctuation: "Credits Consumed", "credits_consumed" → "creditsconsumed". */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

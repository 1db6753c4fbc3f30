/**
 * Ledgers for the Wallet and Ledger sheet tests: usage rows as the importer writes them into
 * the template's Ledger table, the same rows as the engine reads them, and the template with
 * them in place (a period allocation, team budgets and the import's stamp to match).
 */
import type { LedgerFigures, LedgerRecord, OutcomeStatus } from "../../src/engine";
import { valueCell } from "../../src/template/model/layout";
import type { TableRow, TemplateDescription } from "../../src/template/model/description";
import { TABLES, describeTemplate } from "../../src/template/sheets/template";
import { withTableRows } from "./office-fixture";

export const NOV1 = 46327; // 2026-11-01, the example period's first day
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** The description with a named input set to a value. */
export function withInput(description: TemplateDescription, name: string, value: number | string): TemplateDescription {
  let found = false;
  const sheets = description.sheets.map((sheet) => ({
    ...sheet,
    blocks: sheet.blocks.map((block) => {
      if (block.kind !== "cells") return block;
      return {
        ...block,
        cells: block.cells.map((c) => {
          if (c.name !== name) return c;
          found = true;
          return { ...c, value: { input: value } };
        }),
      };
    }),
  }));
  if (!found) throw new Error(`no input ${name}`);
  return { ...description, sheets };
}

export interface Action {
  readonly serial: number;
  readonly job: string;
  readonly units: number;
  readonly rerun?: boolean;
  readonly team?: string;
  readonly agent?: string;
  readonly status?: OutcomeStatus;
}

/** Ledger table rows as the importer writes them (import 1). */
export const ledgerRows = (actions: readonly Action[]): TableRow[] =>
  actions.map((a, i) => ({
    Timestamp: a.serial,
    Agent: a.agent ?? "Agent",
    Job: a.job,
    "Action type": "Act",
    Units: a.units,
    Status: a.status ?? "validated",
    Escalated: false,
    Rerun: a.rerun ?? false,
    "Review minutes": 0,
    Team: a.team ?? "Sales",
    Import: 1,
    "Source row": i + 2,
    Key: `k${i}`,
  }));

/** The same rows as the engine reads them. */
export const recordsOf = (rows: readonly TableRow[]): LedgerRecord[] =>
  rows.map((r) => ({
    sourceRow: r["Source row"] as number,
    timestampMs: Math.round(((r.Timestamp as number) - UNIX_EPOCH_SERIAL) * MS_PER_DAY),
    agent: r.Agent as string,
    job: r.Job as string,
    actionType: r["Action type"] as string,
    units: r.Units as number,
    status: r.Status as OutcomeStatus,
    escalated: r.Escalated as boolean,
    rerun: r.Rerun as boolean,
    reviewMinutes: r["Review minutes"] as number,
    team: r.Team as string,
    key: r.Key as string,
  }));

/** The template with these ledger rows (examples otherwise), a period allocation and team budgets. */
export function scenario(actions: readonly Action[], allocation: number, budgets: readonly [string, number][]): TemplateDescription {
  let d = describeTemplate({ examples: true, asOf: "2026-11-23" });
  d = withTableRows(d, TABLES.ledger, () => ledgerRows(actions));
  d = withTableRows(d, TABLES.teams, () => budgets.map(([Team, budget]) => ({ Example: "", Team, "Budget (credits)": budget })));
  d = withTableRows(d, TABLES.imports, () => [importStamp(actions.length, actions.reduce((s, a) => s + a.units, 0))]);
  return withInput(d, "WalletPeriodAllocation", allocation);
}

export const importStamp = (accepted: number, units: number): TableRow => ({
  Import: 1,
  "Imported at": NOV1 + 20,
  File: "usage.csv",
  Format: "csv",
  "Rows read": accepted,
  Accepted: accepted,
  Rejected: 0,
  "Duplicates skipped": 0,
  "Blank lines": 0,
  "Units accepted": units,
  "SHA-256": "0".repeat(64),
  Mapping: "{}",
});

/** Every day from `from` to `to` (days of the period, 1 = its first), each day's actions. */
export const days = (from: number, to: number, perDay: (day: number) => Action[]): Action[] => Array.from({ length: to - from + 1 }, (_, i) => perDay(from + i)).flat();

/** A step change: 50 credits a day for 14 days, then 200 a day to day 20 (spikes on days 15–18). */
export const stepChange = (): TemplateDescription =>
  scenario(
    days(1, 20, (d) => [{ serial: NOV1 + d - 1 + 0.25, job: "Research", units: d >= 15 ? 200 : 50 }]),
    10000,
    [["Sales", 6000]],
  );

/** Where a defined name's cell is. */
export function named(description: TemplateDescription, name: string): { sheet: string; address: string } {
  for (const sheet of description.sheets)
    for (const block of sheet.blocks)
      if (block.kind === "cells") {
        const index = block.cells.findIndex((c) => c.name === name);
        if (index >= 0) return { sheet: sheet.name, address: valueCell(block, index) };
      }
  throw new Error(`no name ${name}`);
}

/** A summary row's figures by the sheet's column headers, as the engine's summariseLedger has them: counts, then ratios and money (undefined: blank). */
export function figuresByHeader(f: LedgerFigures): { counts: [string, number][]; ratios: [string, number | undefined][] } {
  return {
    counts: [
      ["Actions attempted", f.actions],
      ["Actions succeeded", f.actionsSucceeded],
      ["Actions validated", f.actionsValidated],
      ["Units attempted", f.unitsAttempted],
      ["Units validated", f.unitsValidated],
      ["Units rerun", f.unitsRerun],
    ],
    ratios: [
      ["Acceptance rate", f.acceptanceRate],
      ["Rerun inflation", f.rerunInflation],
      ["Escalation rate", f.escalationRate],
      ["Review hours", f.reviewHours],
      ["Cost", f.costUsd],
      ["Cost per validated outcome", f.costPerValidatedOutcomeUsd],
      ["Accepted units per dollar", f.acceptedUnitsPerUsd],
    ],
  };
}

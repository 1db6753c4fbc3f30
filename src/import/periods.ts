/**
 * A period exported again (issue 11: re-exports never double count): a vendor's daily rows
 * exported while a day ran and again once it was over are other rows for the same periods
 * (ImportPlan.periods). The analyst chooses (PeriodSetting): replace the earlier rows, each
 * reversed by a row of its negative figures (the ledger stays append-only, as a journal does), or
 * keep both, flagged. Pure: the pane reads the earlier rows (readPeriodRows), the headless command
 * takes them from the rows imported so far.
 */
import { exactSum } from "../engine/ledger";
import type { ImportNote } from "../messages/import";
import { DAILY_KEY_PREFIX } from "./aggregate";
import { PERIOD_PREFIX, REVERSAL_PREFIX, type ImportRefused } from "./importer";
import type { ImportPlan, LedgerCell, LedgerRow } from "./plan";

/** A Ledger row as read back (by header): what a period's replacement reverses. */
export type HeldLedgerRow = Readonly<Record<string, LedgerCell | null | undefined>>;

/** What replacing the repeated periods would do: the reversal rows, and the earlier imports and periods they touch. */
export interface Replacement {
  readonly reversals: readonly LedgerRow[];
  readonly imports: readonly number[];
  readonly periods: number;
}

/** A Ledger row's number cell, blank or text read as none. */
const numberIn = (cell: LedgerCell | null | undefined): number | undefined => (typeof cell === "number" && Number.isFinite(cell) ? cell : undefined);

/**
 * Replacing the periods a later export repeats: each earlier row of a repeated period that the
 * new file does not have (by key) is reversed by a row of the same time, names, status and
 * flags whose Count, Units, Cost, Review minutes and tokens are the negatives of its own. The
 * ledger stays append-only, as an accountant's journal does, and every sum over it (actions,
 * units, cost, acceptance, the Wallet's days) becomes the later export's. `held` are the earlier
 * rows of the repeated periods as read; `heldKeys` every key the ledger holds (a row already
 * reversed, whose "rev:" key is there, is not reversed twice; daily rows aggregated on import
 * and reversals are never reversed).
 */
export function replacementOf(plan: ImportPlan, held: readonly HeldLedgerRow[], heldKeys: ReadonlySet<string>): Replacement {
  const byPeriod = new Map(plan.periods.map((p) => [p.matchKey, { line: p.line, keys: new Set(p.keys) }]));
  const reversals: LedgerRow[] = [];
  const imports = new Set<number>();
  const periods = new Set<string>();
  for (const row of held) {
    const key = String(row.Key ?? "");
    const period = byPeriod.get(String(row["Match key"] ?? ""));
    if (!period || key === "" || period.keys.has(key) || key.startsWith(REVERSAL_PREFIX) || key.startsWith(DAILY_KEY_PREFIX) || heldKeys.has(`${REVERSAL_PREFIX}${key}`)) continue;
    const negative = (column: string): number | undefined => {
      const value = numberIn(row[column]);
      // 0 stays 0 (not −0, which a cell would show as 0 but a comparison could trip on).
      return value === undefined ? undefined : value === 0 ? 0 : -value;
    };
    const tokens = (["Input tokens", "Output tokens", "Cache read tokens", "Cache write tokens"] as const).map((column) => [column, negative(column)] as const);
    const cost = negative("Cost");
    reversals.push({
      Timestamp: numberIn(row.Timestamp) ?? 0,
      Agent: String(row.Agent ?? ""),
      Job: String(row.Job ?? ""),
      "Action type": String(row["Action type"] ?? ""),
      Units: negative("Units") ?? 0,
      Status: String(row.Status ?? ""),
      Escalated: row.Escalated === true,
      Rerun: row.Rerun === true,
      "Review minutes": negative("Review minutes") ?? 0,
      Team: String(row.Team ?? ""),
      Import: plan.importNumber,
      // The line of the new file's row that replaces the period.
      "Source row": period.line,
      Key: `${REVERSAL_PREFIX}${key}`,
      // A blank Count is one action.
      Count: negative("Count") ?? -1,
      ...(cost === undefined ? {} : { Cost: cost }),
      "Cost source": String(row["Cost source"] ?? "units"),
      Model: String(row.Model ?? ""),
      ...Object.fromEntries(tokens.filter(([, value]) => value !== undefined)),
      // No match key: a reversal is not a period of its own.
      "Match key": "",
      "Single rerun": false,
    });
    const earlier = numberIn(row.Import);
    if (earlier !== undefined) imports.add(earlier);
    periods.add(String(row["Match key"]));
  }
  return { reversals, imports: [...imports].sort((a, b) => a - b), periods: periods.size };
}

/**
 * The plan with its repeated periods replaced: the reversal rows after its own, its rows of
 * those periods no longer flagged as likely duplicates (they replace, not repeat), the stamp
 * counting the reversals (rows, actions and units net, so the Ledger sheet's audit reconciles),
 * and the notes saying what was replaced.
 */
export function withReplacement(plan: ImportPlan, replacement: Replacement): ImportPlan {
  if (replacement.reversals.length === 0) return plan;
  const replaced = new Set(plan.periods.map((p) => p.matchKey));
  const own = plan.ledger.map((row): LedgerRow => {
    if (!replaced.has(String(row["Match key"])) || row["Likely duplicate of"] === undefined) return row;
    const unflagged: LedgerRow = { ...row };
    delete unflagged["Likely duplicate of"];
    return unflagged;
  });
  const ledger = [...own, ...replacement.reversals];
  const net = (column: "Count" | "Units"): number => exactSum(replacement.reversals.map((r) => Number(r[column])));
  const stamp = {
    ...plan.stamp,
    "Ledger rows": ledger.length,
    "Actions accepted": Number(plan.stamp["Actions accepted"]) + net("Count"),
    "Units accepted": exactSum([Number(plan.stamp["Units accepted"]), net("Units")]),
  };
  const stillRepeated = own.filter((r) => String(r["Match key"]).startsWith(PERIOD_PREFIX) && r["Likely duplicate of"] !== undefined);
  const notes = plan.notes.flatMap((note): ImportNote[] => {
    if (note.code === "periodRepeated") {
      const rows = stillRepeated.length;
      return rows === 0 ? [] : [{ code: "periodRepeated", rows, imports: [...new Set(stillRepeated.map((r) => Number(r["Likely duplicate of"])))].sort((a, b) => a - b) }];
    }
    if (note.code !== "done") return [note];
    return [note, { code: "periodsReplaced", periods: replacement.periods, rows: replacement.reversals.length, imports: replacement.imports }];
  });
  return { ...plan, ledger, stamp, notes };
}

/** What an import does with periods a later export repeats: ask the analyst, replace the earlier rows, or keep both (flagged). */
export const PERIOD_SETTINGS = ["ask", "replace", "keep"] as const;
export type PeriodSetting = (typeof PERIOD_SETTINGS)[number];
export const isPeriodSetting = (value: string): value is PeriodSetting => (PERIOD_SETTINGS as readonly string[]).includes(value);

/**
 * The plan once the periods it repeats are settled under `setting`: unchanged when there is
 * nothing to reverse (or on keep); with the earlier rows reversed on replace; on ask, the
 * question (periodsChanged), refused before anything is written.
 */
export function settlePeriods(plan: ImportPlan, held: readonly HeldLedgerRow[], heldKeys: ReadonlySet<string>, setting: PeriodSetting): ImportPlan | ImportRefused {
  if (setting === "keep" || plan.periods.length === 0) return plan;
  const replacement = replacementOf(plan, held, heldKeys);
  const first = replacement.reversals[0];
  if (!first) return plan;
  if (setting === "replace") return withReplacement(plan, replacement);
  return {
    ok: false,
    problem: {
      code: "periodsChanged",
      periods: replacement.periods,
      rows: replacement.reversals.length,
      imports: replacement.imports,
      first: { day: Math.floor(Number(first.Timestamp)), job: String(first.Job) },
    },
  };
}

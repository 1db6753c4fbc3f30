/**
 * The Wallet's rerun loops over daily rows (issue 11, Scale): the sheet reads AWU.RERUNLOOPS
 * over rows of one action only (Ledger[Single rerun]; a daily row's time is its day's midnight)
 * and adds the bursts an aggregating import found on the raw rows (Ledger[Bursts]), overall and
 * per job in the Rerun bursts table: the engine's walletReport loops and rerunLoops, cell by cell.
 */
import { rerunLoops, walletReport } from "../../src/engine";
import { importLogs } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { workbookEvaluator } from "../../src/template/render/evaluator";
import { TABLES } from "../../src/template/sheets/template";
import { named, recordsOf, rowsAsShown } from "./ledger-fixture";
import { LEDGER_WORKBOOK } from "../../src/template/sheets/ledger-tables";

const NOW = new Date(2026, 10, 23, 9, 30);

async function imported(lines: readonly string[], aggregate: "auto" | "daily" | "none"): Promise<TemplateDescription> {
  const run = await importLogs({ examples: false, asOf: "2026-11-23" }, [{ name: "log.csv", bytes: new TextEncoder().encode(lines.join("\n")) }], { mappings: [], now: NOW, aggregate });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  return run.description;
}

const ledgerOf = (d: TemplateDescription): ReturnType<typeof recordsOf> => {
  const block = d.sheets.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.name === LEDGER_WORKBOOK.ledger.table);
  return recordsOf(block && block.kind === "table" ? block.rows : []);
};

function loops(d: TemplateDescription): { total: unknown; byJob: Record<string, unknown> } {
  const evaluator = workbookEvaluator(d);
  const at = named(d, "WalletRerunLoops");
  const byJob = Object.fromEntries(rowsAsShown(d, evaluator, TABLES.loops).map((r) => [String(r.Job), r["Rerun bursts"]]));
  return { total: evaluator.cell(at.sheet, at.address), byJob };
}

/** A loop of Research: 12 reruns a minute apart from 14:00 on 3 November, beside ordinary actions of two jobs. */
const LOG = [
  "Timestamp,Agent,Job,Credits,Status,Rerun",
  "2026-11-03 09:00:00,Scout,Research,10,validated,no",
  "2026-11-03 09:30:00,Closer,Follow-ups,10,validated,yes",
  ...Array.from({ length: 12 }, (_, i) => `2026-11-03 14:${String(i).padStart(2, "0")}:00,Scout,Research,10,failed,yes`),
  "2026-11-04 10:00:00,Closer,Follow-ups,10,succeeded,no",
];

test("raw rows: AWU.RERUNLOOPS over the single reruns finds the loop, as the engine does", async () => {
  const d = await imported(LOG, "none");
  expect(loops(d)).toEqual({ total: 1, byJob: { Research: 1, "Follow-ups": 0 } });
  expect(walletReport(ledgerOf(d), { periodStartSerial: 46327, daysInPeriod: 30, allocation: 1000 }).loops).toBe(1);
});

test("daily rows: the loop found on the raw rows is carried in Bursts and counted, overall and for its job", async () => {
  const d = await imported(LOG, "daily");
  const records = ledgerOf(d);
  expect(records.every((r) => r.bursts !== undefined)).toBe(true);
  expect(records.filter((r) => r.rerun && r.job === "Research")).toHaveLength(1);
  expect(loops(d)).toEqual({ total: 1, byJob: { Research: 1, "Follow-ups": 0 } });
  expect(walletReport(records, { periodStartSerial: 46327, daysInPeriod: 30, allocation: 1000 }).loops).toBe(1);
  expect(rerunLoops(records, "research")).toBe(1);
});

test("a vendor's daily rows (Count > 1) are not read as actions: ten rerun rows of a job at one midnight are no loop", async () => {
  const lines = ["Date,Agent,Job,Count,Credits,Rerun", ...Array.from({ length: 12 }, (_, i) => `2026-11-03,Agent ${i},Research,5,50,yes`)];
  const d = await imported(lines, "none");
  expect(loops(d)).toEqual({ total: 0, byJob: { Research: 0 } });
  expect(walletReport(ledgerOf(d), { periodStartSerial: 46327, daysInPeriod: 30, allocation: 1000 }).loops).toBe(0);
});

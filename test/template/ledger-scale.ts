/**
 * The portable workbook with a large ledger, recalculated by LibreOffice: how long a real
 * spreadsheet engine takes to compute the Ledger and Wallet sheets over 100,000 rows (for
 * the bench), and whether its figures are still the engine's. The ledger is generated: a
 * 30-day November, four jobs, three teams, reruns every seventh action.
 */
import { performance } from "node:perf_hooks";
import { walletReport } from "../../src/engine";
import { writeWorkbook } from "../../src/template/writers/file";
import { recalculate } from "../support/libreoffice";
import { NOV1, named, recordsOf, scenario, type Action } from "./ledger-fixture";

const JOBS = ["Customer service conversations", "Case follow-up emails", "Website sales chat", "Stage hygiene"] as const;
const TEAMS = ["Sales", "Marketing", "Service"] as const;

/** `rows` actions spread over the first 20 days of November, credits 10–40. */
export function generatedLedger(rows: number): Action[] {
  return Array.from({ length: rows }, (_, i): Action => ({
    serial: NOV1 + (20 * i) / rows,
    job: JOBS[i % JOBS.length] as string,
    units: 10 + ((i * 7) % 31),
    rerun: i % 7 === 0,
    team: TEAMS[i % TEAMS.length] as string,
    agent: `Agent ${i % 5}`,
    status: i % 4 === 0 ? "failed" : "validated",
  }));
}

export interface LedgerRecalc {
  readonly rows: number;
  readonly writeMs: number;
  /** The soffice run: start, load, recalculate, save. */
  readonly recalcMs: number;
  readonly fileBytes: number;
  /** The period's consumption and forecast as LibreOffice computed them, and as the engine does. */
  readonly consumed: { readonly sheet: number; readonly engine: number };
  readonly forecast: { readonly sheet: number; readonly engine: number };
}

export async function measureLedgerRecalc(rows: number): Promise<LedgerRecalc> {
  const actions = generatedLedger(rows);
  const description = scenario(actions, 5_000_000, TEAMS.map((t) => [t, 1_500_000] as [string, number]));
  let start = performance.now();
  const bytes = await writeWorkbook(description, { portable: true, cachedResults: false });
  const writeMs = performance.now() - start;
  start = performance.now();
  const { book } = await recalculate({ book: bytes });
  const recalcMs = performance.now() - start;
  const value = (name: string): number => {
    const { sheet, address } = named(description, name);
    return Number(book?.value(sheet, address));
  };
  const ledger = description.sheets.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.name === "Ledger");
  const records = recordsOf(ledger && ledger.kind === "table" ? ledger.rows : []);
  const report = walletReport(records, { periodStartSerial: NOV1, daysInPeriod: 30, allocation: 5_000_000 });
  return {
    rows,
    writeMs,
    recalcMs,
    fileBytes: bytes.byteLength,
    consumed: { sheet: value("WalletPeriodConsumed"), engine: report.consumedUnits },
    forecast: { sheet: value("WalletPeriodForecast"), engine: report.alerts.forecast.forecastUnits },
  };
}

/**
 * The Inputs sheet's RateCard table against the built-in card: what differs, as data
 * (src/messages says it in words), and updating the table to the built-in card on request (changed rows rewritten, missing
 * keys added, the analyst's own extra keys kept).
 */
import { builtInRateCard, isoFromSerial, localIsoToday, ratesInForce } from "../../engine";
import { TABLES } from "../sheets/template";
import { Refusal } from "../../excel/run";
import type { CellValue, RateCardApplied, RateCardLine, RateCardStamp, WorkbookRefusal } from "../../messages/workbook";
import { literal } from "../../excel/literals";
import { NO_RENAMES, type RenameMap } from "../writers/office/inventory";

export const RATE_CARD_COLUMNS = ["Key", "Value", "Unit", "As of", "Source"] as const;
type Field = (typeof RATE_CARD_COLUMNS)[number];

export interface RateRow {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly asOf: string;
  readonly source: string;
}

/** The built-in card's rows in force on a date, as the RateCard table lists them. */
export function builtInRateRows(asOf: string = localIsoToday()): RateRow[] {
  return ratesInForce(builtInRateCard, asOf).map((r) => ({ key: r.key, value: r.value, unit: r.entry.unit, asOf: r.entry.asOf, source: r.entry.source }));
}

export interface RateCardDifference {
  readonly key: string;
  /** Data-row index in the workbook's table. */
  readonly row: number;
  readonly fields: readonly { readonly field: Field; readonly workbook: unknown; readonly builtIn: string | number }[];
}

export interface RateCardDiff {
  readonly changed: readonly RateCardDifference[];
  readonly missing: readonly RateRow[];
  /** Keys only the workbook has ("" for a row without one), with their data rows from 1; kept on update. */
  readonly extra: readonly { readonly key: string; readonly row: number }[];
  /** Rows in the workbook's table (blank rows not counted). */
  readonly rows: number;
  /** The same, line by line for the pane (one "same" line when nothing differs). */
  readonly lines: readonly RateCardLine[];
}

const builtInField = (row: RateRow, field: Field): string | number =>
  field === "Key" ? row.key : field === "Value" ? row.value : field === "Unit" ? row.unit : field === "As of" ? row.asOf : row.source;

/** A date typed into a general cell comes back as a serial; compare it as the ISO date it shows. */
const asText = (v: unknown): string => (typeof v === "number" ? isoFromSerial(v) : String(v ?? "").trim());

function same(field: Field, workbook: unknown, builtIn: string | number): boolean {
  if (field === "Value") return typeof workbook === "number" && typeof builtIn === "number" && Math.abs(workbook - builtIn) <= 1e-9 * Math.max(1, Math.abs(builtIn));
  if (field === "As of") return asText(workbook) === String(builtIn);
  return String(workbook ?? "").trim() === String(builtIn);
}

/** A cell's value as read, for the lines to quote. */
const cellValue = (v: unknown): CellValue => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null);

/** Compares the table's header and rows with the built-in rows. Pure. */
export function compareRateCard(header: readonly unknown[], body: readonly (readonly unknown[])[], builtIn: readonly RateRow[]): RateCardDiff {
  const index = new Map(header.map((h, i) => [String(h), i]));
  if (RATE_CARD_COLUMNS.some((c) => !index.has(c))) throw new Refusal<WorkbookRefusal>({ code: "rateCardNotATable" });
  const cell = (row: readonly unknown[], field: Field): unknown => row[index.get(field) as number];
  const workbookRows = body.map((row, i) => ({ row, i, key: String(cell(row, "Key") ?? "").trim() })).filter((r) => r.key !== "" || r.row.some((v) => v !== "" && v !== null));
  const byKey = new Map(workbookRows.map((r) => [r.key.toLowerCase(), r]));
  const builtInKeys = new Set(builtIn.map((r) => r.key.toLowerCase()));
  const changed: RateCardDifference[] = [];
  const missing: RateRow[] = [];
  for (const rate of builtIn) {
    const mine = byKey.get(rate.key.toLowerCase());
    if (!mine) {
      missing.push(rate);
      continue;
    }
    const fields = RATE_CARD_COLUMNS.filter((f) => f !== "Key")
      .filter((f) => !same(f, cell(mine.row, f), builtInField(rate, f)))
      .map((f) => ({ field: f, workbook: cell(mine.row, f), builtIn: builtInField(rate, f) }));
    if (fields.length > 0) changed.push({ key: rate.key, row: mine.i, fields });
  }
  const extra = workbookRows.filter((r) => !builtInKeys.has(r.key.toLowerCase())).map((r) => ({ key: r.key, row: r.i + 1 }));
  const lines: RateCardLine[] = [
    ...changed.flatMap((c) => c.fields.map((f): RateCardLine => ({ code: "changed", key: c.key, field: f.field, workbook: cellValue(f.workbook), builtIn: f.builtIn }))),
    ...missing.map((m): RateCardLine => ({ code: "missing", key: m.key })),
    ...extra.map((e): RateCardLine => ({ code: "extra", key: e.key, row: e.row })),
  ];
  return { changed, missing, extra, rows: workbookRows.length, lines: lines.length > 0 ? lines : [{ code: "same" }] };
}

/** What the refresh stamp says of the workbook's card: its rows, and how many differ from the built-in card or are missing. */
export const rateCardStamp = (diff: RateCardDiff): RateCardStamp => ({ rows: diff.rows, differing: diff.changed.length + diff.missing.length });

export interface RateCardOptions {
  /** Names of a copy written beside the original. */
  readonly rename?: RenameMap;
}

const rateCardTable = (context: Excel.RequestContext, options: RateCardOptions): Excel.Table =>
  context.workbook.tables.getItem((options.rename ?? NO_RENAMES).tables.get(TABLES.rateCard) ?? TABLES.rateCard);

/** One read: the workbook's rate card compared with the built-in rows. */
export async function diffRateCard(context: Excel.RequestContext, builtIn: readonly RateRow[], options: RateCardOptions = {}): Promise<RateCardDiff> {
  const table = rateCardTable(context, options);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  return compareRateCard(header.values[0] ?? [], body.values, builtIn);
}

/**
 * Updates the workbook's rate card to the built-in rows: re-reads it (one sync, so what
 * is written matches the table as it is now), rewrites differing rows and appends
 * missing keys (one sync). The analyst's extra keys stay.
 */
export async function applyRateCard(
  context: Excel.RequestContext,
  builtIn: readonly RateRow[],
  options: RateCardOptions = {},
): Promise<{ readonly diff: RateCardDiff; readonly applied: RateCardApplied }> {
  const table = rateCardTable(context, options);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  const headers = (header.values[0] ?? []).map(String);
  const diff = compareRateCard(headers, body.values, builtIn);
  const rowOf = (rate: RateRow, existing: readonly unknown[] = []): (string | number | boolean)[] =>
    headers.map((h, i) => {
      const field = RATE_CARD_COLUMNS.find((c) => c === h);
      const kept = existing[i];
      if (field) return literal(builtInField(rate, field));
      return typeof kept === "number" || typeof kept === "boolean" || typeof kept === "string" ? kept : "";
    });
  const byKey = new Map(builtIn.map((r) => [r.key, r]));
  for (const change of diff.changed) {
    const rate = byKey.get(change.key);
    if (rate) body.getRow(change.row).values = [rowOf(rate, body.values[change.row])];
  }
  if (diff.missing.length > 0) table.rows.add(undefined, diff.missing.map((r) => rowOf(r)));
  if (diff.changed.length + diff.missing.length > 0) await context.sync();
  return { diff, applied: { code: "applied", changed: diff.changed.length, added: diff.missing.length } };
}

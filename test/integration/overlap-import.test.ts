/**
 * Overlapping raw exports, each aggregated on import by the headless command (issue 11: "re-exports
 * and overlaps never double count"), written as the portable file and recalculated by LibreOffice:
 * the ledger holds the union's actions, credits, dollars and validated outcomes exactly once, and
 * the audit reconciles with the two stamps. The third log repeats the overlap row by row and adds nothing.
 */
import { importLogs, type HeadlessLog } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { writeWorkbook } from "../../src/template/writers/file";
import { recalculate, type RecalculatedBook } from "../support/libreoffice";
import { RAW_HEADER, rawActions, rawLine, type RawAction } from "../support/warehouse-log";
import { named } from "../template/ledger-fixture";

jest.setTimeout(180_000);

const actions: RawAction[] = [...rawActions({ rows: 20_000, seed: 77, days: 20 })];
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
/** Exports are cut by time: the first index at or after `i` whose time differs from the one before. */
const cutAt = (i: number): number => {
  let at = i;
  while (at < actions.length && (actions[at] as RawAction).ms === (actions[at - 1] as RawAction).ms) at++;
  return at;
};
const [from, to] = [cutAt(7_000), cutAt(13_000)];
const log = (name: string, rows: readonly RawAction[]): HeadlessLog => ({ name, bytes: new TextEncoder().encode(`${[RAW_HEADER, ...rows.map(rawLine)].join("\n")}\n`) });

let description: TemplateDescription;
let book: RecalculatedBook;
let notes: string[];

beforeAll(async () => {
  const logs = [log("first-two-thirds.csv", actions.slice(0, to)), log("last-two-thirds.csv", actions.slice(from)), log("middle-again.csv", actions.slice(from, to))];
  // Aggregated (daily), as a log above 50,000 rows would be on auto; the third row by row.
  const run = await importLogs({ examples: false, asOf: "2026-12-01" }, logs, { mappings: [], now: new Date(2026, 11, 1, 9, 0), aggregate: "daily" });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  description = run.description;
  notes = run.logs.map((l) => JSON.stringify(l.notes[0]));
  book = (await recalculate({ overlap: await writeWorkbook(description, { portable: true, cachedResults: false }) })).overlap as RecalculatedBook;
});

const value = (name: string): number => {
  const { sheet, address } = named(description, name);
  return Number(book.value(sheet, address));
};

test("each log's rows already in the ledger are skipped as duplicates", () => {
  const shared = to - from;
  expect(shared).toBeGreaterThan(5_000);
  expect(notes).toEqual([
    JSON.stringify({ code: "done", read: to, accepted: to, rejected: 0, duplicates: 0 }),
    JSON.stringify({ code: "done", read: actions.length - from, accepted: actions.length - to, rejected: 0, duplicates: shared }),
    JSON.stringify({ code: "done", read: shared, accepted: 0, rejected: 0, duplicates: shared }),
  ]);
});

test("LibreOffice's ledger holds the union's actions, credits, dollars and validated outcomes once", () => {
  expect(value("LedgerActions")).toBe(actions.length);
  expect(value("LedgerValidated")).toBe(actions.filter((a) => a.status === "validated").length);
  expect(value("LedgerUnitsTotal")).toBeCloseTo(sum(actions.map((a) => a.unitsQ)) / 4, 6);
  expect(value("LedgerCost")).toBeCloseTo(sum(actions.map((a) => a.costMicro)) / 1e6, 6);
});

test("the audit reconciles the ledger with the stamps: rows, actions and units", () => {
  expect(value("LedgerRowsGap")).toBe(0);
  expect(value("LedgerActionsGap")).toBe(0);
  expect(Math.abs(value("LedgerUnitsGap"))).toBeLessThanOrEqual(1e-6);
  expect(value("LedgerImportedActions")).toBe(actions.length);
});

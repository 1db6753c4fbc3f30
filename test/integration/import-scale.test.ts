/**
 * A long raw log imported by the headless command (issue 11, Scale): 200,000 generated actions
 * (test/support/warehouse-log.ts), aggregated on import (auto: more than 50,000 rows), written
 * as the portable file and recalculated by LibreOffice. The ledger holds every action, credit,
 * dollar, validated outcome and review minute of the raw log; the audit reconciles with the
 * stamp; the Wallet's loops are the bursts findRerunBursts finds on the raw actions, job by job.
 */
import { findRerunBursts, groupKey } from "../../src/engine";
import { AGGREGATE_ABOVE_ROWS } from "../../src/import/aggregate";
import { importLogs } from "../../src/import/headless";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { TABLES } from "../../src/template/sheets/template";
import { writeWorkbook } from "../../src/template/writers/file";
import { columnValues, recalculate, type RecalculatedBook } from "../support/libreoffice";
import { RAW_HEADER, rawActions, rawLine, type RawAction } from "../support/warehouse-log";
import { named } from "../template/ledger-fixture";

jest.setTimeout(300_000);

const ROWS = 200_000;
const actions: RawAction[] = [...rawActions({ rows: ROWS, seed: 4242, days: 30 })];
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

let description: TemplateDescription;
let book: RecalculatedBook;
let note: string;

beforeAll(async () => {
  const bytes = new TextEncoder().encode(`${[RAW_HEADER, ...actions.map(rawLine)].join("\n")}\n`);
  const run = await importLogs({ examples: false, asOf: "2026-12-01" }, [{ name: "month.csv", bytes }], { mappings: [], now: new Date(2026, 11, 1, 9, 0) });
  if (!run.ok) throw new Error(importRefusalMessage(run.problem));
  description = run.description;
  note = JSON.stringify(run.logs[0]?.notes);
  book = (await recalculate({ scale: await writeWorkbook(description, { portable: true, cachedResults: false }) })).scale as RecalculatedBook;
});

const value = (name: string): number => {
  const { sheet, address } = named(description, name);
  return Number(book.value(sheet, address));
};

test("aggregated on import: tens of thousands of daily rows at most, not 200,000", () => {
  expect(note).toContain('"code":"aggregated"');
  expect(note).toContain(`"threshold":${AGGREGATE_ABOVE_ROWS}`);
  expect(value("LedgerRowCount")).toBeLessThan(20_000);
  expect(value("LedgerRowCount")).toBeGreaterThan(1_000);
});

test("LibreOffice's ledger holds every action, credit, dollar, validated outcome and review minute of the raw log", () => {
  expect(value("LedgerActions")).toBe(ROWS);
  expect(value("LedgerValidated")).toBe(actions.filter((a) => a.status === "validated").length);
  expect(value("LedgerUnitsTotal")).toBeCloseTo(sum(actions.map((a) => a.unitsQ)) / 4, 6);
  expect(value("LedgerCost")).toBeCloseTo(sum(actions.map((a) => a.costMicro)) / 1e6, 6);
  // By action type: every row has one (the generator leaves jobs and teams blank now and then, which no summary row lists).
  const reviewHours = sum(columnValues(book, description, TABLES.ledgerByActionType, "Review hours").map(Number));
  expect(reviewHours * 60).toBeCloseTo(sum(actions.map((a) => a.reviewHalf)) / 2, 6);
});

test("the audit reconciles the ledger with the stamp: rows, actions and units", () => {
  expect(value("LedgerRowsGap")).toBe(0);
  expect(value("LedgerActionsGap")).toBe(0);
  expect(Math.abs(value("LedgerUnitsGap"))).toBeLessThanOrEqual(1e-6);
  expect(value("LedgerImportedActions")).toBe(ROWS);
});

test("the Wallet's loops are the bursts found on the raw actions, overall and job by job", () => {
  const bursts = findRerunBursts(actions.map((a) => ({ timeMs: a.ms, job: a.job, rerun: a.rerun }))).bursts;
  expect(bursts.length).toBeGreaterThan(10);
  expect(value("WalletRerunLoops")).toBe(bursts.length);
  const jobs = columnValues(book, description, TABLES.loops, "Job").map(String);
  const counted = columnValues(book, description, TABLES.loops, "Rerun bursts").map(Number);
  const byJob = new Map<string, number>();
  jobs.forEach((job, i) => byJob.set(groupKey(job), (byJob.get(groupKey(job)) ?? 0) + (counted[i] as number)));
  for (const key of new Set(bursts.map((b) => b.key).filter((k) => k !== ""))) expect(byJob.get(key)).toBe(bursts.filter((b) => b.key === key).length);
});

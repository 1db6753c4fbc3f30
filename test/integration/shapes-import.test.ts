/**
 * Each known export shape's fixture through the headless command (`npm run template -- --out
 * F.xlsx --portable --log fixture.csv`), the written file recalculated by LibreOffice: the
 * Ledger sheet's actions, units, cost and validated actions are the totals worked by hand
 * beside the fixture (test/import/fixtures/shapes/*.totals.json), and the audit reconciles.
 * Anthropic's cost report (cents, which the mapping cannot scale) stops the command with the
 * reason and writes nothing.
 *
 * No mapping is given: the command proposes the shape's (proposeMapping → recogniseShape) and
 * its line says which shape was recognised.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { importLogs } from "../../src/import/headless";
import { EXPORT_SHAPES } from "../../src/import/shapes";
import { importRefusalMessage } from "../../src/messages/import";
import type { TemplateDescription } from "../../src/template/model/description";
import { recalculate, type RecalculatedBook } from "../support/libreoffice";
import { named } from "../template/ledger-fixture";

jest.setTimeout(240_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const SHAPES = path.join(ROOT, "test/import/fixtures/shapes");
const OPTIONS = { examples: false, asOf: "2026-11-23" } as const;
const IMPORTED = [
  "litellm-spend-logs",
  "litellm-daily-team-spend",
  "litellm-daily-user-spend",
  "focus-1.2",
  "openai-usage-completions",
  "openai-usage-dashboard",
  "openai-costs",
  "anthropic-usage",
  "anthropic-cost",
  "salesforce-digital-wallet",
] as const;

interface Totals {
  readonly actions: number;
  readonly units: number;
  readonly cost: number;
  readonly validated: number;
}

const totalsOf = (name: string): Totals => JSON.parse(fs.readFileSync(path.join(SHAPES, `${name}.totals.json`), "utf8")) as Totals;

const shapeName = (key: string): string => EXPORT_SHAPES.find((s) => s.key === key)?.name ?? key;

const command = (out: string, log: string): Promise<{ stdout: string; stderr: string }> =>
  run(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/template.ts", "--out", out, "--portable", "--no-examples", "--as-of", OPTIONS.asOf, "--log", log], { cwd: ROOT, encoding: "utf8" });

let dir: string;
const books: Record<string, RecalculatedBook> = {};
const descriptions: Record<string, TemplateDescription> = {};
const lines: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "awu-shapes-"));
  const files: Record<string, Uint8Array> = {};
  await Promise.all(
    IMPORTED.map(async (name) => {
      const log = path.join(SHAPES, `${name}.csv`);
      const out = path.join(dir, `${name}.xlsx`);
      lines[name] = (await command(out, log)).stdout;
      files[name] = new Uint8Array(fs.readFileSync(out));
      // The same import in process: where the written file's named cells are.
      const outcome = await importLogs(OPTIONS, [{ name: `${name}.csv`, bytes: new Uint8Array(fs.readFileSync(log)) }], { mappings: [], now: new Date() });
      if (!outcome.ok) throw new Error(importRefusalMessage(outcome.problem));
      descriptions[name] = outcome.description;
    }),
  );
  Object.assign(books, await recalculate(files));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const value = (name: string, cell: string): unknown => {
  const { sheet, address } = named(descriptions[name] as TemplateDescription, cell);
  return (books[name] as RecalculatedBook).value(sheet, address);
};

test.each(IMPORTED)("%s: the recalculated file has the hand-computed actions, units, cost and validated, and reconciles", (name) => {
  const totals = totalsOf(name);
  expect(lines[name]).toContain(`${name}.csv: import 1 (the proposed mapping).`);
  expect(lines[name]).toContain(`Recognised as ${shapeName(name)}: `);
  expect([name, value(name, "LedgerActions")]).toEqual([name, totals.actions]);
  expect([name, value(name, "LedgerUnits")]).toEqual([name, totals.units]);
  expect([name, value(name, "LedgerValidated")]).toEqual([name, totals.validated]);
  const cost = value(name, "LedgerCost");
  expect(typeof cost).toBe("number");
  expect([name, Math.abs((cost as number) - totals.cost) < 1e-9 ? totals.cost : cost]).toEqual([name, totals.cost]);
  expect([name, value(name, "LedgerReconciled")]).toEqual([name, "Yes"]);
});

test("Anthropic's cost report (amount in cents): the command says the amounts were divided by 100, and the file's cost is $17.37", () => {
  expect(lines["anthropic-cost"]).toContain(`"amount" is in cents, as the export states its amounts: each was divided by 100 for the ledger's cost in dollars.`);
  expect(value("anthropic-cost", "LedgerCost")).toBeCloseTo(17.37, 9);
});

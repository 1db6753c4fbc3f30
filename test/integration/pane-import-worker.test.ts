/**
 * The pane's log reader in Chromium (dist/ as built, issue 11): a picked log is read, parsed
 * and checked in a Web Worker, with progress (a progressbar with its value and step) and a
 * Cancel that stops it with nothing written. Each known export shape's fixture and the vendor
 * export preview with the shape's note and import with the counts the importer gives in Node;
 * a 200,000-row log shows progress between 0 and 100 % while the pane keeps answering; where
 * there is no Worker the same jobs run on the pane's thread.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { loadLog } from "../../src/import/load";
import { planImport } from "../../src/import/plan";
import { proposeMapping } from "../../src/import/mapping";
import { IMPORT_MESSAGES, importNoteMessage } from "../../src/messages/import";
import { refusalMessage } from "../../src/messages/refusals";
import { previewLog } from "../../src/taskpane/import-jobs";
import { OFFICE_JS_ROUTE, RESULTS, ROOT, openPaneBrowser, type PaneBrowser } from "../support/browser";
import { RECORDING_EXCEL, rowsOn, type RecordedCall } from "../support/recording-excel";

const FIXTURES = path.join(ROOT, "test/import/fixtures");
const SHAPES = path.join(FIXTURES, "shapes");
const P = IMPORT_MESSAGES.pane;

jest.setTimeout(180_000);

let browser: PaneBrowser;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  browser = await openPaneBrowser();
  ({ context, base } = browser);
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Records, in the page, every value the import section's progressbar takes and the gaps
 * between animation frames (the pane's thread painting) while the section works.
 */
const WATCH = `
  window.progressSeen = [];
  window.frameGaps = [];
  let lastFrame = 0;
  const frame = (t) => { if (lastFrame > 0) window.frameGaps.push(t - lastFrame); lastFrame = t; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  document.addEventListener("DOMContentLoaded", () => {
    const area = document.getElementById("import-progress");
    if (!area) return; // another document than the pane's
    new MutationObserver(() => {
      const bar = document.querySelector("#import-progress-bar");
      const value = bar && bar.getAttribute("aria-valuenow");
      if (value !== null && value !== undefined && window.progressSeen[window.progressSeen.length - 1] !== Number(value)) window.progressSeen.push(Number(value));
    }).observe(area, { subtree: true, childList: true, attributes: true });
  });
`;

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

async function openPane(options: { excel?: boolean; noWorker?: boolean } = {}): Promise<Opened> {
  const page = await context.newPage();
  if (options.excel) await page.route(OFFICE_JS_ROUTE, (route) => route.fulfill({ contentType: "text/javascript", body: RECORDING_EXCEL }));
  await page.addInitScript({ content: `${options.noWorker ? "delete window.Worker;" : ""}${WATCH}` });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(`${base}taskpane.html`);
  await page.locator("#status").filter({ hasText: "Ready." }).waitFor();
  return { page, problems };
}

const scripts = (page: Page): Promise<string[]> => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name.split("/").pop() ?? ""));
const progressSeen = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
const calls = async (page: Page): Promise<RecordedCall[]> => (await page.evaluate(() => (window as unknown as { calls?: RecordedCall[] }).calls)) ?? [];
/** Waits for the section's task to end: main is aria-busy while one runs. */
const settled = (page: Page): Promise<unknown> => page.locator("#main:not([aria-busy])").waitFor({ state: "attached" });

async function pick(page: Page, file: string): Promise<void> {
  await page.locator("#import-file").setInputFiles(file);
}

/** What the importer says of a fixture in Node: the preview's counts and notes, and the import's done note (an empty ledger). */
async function expected(file: string): Promise<{ preview: string[]; counts: string; done: string } | { refused: string }> {
  const log = await loadLog({ name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) });
  if ("ok" in log) return { refused: refusalMessage(log.problem) };
  const mapping = proposeMapping(log.table.headers).mapping;
  const preview = previewLog(log, mapping);
  if ("ok" in preview) return { refused: refusalMessage(preview.problem) };
  const plan = planImport({ keys: new Set(), stamps: [], summaries: [] }, log, mapping, { now: new Date() });
  if ("ok" in plan) return { refused: refusalMessage(plan.problem) };
  const c = preview.result.counts;
  const notes = [...preview.reading, ...(preview.shape ? [preview.shape] : []), ...preview.questions, ...preview.result.notes].map(importNoteMessage);
  return { preview: [...new Set(notes)], counts: P.counts(c.read, c.accepted, c.rejected, c.blankLines), done: importNoteMessage(plan.notes[0] ?? { code: "blankLines", count: 0 }) };
}

const SHAPE_FILES = fs.existsSync(SHAPES) ? fs.readdirSync(SHAPES).filter((f) => f.endsWith(".csv")).sort() : [];

describe("in the worker: each fixture previews with its shape's note and imports with the importer's counts", () => {
  test.each(["vendor-export.csv", ...SHAPE_FILES.map((f) => `shapes/${f}`)])("%s", async (fixture) => {
    const file = path.join(FIXTURES, fixture);
    const want = await expected(file);
    const { page, problems } = await openPane({ excel: true });
    await pick(page, file);
    await settled(page);
    await expect(scripts(page)).resolves.toContain("log-reader.js");
    // The progressbar took values while the reader worked (hidden for a log this small: it shows after 200 ms).
    const seen = await progressSeen(page);
    expect(seen.length).toBeGreaterThan(0);
    if ("refused" in want) {
      await expect(page.locator("#import-problem").textContent()).resolves.toBe(want.refused);
      await page.close();
      return;
    }
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(want.counts);
    await expect(page.locator("#import-notes li").allTextContents()).resolves.toEqual(want.preview);
    if (fixture.startsWith("shapes/")) expect(want.preview.some((n) => n.startsWith("Recognised as "))).toBe(true);
    // Anthropic's cost report imports in the pane too, its cents read as dollars and said so.
    if (fixture === "shapes/anthropic-cost.csv") expect(want.preview).toContain(importNoteMessage({ code: "costScaled", header: "amount", scale: 0.01 }));
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    await page.locator("#import-done").waitFor();
    await expect(page.locator("#import-done").textContent()).resolves.toBe(want.done);
    if (fixture === "vendor-export.csv") {
      // The counts of pane-import.test.ts's import on this thread.
      const recorded = await calls(page);
      expect([rowsOn(recorded, "Ledger Rows"), rowsOn(recorded, "Rejects"), rowsOn(recorded, "Imports")]).toEqual([7, 9, 1]);
    }
    await expect(page.locator("#import-progress").isHidden()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** A generated log of `rows` actions, about 50 bytes a row. */
function bigLog(rows: number): Buffer {
  const lines = ["Timestamp,Agent,Job,Action type,Units,Status"];
  const start = Date.UTC(2026, 10, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 7_000).toISOString().slice(0, 19).replace("T", " ");
    lines.push(`${at},Agent ${i % 17},Job ${i % 5},${["search", "reply", "update"][i % 3]},${(i % 40) + 1},${i % 9 === 0 ? "failed" : "succeeded"}`);
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

const BIG_ROWS = 200_000;
let big: string | undefined;
/** The generated log as a file on disk: Chromium reads it itself (a buffer would be decoded on the page's thread by the test harness). */
function bigFile(): string {
  if (big === undefined) {
    big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "awu-big-")), "big-log.csv");
    fs.writeFileSync(big, bigLog(BIG_ROWS));
  }
  return big;
}

/** The pane's thread answering: how long a round trip into the page takes, sampled while `busy` holds. */
async function latencies(page: Page, busy: () => Promise<boolean>): Promise<number[]> {
  const out: number[] = [];
  while (await busy()) {
    const t0 = Date.now();
    await page.evaluate(() => document.getElementById("import-progress-text")?.textContent ?? "");
    out.push(Date.now() - t0);
    await page.waitForTimeout(50);
  }
  return out;
}

describe("a 200,000-row log", () => {
  test("shows progress between 0 and 100 % with its step and Cancel while the worker reads it, and the pane keeps painting and answering", async () => {
    const { page, problems } = await openPane();
    const buttonClicked = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const bar = () => document.getElementById("import-progress-text");
          const wait = () => (bar() ? bar()?.addEventListener("click", () => resolve(performance.now())) : setTimeout(wait, 5));
          wait();
        }),
    );
    const file = bigFile();
    await page.evaluate(() => ((window as unknown as { frameGaps: number[] }).frameGaps.length = 0));
    await pick(page, file);
    const progress = page.locator("#import-progress-bar");
    await progress.waitFor({ state: "visible" });
    const now = Number(await progress.getAttribute("aria-valuenow"));
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(100);
    await expect(progress.getAttribute("aria-valuetext")).resolves.toMatch(/%$/);
    await expect(page.locator("#import-cancel").isVisible()).resolves.toBe(true);
    await page.locator("#import-progress").screenshot({ path: path.join(RESULTS, "pane-import-progress.png") });
    // A click handler runs while the reader works.
    await page.locator("#import-progress-text").click();
    await expect(buttonClicked).resolves.toBeGreaterThan(0);
    const lags = await latencies(page, async () => (await page.locator("#main[aria-busy]").count()) > 0);
    await settled(page);
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(P.counts(BIG_ROWS, BIG_ROWS, 0, 0));
    const seen = await progressSeen(page);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps);
    // Frames kept coming while the log was read (no frame waited a second), and the page answered within half a second each time.
    expect(Math.max(...gaps)).toBeLessThan(1000);
    expect(Math.max(0, ...lags)).toBeLessThan(500);
    await page.locator("#import-section").screenshot({ path: path.join(RESULTS, "pane-import-big.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  test("Cancel while it is read stops the reader: nothing picked, nothing imported, and the message says so", async () => {
    const { page, problems } = await openPane({ excel: true });
    await pick(page, bigFile());
    await page.locator("#import-cancel").click();
    await settled(page);
    await expect(page.locator("#message fluent-message-bar").textContent()).resolves.toBe(P.cancelled);
    await expect(page.locator("#import-counts").count()).resolves.toBe(0);
    await expect(page.locator("#import-mapping").isHidden()).resolves.toBe(true);
    await expect(page.locator("#import-progress").isHidden()).resolves.toBe(true);
    await expect(page.locator("[data-action][disabled]").count()).resolves.toBe(0);
    expect((await calls(page)).filter((c) => !c.path.startsWith("context.workbook.settings"))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("Cancel while the import is planned stops it before anything is written", async () => {
    const { page, problems } = await openPane({ excel: true });
    await pick(page, bigFile());
    await settled(page);
    await page.locator("#import-counts").waitFor();
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    await page.locator("#import-progress-text").filter({ hasText: P.progressPlanning(BIG_ROWS) }).waitFor();
    await page.locator("#import-cancel").click();
    await settled(page);
    await expect(page.locator("#message fluent-message-bar").textContent()).resolves.toBe(P.cancelled);
    await expect(page.locator("#import-done").count()).resolves.toBe(0);
    const written = (await calls(page)).filter((c) => /\.(add|values|formulas)$/.test(c.path) || c.path.includes(".add("));
    expect(written).toEqual([]);
    // The preview stays: the log can be imported again (the reader reads it again, its worker having been stopped).
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(P.counts(BIG_ROWS, BIG_ROWS, 0, 0));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("without a Worker", () => {
  test("the same jobs run on the pane's thread: the same preview and import", async () => {
    const { page, problems } = await openPane({ excel: true, noWorker: true });
    await expect(page.evaluate(() => typeof (window as unknown as { Worker?: unknown }).Worker)).resolves.toBe("undefined");
    await pick(page, path.join(FIXTURES, "vendor-export.csv"));
    await settled(page);
    await expect(page.locator("#import-counts").textContent()).resolves.toBe(P.counts(16, 7, 9, 2));
    await expect(scripts(page)).resolves.not.toContain("log-reader.js");
    await page.locator("#import-preview fluent-button", { hasText: "Import" }).click();
    await page.locator("#import-done").waitFor();
    await expect(page.locator("#import-done").textContent()).resolves.toBe(importNoteMessage({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 }));
    const recorded = await calls(page);
    expect([rowsOn(recorded, "Ledger Rows"), rowsOn(recorded, "Rejects"), rowsOn(recorded, "Imports")]).toEqual([7, 9, 1]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

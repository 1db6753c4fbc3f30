/**
 * The pane's log reader on a generated 100,000-row log, in Chromium against dist/ (build
 * first): picking the file to its preview (read, parse, check every row), median of 3, in the
 * Web Worker and on the pane's thread (no Worker); and the longest the pane's thread went
 * without an animation frame meanwhile (how long it froze). Usage: npm run build && tsx scripts/pane-reader-bench.ts [rows]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPaneBrowser } from "../test/support/browser";

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = 3;

function log(rows: number): string {
  const lines = ["Timestamp,Agent,Job,Action type,Units,Status"];
  const start = Date.UTC(2026, 10, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 7_000).toISOString().slice(0, 19).replace("T", " ");
    lines.push(`${at},Agent ${i % 17},Job ${i % 5},${["search", "reply", "update"][i % 3]},${(i % 40) + 1},${i % 9 === 0 ? "failed" : "succeeded"}`);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "awu-bench-")), `log-${rows}.csv`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const file = log(ROWS);
  const browser = await openPaneBrowser();
  const results: Record<string, { ms: number[]; frozenMs: number[] }> = {};
  try {
    for (const where of ["worker", "thread"] as const) {
      results[where] = { ms: [], frozenMs: [] };
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.context.newPage();
        await page.addInitScript({
          content: `${where === "thread" ? "delete window.Worker;" : ""}
            window.frameGaps = []; let last = 0;
            const frame = (t) => { if (last > 0) window.frameGaps.push(t - last); last = t; requestAnimationFrame(frame); };
            requestAnimationFrame(frame);`,
        });
        await page.goto(`${browser.base}taskpane.html`);
        await page.locator("#status").filter({ hasText: "Ready." }).waitFor();
        await page.evaluate(() => ((window as unknown as { frameGaps: number[] }).frameGaps.length = 0));
        const t0 = Date.now();
        await page.locator("#import-file").setInputFiles(file);
        await page.locator("#import-counts").waitFor({ timeout: 120_000 });
        results[where].ms.push(Date.now() - t0);
        results[where].frozenMs.push(await page.evaluate(() => Math.max(0, ...(window as unknown as { frameGaps: number[] }).frameGaps)));
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  const bytes = fs.statSync(file).size;
  console.log(`${ROWS} rows (${(bytes / 1e6).toFixed(1)} MB), pick → preview, median of ${RUNS}:`);
  for (const [where, r] of Object.entries(results))
    console.log(`  ${where.padEnd(6)} ${median(r.ms)} ms (runs ${r.ms.join(", ")}); longest frame gap ${Math.round(median(r.frozenMs))} ms (runs ${r.frozenMs.map(Math.round).join(", ")})`);
}

void main();

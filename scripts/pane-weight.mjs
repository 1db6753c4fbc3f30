// The task pane's initial JavaScript: every script dist/taskpane.html loads, gzipped.
// Chunks loaded on demand (the file writer with exceljs) are not in the page, so not counted.
// Usage: npm run build && node scripts/pane-weight.mjs [--json]
// Also importable: `paneWeight(distDir)` returns the figures (for scripts/bench.mjs).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The bar for our own bundles (office.js is Microsoft's loader, listed apart). */
export const PANE_BAR_KB = 200;

const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Scripts referenced by taskpane.html with their raw and gzipped sizes. */
export function paneWeight(dist = path.join(ROOT, "dist")) {
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  // The built page is minified: attribute values may be quoted or not.
  const sources = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  const scripts = sources.map((src) => {
    const file = path.join(dist, src.split(/[?#]/)[0]);
    if (!fs.existsSync(file)) throw new Error(`taskpane.html loads ${src}, which is not in ${dist}`);
    // office.js is Microsoft's, copied from @microsoft/office-js; everything else is built here.
    return { src, officeJs: /(^|\/)office\.js$/.test(src), bytes: fs.statSync(file).size, gzipBytes: gzipBytes(file) };
  });
  const sum = (list) => list.reduce((total, s) => total + s.gzipBytes, 0);
  const own = scripts.filter((s) => !s.officeJs);
  return { scripts, ownGzipBytes: sum(own), allGzipBytes: sum(scripts), barKb: PANE_BAR_KB, withinBar: sum(own) <= PANE_BAR_KB * 1024 };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const weight = paneWeight();
  if (process.argv.includes("--json")) console.log(JSON.stringify(weight, null, 2));
  else {
    for (const s of weight.scripts) console.log(`${s.src.padEnd(32)} ${kb(s.bytes).padStart(10)} raw ${kb(s.gzipBytes).padStart(10)} gzipped${s.officeJs ? "  (office.js loader)" : ""}`);
    console.log(`Task pane initial JS: ${kb(weight.ownGzipBytes)} gzipped (bar ${weight.barKb} KB); with office.js ${kb(weight.allGzipBytes)}.`);
  }
  if (!weight.withinBar) process.exitCode = 1;
}

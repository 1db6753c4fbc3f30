// The task pane's initial JavaScript: every script dist/taskpane.html loads, gzipped.
// Chunks loaded on demand (the file writer, the .xlsx reader, exceljs) are not in the page, so not counted.
// A production page loads office.js from Microsoft's CDN: it is measured from the npm copy of the same loader.
// Also checks that exceljs's code is in exactly one emitted chunk (the download and the import share it).
// Usage: npm run build && node scripts/pane-weight.mjs [--json]
// Also importable: `paneWeight(distDir)` returns the figures (for scripts/bench.mjs), `exceljsChunks(distDir)` the chunks holding exceljs.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OFFICE_JS_NPM = path.join(ROOT, "node_modules/@microsoft/office-js/dist");

/** The bar for our own bundles (office.js is Microsoft's loader, listed apart). */
export const PANE_BAR_KB = 200;

/** A string only exceljs's code holds (its Cell constructor's error): how its chunk is recognised. */
const EXCELJS_MARK = "A Cell needs a Row";

const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** The file behind a script src: in dist, or for Microsoft's CDN the npm copy of the same file. */
function fileOf(dist, src) {
  if (/^https?:\/\//.test(src)) {
    const url = new URL(src);
    if (url.hostname !== "appsforoffice.microsoft.com") throw new Error(`taskpane.html loads ${src}, from a host this script does not know`);
    return path.join(OFFICE_JS_NPM, path.basename(url.pathname));
  }
  return path.join(dist, src.split(/[?#]/)[0]);
}

/** Scripts referenced by taskpane.html with their raw and gzipped sizes. */
export function paneWeight(dist = path.join(ROOT, "dist")) {
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  // The built page is minified: attribute values may be quoted or not.
  const sources = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  const scripts = sources.map((src) => {
    const file = fileOf(dist, src);
    if (!fs.existsSync(file)) throw new Error(`taskpane.html loads ${src}, which is not at ${file}`);
    // office.js is Microsoft's (its CDN, or copied from @microsoft/office-js); everything else is built here.
    return { src, officeJs: /(^|\/)office\.js$/.test(src), bytes: fs.statSync(file).size, gzipBytes: gzipBytes(file) };
  });
  const sum = (list) => list.reduce((total, s) => total + s.gzipBytes, 0);
  const own = scripts.filter((s) => !s.officeJs);
  return { scripts, ownGzipBytes: sum(own), allGzipBytes: sum(scripts), barKb: PANE_BAR_KB, withinBar: sum(own) <= PANE_BAR_KB * 1024 };
}

/** The emitted scripts (dist/*.js) whose code holds a text, with their sizes. */
export function chunksHolding(text, dist = path.join(ROOT, "dist")) {
  return fs
    .readdirSync(dist)
    .filter((name) => name.endsWith(".js") && fs.readFileSync(path.join(dist, name), "utf8").includes(text))
    .map((name) => ({ name, bytes: fs.statSync(path.join(dist, name)).size }));
}

/** The emitted scripts that hold exceljs's code: one chunk, loaded on demand. */
export const exceljsChunks = (dist = path.join(ROOT, "dist")) => chunksHolding(EXCELJS_MARK, dist);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const weight = paneWeight();
  const exceljs = exceljsChunks();
  if (process.argv.includes("--json")) console.log(JSON.stringify({ ...weight, exceljsChunks: exceljs }, null, 2));
  else {
    for (const s of weight.scripts) console.log(`${s.src.padEnd(32)} ${kb(s.bytes).padStart(10)} raw ${kb(s.gzipBytes).padStart(10)} gzipped${s.officeJs ? "  (office.js loader)" : ""}`);
    console.log(`Task pane initial JS: ${kb(weight.ownGzipBytes)} gzipped (bar ${weight.barKb} KB); with office.js ${kb(weight.allGzipBytes)}.`);
    console.log(`exceljs: in ${exceljs.map((c) => `${c.name} (${kb(c.bytes)})`).join(", ") || "no chunk"}; must be exactly one.`);
  }
  if (!weight.withinBar || exceljs.length !== 1) process.exitCode = 1;
}

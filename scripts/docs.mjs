// Regenerates the README's generated sections from the built metadata and the latest
// bench figures, so neither is ever retyped: the function reference (from
// dist/functions.json and src/functions/examples.json) and the benchmark table (from
// bench-results.json). Run `npm run docs` (it builds first).
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";
import { createRequire } from "module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { renderReferenceMarkdown } = require("../build/metadata.js");
const { renderBenchMarkdown } = require("../build/bench-table.js");

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(text, name, body) {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(text)) throw new Error(`README has no ${name} section`);
  return text.replace(pattern, (_all, start, end) => `${start}${body}\n${end}`);
}

const readmePath = path.join(root, "README.md");
let readme = fs.readFileSync(readmePath, "utf8");
const metadata = JSON.parse(fs.readFileSync(path.join(root, "dist/functions.json"), "utf8"));
const { examples } = JSON.parse(fs.readFileSync(path.join(root, "src/functions/examples.json"), "utf8"));
readme = replaceSection(readme, "reference", renderReferenceMarkdown(metadata, examples));
const benchPath = path.join(root, "bench-results.json");
if (fs.existsSync(benchPath)) readme = replaceSection(readme, "bench", renderBenchMarkdown(JSON.parse(fs.readFileSync(benchPath, "utf8"))));
fs.writeFileSync(readmePath, readme);
console.log("README.md: function reference and bench figures regenerated.");

/**
 * Finishing touches on the generated functions.json, and the function reference built
 * from it. Shared by webpack (the served page) and scripts/docs.mjs (the README section)
 * so the reference is generated from one metadata, never retyped.
 */
const { require: tsRequire } = require("tsx/cjs/api");

const DEV_BASE_URL = "https://localhost:3000/";

/** Fills each `{default}` with the catalog's declared default and points help URLs at `baseUrl`. */
function finishMetadata(metadataJson, baseUrl) {
  const { specOf, describeDefault } = tsRequire("../src/functions/catalog.ts", __filename);
  const metadata = JSON.parse(metadataJson);
  for (const fn of metadata.functions) {
    const spec = specOf(fn.id);
    for (const param of fn.parameters ?? []) {
      if (!param.description?.includes("{default}")) continue;
      const text = describeDefault(spec, param.name);
      if (text === undefined) throw new Error(`${fn.id}(${param.name}) says {default} but the catalog declares no default`);
      param.description = param.description.replaceAll("{default}", text);
    }
    if (fn.helpUrl) fn.helpUrl = fn.helpUrl.replace(DEV_BASE_URL, baseUrl);
  }
  return JSON.stringify(metadata, null, 2);
}

/** An example's formula as typed in a cell: ranges become array constants ({0.6;0.3;0.1}). */
function formulaOf(example) {
  const literal = (value) =>
    Array.isArray(value)
      ? `{${value.map((row) => (Array.isArray(row) ? row.map(literal).join(",") : literal(row))).join(";")}}`
      : typeof value === "string"
        ? `"${value}"`
        : String(value);
  return `=AWU.${example.id}(${example.args.map((arg) => (arg === null ? "" : literal(arg))).join(", ")})`;
}

const formatResult = (result) =>
  Array.isArray(result) ? `a ${result.length}×${result[0].length} table` : typeof result === "string" ? `"${result}"` : String(result);

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function signature(fn) {
  const params = (fn.parameters ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `AWU.${fn.name}(${params.join(", ")})`;
}

/** The function reference as an HTML page: one entry per function, anchored by its id (the help URL). */
function renderReferenceHtml(metadata, examples) {
  const entries = metadata.functions
    .map((fn) => {
      const params = (fn.parameters ?? [])
        .map((p) => `<li><code>${escapeHtml(p.name)}</code>${p.optional ? " (optional)" : ""}: ${escapeHtml(p.description ?? "")}</li>`)
        .join("\n");
      const shown = examples
        .filter((e) => e.id === fn.id)
        .map((e) => `<li><code>${escapeHtml(formulaOf(e))}</code> → ${escapeHtml(formatResult(e.result))} <small>(${escapeHtml(e.source)})</small></li>`)
        .join("\n");
      return `<section id="${fn.id}">
<h2><code>${escapeHtml(signature(fn))}</code></h2>
<p>${escapeHtml(fn.description)}</p>
${params ? `<ul class="params">\n${params}\n</ul>` : "<p>No arguments.</p>"}
${shown ? `<p>Examples:</p><ul class="examples">\n${shown}\n</ul>` : ""}
</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>AWU Budget function reference</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}
h2{font-size:1.1rem;margin-top:2rem}code{background:#f3f3f3;padding:0 .2em}section:target{outline:2px solid #0f6c5c;outline-offset:.5rem}</style>
</head>
<body>
<h1>AWU Budget function reference</h1>
<p>Every AWU worksheet function, its arguments (with units and defaults) and worked examples. Errors: <code>#VALUE!</code> names the argument and what is allowed; <code>#N/A</code> says why a result does not exist.</p>
${entries}
</body>
</html>
`;
}

/** The function reference as Markdown, for the README. */
function renderReferenceMarkdown(metadata, examples) {
  return metadata.functions
    .map((fn) => {
      const params = (fn.parameters ?? []).map((p) => `  - \`${p.name}\`${p.optional ? " (optional)" : ""}: ${p.description ?? ""}`);
      const shown = examples.filter((e) => e.id === fn.id).map((e) => `  - \`${formulaOf(e)}\` → ${formatResult(e.result)} (${e.source})`);
      return [`- **\`${signature(fn)}\`**: ${fn.description}`, ...params, ...(shown.length ? ["  - Examples:", ...shown.map((l) => `  ${l}`)] : [])].join("\n");
    })
    .join("\n");
}

module.exports = { DEV_BASE_URL, finishMetadata, formulaOf, renderReferenceHtml, renderReferenceMarkdown };

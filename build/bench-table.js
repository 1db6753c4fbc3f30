// Renders bench-results.json (written by `npm run bench`) as the README's benchmark table,
// so the figures in the README are always the last measured ones, never retyped.
"use strict";

/** A markdown table cell: pipes escaped so a figure cannot break the table. */
const cell = (text) => String(text).replace(/\|/g, "\\|");

/**
 * @param {{ date: string, node: string, machine: { cpu?: string, cpus: number, loadAverage: number[] },
 *           bars: { name: string, figure: string, bar: string, pass: boolean, open?: string }[] }} results
 * @returns {string}
 */
function renderBenchMarkdown(results) {
  const { date, node, machine, bars } = results;
  const when = date.slice(0, 10);
  const load = machine.loadAverage.map((x) => x.toFixed(2)).join(" ");
  const lines = [
    `Measured ${when} on Node ${node}, ${machine.cpu ?? "unknown CPU"} × ${machine.cpus} (load ${load}).`,
    "Timings are medians of several runs (see `scripts/bench.mjs`).",
    "",
    "| Check | Figure | Bar | Result |",
    "| --- | --- | --- | --- |",
    ...bars.map((b) => `| ${cell(b.name)} | ${cell(b.figure)} | ${cell(b.bar)} | ${b.pass ? "pass" : b.open ? `open (${cell(b.open)})` : "**FAIL**"} |`),
  ];
  return lines.join("\n");
}

module.exports = { renderBenchMarkdown };

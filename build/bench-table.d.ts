/** Types for build/bench-table.js. */
export interface BenchBar {
  name: string;
  figure: string;
  bar: string;
  pass: boolean;
  /** Missed, and owned by an open issue: reported, not failed. */
  open?: string;
}
export function renderBenchMarkdown(results: {
  date: string;
  node: string;
  machine: { cpu?: string; cpus: number; loadAverage: number[] };
  bars: BenchBar[];
}): string;

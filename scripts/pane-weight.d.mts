/** Types for scripts/pane-weight.mjs. */
export const PANE_BAR_KB: number;
export function paneWeight(dist?: string): {
  scripts: { src: string; officeJs: boolean; bytes: number; gzipBytes: number }[];
  ownGzipBytes: number;
  allGzipBytes: number;
  barKb: number;
  withinBar: boolean;
};
export function chunksHolding(text: string, dist?: string): { name: string; bytes: number }[];
export function exceljsChunks(dist?: string): { name: string; bytes: number }[];

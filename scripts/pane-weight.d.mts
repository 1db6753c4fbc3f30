/** Types for scripts/pane-weight.mjs. */
export const PANE_BAR_KB: number;
export function paneWeight(dist?: string): {
  scripts: { src: string; officeJs: boolean; bytes: number; gzipBytes: number }[];
  ownGzipBytes: number;
  allGzipBytes: number;
  barKb: number;
  withinBar: boolean;
};

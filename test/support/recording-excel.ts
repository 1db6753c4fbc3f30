/**
 * An office.js stand-in for the pane's import tests (pane-import*.test.ts): Excel with a
 * workbook that has nothing yet, recording every call.
 */
import { OFFICE_IN_EXCEL } from "./browser";

/**
 * office.js standing in for Excel, with a workbook that has nothing yet (every getItemOrNullObject
 * is a null object, but for a table a test puts in window.tables as {headers, rows}, which reads
 * back as Excel returns its ranges) and records every call and assignment as a path, a call's first argument in
 * it while they are plain values: `context.workbook.worksheets.add("Ledger Rows").tables.add("A1:M2",true).rows.add`.
 */
export const RECORDING_EXCEL = `
  window.calls = [];
  ${OFFICE_IN_EXCEL}
  const plain = (v) => v === undefined || v === null || typeof v !== "object" && typeof v !== "function";
  const record = (path, args) => { let json; try { json = JSON.stringify(args); } catch { json = "[]"; } window.calls.push({ path, args: JSON.parse(json ?? "[]") }); };
  const fake = (path) => new Proxy(function () {}, {
    get(_target, key) {
      if (key === "then" || typeof key === "symbol") return undefined;
      // A saved column mapping, when the test puts one in window.savedMappings.
      const setting = path.endsWith('settings.getItemOrNullObject("AWU.ImportMappings")') && window.savedMappings;
      // A table the test puts in window.tables ({headers, rows}): found, and read back as Excel returns ranges.
      const table = (/tables\\.getItem(?:OrNullObject)?\\("([^"]+)"\\)/.exec(path) || [])[1];
      const held = table && window.tables && window.tables[table];
      if (key === "isNullObject") return !(setting || (held && /getItemOrNullObject\\("[^"]+"\\)$/.test(path)));
      if (key === "value" && setting) return window.savedMappings;
      if (held && (key === "values" || key === "formulasR1C1" || key === "rowCount" || key === "address")) return readOf(held, path, key);
      if (key === "items") return [];
      if (key === "load") return () => fake(path);
      return fake(path + "." + key);
    },
    set(_target, key, value) { record(path + "." + key, [value]); return true; },
    apply(_target, _this, args) {
      record(path, args);
      // The call's plain arguments in its path (getCell(0,12)), up to the first that is not.
      const shown = [];
      for (const arg of args) { if (!plain(arg) || arg === undefined) break; shown.push(JSON.stringify(arg)); }
      return fake(path + "(" + shown.join(",") + ")");
    },
  });
  // What a read of a held table returns: its header row, a body row, a run of one column's cells, the whole body, its size.
  const readOf = (held, path, key) => {
    if (key === "rowCount") return held.rows.length;
    if (key === "address") return "'Sheet'!A2:A" + (held.rows.length + 1);
    if (path.endsWith(".getHeaderRowRange()")) return [held.headers];
    const row = /getRow\\((\\d+)\\)$/.exec(path);
    if (row) return [held.rows[Number(row[1])]];
    const run = /getCell\\((\\d+),(\\d+)\\)\\.getResizedRange\\((\\d+),0\\)$/.exec(path);
    if (run) return held.rows.slice(Number(run[1]), Number(run[1]) + Number(run[3]) + 1).map((r) => [r[Number(run[2])]]);
    return held.rows;
  };
  window.Excel = { run(options, batch) { return Promise.resolve().then(() => batch(fake("context"))); } };
`;

/** A recorded call: its path from the context, and its arguments. */
export interface RecordedCall {
  readonly path: string;
  readonly args: unknown[];
}

/** Rows written into a table created on a sheet: into its first row, then appended. */
export const rowsOn = (calls: readonly RecordedCall[], sheet: string): number =>
  calls
    .filter((c) => c.path.startsWith(`context.workbook.worksheets.add(${JSON.stringify(sheet)})`))
    .reduce((n, c) => n + (c.path.endsWith(".rows.add") ? (c.args[1] as unknown[]).length : c.path.endsWith(".getRow(0).values") ? 1 : 0), 0);

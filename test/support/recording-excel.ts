/**
 * An office.js stand-in for the pane's import tests (pane-import*.test.ts): Excel with a
 * workbook that has nothing yet, recording every call.
 */
import { OFFICE_IN_EXCEL } from "./browser";

/**
 * office.js standing in for Excel, with a workbook that has nothing yet (every getItemOrNullObject
 * is a null object) and records every call and assignment as a path, a call's first argument in
 * it when that is a plain value: `context.workbook.worksheets.add("Ledger Rows").tables.add("A1:M2").rows.add`.
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
      if (key === "isNullObject") return !setting;
      if (key === "value" && setting) return window.savedMappings;
      if (key === "items") return [];
      if (key === "load") return () => fake(path);
      return fake(path + "." + key);
    },
    set(_target, key, value) { record(path + "." + key, [value]); return true; },
    apply(_target, _this, args) {
      record(path, args);
      return fake(path + "(" + (args.length > 0 && plain(args[0]) ? JSON.stringify(args[0]) : "") + ")");
    },
  });
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

/**
 * Remembering column mappings in the workbook. They are kept in the workbook's add-in
 * settings (Excel.SettingCollection, ExcelApi 1.4), under one key, as versioned JSON: saved
 * with the document, travelling with it to colleagues, batched in the same request context
 * as everything else, and invisible on the grid (no sheet an analyst could edit or delete,
 * none the template's check would have to know about). What each import actually used is
 * also written, for the audit, in its Imports row.
 *
 * Up to MAX_SAVED mappings are kept, one per kind of log (its header signature); saving a
 * mapping for the same headers replaces the earlier one.
 */
import { LEDGER_WORKBOOK } from "../template/sheets/ledger-tables";
import { headerSignature, parseMapping, pickMapping, type ColumnMapping } from "./mapping";

export const MAX_SAVED = 20;
const STORE_VERSION = 1;

/** The saved mappings from the setting's stored value (anything unreadable is dropped). */
export function mappingsFromSetting(value: unknown): ColumnMapping[] {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (typeof data !== "object" || data === null || !("mappings" in data) || !Array.isArray(data.mappings)) return [];
  return data.mappings.map(parseMapping).filter((m): m is ColumnMapping => m !== null);
}

/** The setting's value after saving `mapping`: replaces one for the same headers, newest last, oldest dropped past MAX_SAVED. */
export function settingWith(saved: readonly ColumnMapping[], mapping: ColumnMapping): string {
  const signature = headerSignature(mapping.headers);
  const kept = saved.filter((m) => headerSignature(m.headers) !== signature);
  return JSON.stringify({ version: STORE_VERSION, mappings: [...kept, mapping].slice(-MAX_SAVED) });
}

/** Every saved mapping (one sync). */
export async function loadMappings(context: Excel.RequestContext): Promise<ColumnMapping[]> {
  const setting = context.workbook.settings.getItemOrNullObject(LEDGER_WORKBOOK.mappingSetting).load("value");
  await context.sync();
  return setting.isNullObject ? [] : mappingsFromSetting(setting.value);
}

/** The saved mapping for a file with these headers, or null (one sync). */
export async function loadMapping(context: Excel.RequestContext, headers: readonly string[]): Promise<ColumnMapping | null> {
  return pickMapping(await loadMappings(context), headers);
}

/** Saves a mapping the analyst confirmed (two syncs: read the others, write all). */
export async function saveMapping(context: Excel.RequestContext, mapping: ColumnMapping): Promise<void> {
  const saved = await loadMappings(context);
  context.workbook.settings.add(LEDGER_WORKBOOK.mappingSetting, settingWith(saved, mapping));
  await context.sync();
}

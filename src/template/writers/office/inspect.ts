/**
 * What the workbook already has of the template, read in one sync: every sheet, table and
 * workbook-scoped name (so a free copy number can be chosen), protection, and which of
 * them are the template's own.
 */
import type { WorkbookItem } from "../../../messages/workbook";
import type { TemplateDescription } from "../../model/description";
import { inventory } from "./inventory";

export interface ExistingName {
  readonly name: string;
  /** The sheet it points at, or null when it points at no sheet (a constant, or #REF!). */
  readonly sheet: string | null;
  /** Its reference is broken (#REF!): its sheet or cells were deleted. */
  readonly broken: boolean;
}

export interface WorkbookReport {
  readonly sheets: readonly string[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
  readonly names: readonly ExistingName[];
  readonly workbookProtected: boolean;
  readonly protectedSheets: readonly string[];
  /** The template's own sheets, tables and names already in the workbook. */
  readonly existing: {
    readonly sheets: readonly string[];
    readonly tables: readonly { readonly name: string; readonly sheet: string }[];
    readonly names: readonly ExistingName[];
  };
  /** Something of the template is already there: building fresh would overwrite it. */
  readonly conflicts: boolean;
  /** Template-named tables and names that live outside the template's sheets (rebuild must not touch them). */
  readonly outside: readonly WorkbookItem[];
  /** The analyst's own tables and names on the template's sheets (a rebuild deletes or breaks them). */
  readonly userItemsOnTemplateSheets: readonly WorkbookItem[];
}

/** "Inputs!$B$5", "='Jobs (2)'!$B$5" → the sheet; "#REF!" or a constant → null. */
export function sheetOfReference(reference: string): string | null {
  const text = reference.startsWith("=") ? reference.slice(1) : reference;
  const quoted = /^'((?:[^']|'')+)'!/.exec(text);
  if (quoted) return (quoted[1] as string).replace(/''/g, "'");
  const plain = /^([^'!=#"]+)!/.exec(text);
  return plain ? (plain[1] as string) : null;
}

const lower = (s: string): string => s.toLowerCase();

export async function inspectWorkbook(context: Excel.RequestContext, description: TemplateDescription): Promise<WorkbookReport> {
  const book = context.workbook;
  const sheets = book.worksheets.load("items/name,items/protection/protected");
  const tables = book.tables.load("items/name,items/worksheet/name");
  const names = book.names.load("items/name,items/type,items/value");
  const protection = book.protection.load("protected");
  await context.sync();

  const allNames: ExistingName[] = names.items.map((n) => {
    const value = String(n.value ?? "");
    return { name: n.name, sheet: n.type === "Range" ? sheetOfReference(value) : null, broken: value.includes("#REF!") };
  });
  const allTables = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  const own = inventory(description);
  const ownSheets = new Set(own.sheets.map(lower));
  const ownTables = new Set(own.tables.map((t) => lower(t.name)));
  const ownNames = new Set(own.names.map((n) => lower(n.name)));
  const onOwnSheet = (sheet: string | null): boolean => sheet !== null && ownSheets.has(lower(sheet));

  const existing = {
    sheets: sheets.items.map((s) => s.name).filter((s) => ownSheets.has(lower(s))),
    // Tables and names share one namespace: a user's name "Jobs" blocks the table "Jobs".
    tables: allTables.filter((t) => ownTables.has(lower(t.name)) || ownNames.has(lower(t.name))),
    names: allNames.filter((n) => ownNames.has(lower(n.name)) || ownTables.has(lower(n.name))),
  };
  const outside: WorkbookItem[] = [
    ...existing.tables.filter((t) => !onOwnSheet(t.sheet)).map((t) => ({ item: "table" as const, name: t.name, sheet: t.sheet })),
    ...existing.names.filter((n) => !n.broken && !onOwnSheet(n.sheet)).map((n) => ({ item: "name" as const, name: n.name, sheet: n.sheet })),
  ];
  const userItemsOnTemplateSheets: WorkbookItem[] = [
    ...allTables.filter((t) => onOwnSheet(t.sheet) && !ownTables.has(lower(t.name))).map((t) => ({ item: "table" as const, name: t.name, sheet: t.sheet })),
    ...allNames.filter((n) => onOwnSheet(n.sheet) && !ownNames.has(lower(n.name))).map((n) => ({ item: "name" as const, name: n.name, sheet: n.sheet })),
  ];
  return {
    sheets: sheets.items.map((s) => s.name),
    tables: allTables,
    names: allNames,
    workbookProtected: protection.protected,
    protectedSheets: sheets.items.filter((s) => s.protection.protected).map((s) => s.name),
    existing,
    conflicts: existing.sheets.length + existing.tables.length + existing.names.length > 0,
    outside,
    userItemsOnTemplateSheets,
  };
}

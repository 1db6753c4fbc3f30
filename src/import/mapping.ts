/**
 * The column mapping: which of a file's headers feeds each ledger field, plus the file's
 * reading settings (separator, decimal mark, day/month order). The analyst confirms it once
 * per kind of log; it is JSON, saved in the workbook (settings.ts) and found again for a
 * file with the same headers.
 */
import { LEDGER_FIELDS, FIELD_SPECS, headerKey, unmappedRequired, type LedgerField } from "./fields";
import type { DateOrderSetting } from "./timestamps";
import type { Delimiter } from "./source";
import type { DecimalMark } from "./values";
import { recogniseShape } from "./shapes";

export const MAPPING_VERSION = 1;

export interface ColumnMapping {
  readonly version: typeof MAPPING_VERSION;
  /** Field → the file's header, exactly as the file (after trimming) names it. */
  readonly columns: Readonly<Partial<Record<LedgerField, string>>>;
  readonly delimiter: Delimiter | "auto";
  readonly decimal: DecimalMark | "auto";
  readonly dateOrder: DateOrderSetting;
  /** The headers of the file the mapping was made for: how a later file is recognised. */
  readonly headers: readonly string[];
}

export interface Proposal {
  readonly mapping: ColumnMapping;
  /** Per mapped field: "exact" (a known header name) or "similar" (a known name inside a longer header). */
  readonly confidence: Readonly<Partial<Record<LedgerField, "exact" | "similar">>>;
  /** Headers mapped to no field. */
  readonly unmapped: readonly string[];
  /** Required fields no header suggested. */
  readonly missingRequired: readonly LedgerField[];
  /** The known export the headers are (src/import/shapes.ts), when they are one: the mapping is that shape's. */
  readonly shape?: { readonly key: string; readonly name: string };
}

const ALIAS_KEYS: ReadonlyMap<LedgerField, readonly string[]> = new Map(LEDGER_FIELDS.map((f) => [f, FIELD_SPECS[f].aliases.map(headerKey)]));

/** How well a header suggests a field: 3 for a known name, 1+ for a known name (of 4+ letters) inside it, longer better; 0 for none. */
function score(header: string, field: LedgerField): number {
  const key = headerKey(header);
  const aliases = ALIAS_KEYS.get(field) ?? [];
  if (aliases.includes(key)) return 3;
  const inside = aliases.filter((a) => a.length >= 4 && key.includes(a)).reduce((best, a) => Math.max(best, a.length), 0);
  return inside > 0 ? 1 + inside / 100 : 0;
}

/**
 * A mapping from header names alone. Each header is offered only to the field it suggests
 * most ("Flex credits consumed (per action)" is about credits, not the action type); the
 * best-scoring pairs are taken first, each field used once.
 */
export function proposeMapping(headers: readonly string[]): Proposal {
  // A known export's own column names: its mapping whole, never topped up by guesses (a column it leaves out, it leaves out on purpose).
  const known = recogniseShape(headers);
  if (known) {
    const columns: Partial<Record<LedgerField, string>> = { ...known.mapping };
    const confidence: Partial<Record<LedgerField, "exact" | "similar">> = {};
    for (const field of LEDGER_FIELDS) if (columns[field] !== undefined) confidence[field] = "exact";
    const used = new Set(Object.values(columns));
    return {
      mapping: { version: MAPPING_VERSION, columns, delimiter: "auto", decimal: "auto", dateOrder: "auto", headers: [...headers] },
      confidence,
      unmapped: headers.filter((h) => !used.has(h)),
      missingRequired: unmappedRequired(columns),
      shape: { key: known.shape.key, name: known.shape.name },
    };
  }
  const pairs = headers
    .map((header) => LEDGER_FIELDS.map((field) => ({ header, field, score: score(header, field) })).reduce((best, p) => (p.score > best.score ? p : best)))
    .filter((p) => p.score > 0);
  // Stable sort: at equal scores the earlier header and the earlier field win.
  pairs.sort((a, b) => b.score - a.score);
  const columns: Partial<Record<LedgerField, string>> = {};
  const confidence: Partial<Record<LedgerField, "exact" | "similar">> = {};
  const used = new Set<string>();
  for (const p of pairs) {
    if (columns[p.field] !== undefined || used.has(p.header)) continue;
    columns[p.field] = p.header;
    confidence[p.field] = p.score >= 3 ? "exact" : "similar";
    used.add(p.header);
  }
  return {
    mapping: { version: MAPPING_VERSION, columns, delimiter: "auto", decimal: "auto", dateOrder: "auto", headers: [...headers] },
    confidence,
    unmapped: headers.filter((h) => !used.has(h)),
    missingRequired: unmappedRequired(columns),
  };
}

/** Headers compared as headerKey does, order ignored: the same kind of log. */
export const headerSignature = (headers: readonly string[]): string => [...headers].map(headerKey).sort().join("|");

/**
 * The saved mapping for a file: one made for the same headers, else the most recent one
 * whose mapped headers the file all has (a log that gained a column), else null.
 */
export function pickMapping(saved: readonly ColumnMapping[], headers: readonly string[]): ColumnMapping | null {
  const signature = headerSignature(headers);
  const same = saved.filter((m) => headerSignature(m.headers) === signature);
  if (same.length > 0) return same[same.length - 1] ?? null;
  const have = new Set(headers);
  const fits = saved.filter((m) => Object.values(m.columns).every((h) => h !== undefined && have.has(h)));
  return fits[fits.length - 1] ?? null;
}

// ---- JSON ---------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(v: unknown, choices: readonly T[], fallback: T): T => (choices.includes(v as T) ? (v as T) : fallback);

export const serialiseMapping = (mapping: ColumnMapping): string => JSON.stringify(mapping);

/**
 * A mapping from stored JSON, or null if it is not one. Stored data is not trusted: unknown
 * fields and non-string headers are dropped, unknown settings fall back to "auto".
 */
export function parseMapping(value: unknown): ColumnMapping | null {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isRecord(data) || data.version !== MAPPING_VERSION || !isRecord(data.columns) || !Array.isArray(data.headers)) return null;
  const given = data.columns;
  const columns: Partial<Record<LedgerField, string>> = {};
  for (const field of LEDGER_FIELDS) {
    const header = given[field];
    if (typeof header === "string" && header !== "") columns[field] = header;
  }
  return {
    version: MAPPING_VERSION,
    columns,
    delimiter: oneOf(data.delimiter, ["auto", ",", ";", "\t", "|"] as const, "auto"),
    decimal: oneOf(data.decimal, ["auto", ".", ","] as const, "auto"),
    dateOrder: oneOf(data.dateOrder, ["auto", "DMY", "MDY"] as const, "auto"),
    headers: data.headers.filter((h): h is string => typeof h === "string"),
  };
}

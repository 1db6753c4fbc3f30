/**
 * The ledger's content hash: FNV-1a, 64-bit, over its normalised rows, for the audit trail
 * beside the import's whole-file SHA-256. Small, pure and synchronous (no SubtleCrypto, which
 * Excel's function runtime lacks, and no dependency); an identity for "is this the same
 * ledger?", however the file was laid out, not a defence against tampering.
 */
import type { LedgerRecord } from "./ledger-types";

/**
 * FNV-1a 64 of the text's UTF-8 bytes, as 16 hex digits (what other tools give for the same
 * text; the importer's row keys hash UTF-16 code units, src/import/sha256.ts). The
 * 64-bit state is four 16-bit limbs, so every product stays exact in a double (no BigInt).
 */
export function fnv1a64Utf8(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const mix = (byte: number): void => {
    h0 ^= byte;
    // × the FNV prime 0x100000001b3 = 2^40 + 0x1b3: limb 0 × 0x1b3, and limb 0 × 2^8 into limb 2.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    // A surrogate pair is one code point, four UTF-8 bytes.
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) mix(code);
    else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
      if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    }
  }
  const hex = (limb: number): string => limb.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** One record as the hash reads it: every field the ledger uses, none derived (not sourceRow, not key). */
export function canonicalRecord(record: LedgerRecord): string {
  return JSON.stringify([
    record.timestampMs,
    record.agent,
    record.job,
    record.actionType,
    record.units,
    record.status,
    record.escalated,
    record.rerun,
    record.reviewMinutes,
    record.team,
  ]);
}

/**
 * The ledger's content hash: FNV-1a 64 of its canonical rows, sorted, one per line. The
 * same rows in any order hash alike (a re-sorted export is the same log); a changed,
 * added or removed row changes it.
 */
export function ledgerContentHash(records: readonly LedgerRecord[]): string {
  const lines = records.map(canonicalRecord);
  lines.sort();
  return fnv1a64Utf8(lines.join("\n"));
}

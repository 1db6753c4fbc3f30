/**
 * Hashes for the audit trail. A whole file: SHA-256 of its bytes (Web Crypto, in the pane
 * and in Node), the same hex an auditor gets from `sha256sum`. A row: 64-bit FNV-1a over
 * its normalised fields, computed here synchronously because 100,000 awaits of Web Crypto
 * would cost more than the parse; 64 bits keep an accidental collision negligible (about
 * 3 in 10^8 across a million rows).
 */

/** SHA-256 of the bytes, lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes.slice().buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Row keys use the engine's FNV-1a 64 over UTF-8, the one hash of the ledger (src/engine/hash.ts). */
export { fnv1a64Utf8 as fnv1a64 } from "../engine/hash";

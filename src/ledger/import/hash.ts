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

/**
 * FNV-1a with the 64-bit offset basis and prime (2^40 + 0x1b3), over UTF-16 code units
 * (the same as over bytes for ASCII). Numbers hold 53 bits, so the hash is kept in four
 * 16-bit limbs: multiplying by the prime is ×0x1b3 on every limb plus ×0x100 shifted up two
 * limbs (the 2^40), with the carries passed up and the overflow past 64 bits dropped.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number): string => n.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

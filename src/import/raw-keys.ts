/**
 * The raw actions an aggregated import summed, kept so that an overlapping export is
 * de-duplicated action by action (issue 11: "re-exports and overlaps never double count").
 *
 * A daily row stands for many actions, and its own key cannot say which: two overlapping raw
 * files aggregated on import would each add their shared actions to a different daily row. So
 * each aggregated import also writes the keys of the raw rows it summed to the RawKeys table,
 * as 64-bit hashes, 11 characters each, packed a few thousand to a cell (a million actions are
 * about 11 MB of text in some 350 cells). A later import, aggregated or row by row, skips a raw
 * row whose key is among them, as it skips one whose key a Ledger row holds.
 */
import { fnv1a64 } from "./sha256";

/**
 * Each cell starts with this: a version (a later encoding can be told apart) and a letter, so
 * Excel never reads a cell of one key, say "00000000012", as a number.
 */
export const PACKED_PREFIX = "k1:";

/** Characters per key: 16 hex digits, each three as two base-64 characters and the last as one. */
export const PACKED_KEY_CHARS = 11;

/** Keys per cell: 2,900 × 11 + 3 = 31,903 characters, within the 32,767 a cell holds. */
export const KEYS_PER_CELL = 2_900;

// 64 characters, none that Excel reads at a cell's start (= + - @) nor that XML escapes.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.";
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** Writes a 16-hex-digit hash's 11 packed characters as bytes at `at`. */
function packInto(hex16: string, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 5; i++) {
    const twelveBits = parseInt(hex16.slice(3 * i, 3 * i + 3), 16);
    bytes[at + 2 * i] = ALPHABET_CODES[twelveBits >> 6] as number;
    bytes[at + 2 * i + 1] = ALPHABET_CODES[twelveBits & 63] as number;
  }
  bytes[at + 10] = ALPHABET_CODES[parseInt(hex16.slice(15, 16), 16)] as number;
}

const one = new Uint8Array(PACKED_KEY_CHARS);
/** A 16-hex-digit hash as its 11 packed characters. */
export function packedHash(hex16: string): string {
  packInto(hex16, one, 0);
  return String.fromCharCode(...one);
}

/** A raw row's key (as the importer makes it) as held in the RawKeys table. */
export const packedKey = (key: string): string => packedHash(fnv1a64(key));

/** One RawKeys row as the import writes it. */
export interface RawKeysCell {
  /** Keys packed in the cell. */
  readonly keys: number;
  readonly text: string;
}

/**
 * The packed keys of an import's raw rows as they are summed, each with its daily row's group:
 * 11 bytes and 4 a key in two growing arrays (a million keys are 15 MB, where a million short
 * strings would be some 40 MB), made into cells once the groups the ledger already holds are known.
 */
export class PackedKeys {
  private bytes = new Uint8Array(PACKED_KEY_CHARS * 1024);
  private groups = new Int32Array(1024);
  private count = 0;

  add(hex16: string, group: number): void {
    if (this.count === this.groups.length) {
      const bytes = new Uint8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
      const groups = new Int32Array(this.groups.length * 2);
      groups.set(this.groups);
      this.groups = groups;
    }
    packInto(hex16, this.bytes, this.count * PACKED_KEY_CHARS);
    this.groups[this.count++] = group;
  }

  get size(): number {
    return this.count;
  }

  /** The keys of the groups kept, as cells of at most KEYS_PER_CELL keys. */
  cells(keep: (group: number) => boolean = () => true): RawKeysCell[] {
    const ascii = new TextDecoder("latin1");
    const cells: RawKeysCell[] = [];
    const cell = new Uint8Array(KEYS_PER_CELL * PACKED_KEY_CHARS);
    let keys = 0;
    const flush = (): void => {
      if (keys > 0) cells.push({ keys, text: PACKED_PREFIX + ascii.decode(cell.subarray(0, keys * PACKED_KEY_CHARS)) });
      keys = 0;
    };
    for (let i = 0; i < this.count; i++) {
      if (!keep(this.groups[i] as number)) continue;
      cell.set(this.bytes.subarray(i * PACKED_KEY_CHARS, (i + 1) * PACKED_KEY_CHARS), keys * PACKED_KEY_CHARS);
      if (++keys === KEYS_PER_CELL) flush();
    }
    flush();
    return cells;
  }
}

/**
 * The packed keys of RawKeys cells, added to `into` (a plain set: it crosses to the pane's log
 * reader by postMessage). A cell not of this encoding (typed over, or a later version) adds none.
 */
export function unpackCells(cells: Iterable<string>, into: Set<string> = new Set()): Set<string> {
  for (const cell of cells) {
    if (!cell.startsWith(PACKED_PREFIX) || (cell.length - PACKED_PREFIX.length) % PACKED_KEY_CHARS !== 0) continue;
    for (let at = PACKED_PREFIX.length; at < cell.length; at += PACKED_KEY_CHARS) into.add(cell.slice(at, at + PACKED_KEY_CHARS));
  }
  return into;
}

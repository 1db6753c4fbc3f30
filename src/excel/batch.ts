/**
 * Request sizing. Excel refuses a request above its payload limit (about 5 MB on the web),
 * so writes are queued against an estimate of their JSON size and a sync is made early
 * only when the next write would push the batch over the budget. One large block is split
 * into row chunks so no single write can exceed it either.
 */

/** The limit the brief sets for one request: 4 MB. */
export const REQUEST_LIMIT_BYTES = 4 * 1024 * 1024;
/** What the writer plans against: the limit less a margin for what the estimate misses. */
export const DEFAULT_BUDGET_BYTES = 3_500_000;
/** One queued action's framing (object path, ids, property name) beyond its value; generous. */
export const ACTION_BYTES = 160;

/** UTF-8 length of a string without allocating a buffer. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes a value adds to a request as JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/** The bytes of `actions` queued actions carrying `value`. */
export const cost = (value: unknown, actions = 1): number => actions * ACTION_BYTES + jsonBytes(value);

export interface BatchStats {
  /** Syncs this batcher made. */
  readonly syncs: number;
  /** Estimated bytes of each request it sent. */
  readonly requests: readonly number[];
}

/**
 * Queues writes against a byte budget. `reserve` before queuing; it syncs first when the
 * write would not fit. `start` runs at the beginning of every batch (the suspensions,
 * which last only until the next sync).
 */
export class Batcher {
  private pending = 0;
  private readonly sent: number[] = [];

  constructor(
    private readonly context: { sync(): Promise<unknown> },
    readonly budget: number,
    private readonly start: () => number,
  ) {}

  async reserve(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    if (this.pending === 0) this.pending = this.start();
    this.pending += bytes;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const bytes = this.pending;
    this.pending = 0;
    await this.context.sync();
    this.sent.push(bytes);
  }

  get stats(): BatchStats {
    return { syncs: this.sent.length, requests: [...this.sent] };
  }
}

/**
 * Splits rows into consecutive runs each within `maxBytes` (a row larger than that is a
 * run of its own). Returns [start, end) pairs.
 */
export function chunkRows(rowBytes: readonly number[], maxBytes: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  rowBytes.forEach((b, i) => {
    if (i > start && bytes + b > maxBytes) {
      runs.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rowBytes.length > start) runs.push([start, rowBytes.length]);
  return runs;
}

/**
 * The log reader's message protocol, in Node: the jobs (import-jobs.ts, what the Web Worker
 * runs) answer each request with plain data that survives structured clone unchanged, post
 * progress at a bounded rate, and answer a job that throws with its message; the pane's
 * client (import-client.ts) runs the same jobs on this thread where there is no worker, falls
 * back to it when the worker's script cannot load, and Cancel rejects what is waiting.
 */
import fs from "fs";
import path from "path";
import { createJobs, PROGRESS_EVERY_MS } from "../../src/taskpane/import-jobs";
import { Cancelled, LogReader } from "../../src/taskpane/import-client";
import type { ImportReply, ImportRequest } from "../../src/taskpane/import-protocol";

const FIXTURES = path.join(__dirname, "../import/fixtures");
const blobOf = (fixture: string): Blob => new Blob([fs.readFileSync(path.join(FIXTURES, fixture))]);

/** Runs requests through the jobs and collects the replies. */
async function converse(requests: readonly ImportRequest[], clock?: () => number): Promise<ImportReply[]> {
  const replies: ImportReply[] = [];
  const jobs = createJobs((reply) => replies.push(reply), clock);
  await Promise.all(requests.map((request) => jobs(request)));
  return replies;
}

const finals = (replies: readonly ImportReply[]): ImportReply[] => replies.filter((r) => r.kind !== "progress");

describe("the jobs", () => {
  test("read, preview and plan answer in order, with plain data that structured clone keeps as it is", async () => {
    const replies = await converse([
      { id: 1, kind: "read", file: blobOf("vendor-export.csv"), name: "vendor-export.csv", options: {} },
      { id: 2, kind: "preview", mapping: { version: 1, headers: [], columns: {}, delimiter: "auto", decimal: "auto", dateOrder: "auto" }, rows: 5, rejects: 3 },
    ]);
    const read = finals(replies)[0];
    if (read?.kind !== "read" || "ok" in read.result) throw new Error("not read");
    expect(read.result).toMatchObject({ name: "vendor-export.csv", format: "csv", rows: 16, decoding: { encoding: "utf-8" } });
    expect(read.result.headers).toContain("Credits Consumed");
    // An empty mapping is the mapping's problem, as data.
    expect(finals(replies)[1]).toEqual({ id: 2, kind: "preview", result: { ok: false, problem: { code: "unmappedRequired", fields: ["timestamp", "units"] } } });

    const mapping = read.result.proposal.mapping;
    const more = await (async () => {
      const out: ImportReply[] = [];
      const jobs = createJobs((reply) => out.push(reply));
      await jobs({ id: 1, kind: "read", file: blobOf("vendor-export.csv"), name: "vendor-export.csv", options: {} });
      await jobs({ id: 2, kind: "preview", mapping, rows: 5, rejects: 3 });
      await jobs({ id: 3, kind: "plan", holding: { keys: new Set(), matches: new Map(), stamps: [], summaries: [] }, mapping, options: { now: new Date(Date.UTC(2026, 10, 30)), allowSameFile: false } });
      return out;
    })();
    const [, preview, plan] = finals(more);
    if (preview?.kind !== "preview" || !preview.result.ok) throw new Error("no preview");
    expect(preview.result.counts).toEqual({ read: 16, accepted: 7, rejected: 9, duplicates: 0, blankLines: 2 });
    expect(preview.result.records).toHaveLength(5);
    expect(preview.result.rejects).toHaveLength(3);
    expect(preview.result.notes[0]).toMatchObject({ code: "readAs", encoding: "utf-8" });
    if (plan?.kind !== "plan" || "ok" in plan.result) throw new Error("no plan");
    expect(plan.result.ledger).toHaveLength(7);
    expect(plan.result.rejects).toHaveLength(9);
    // What writeImport needs crosses; the importer's own records (already in the rows) stay behind.
    expect(plan.result.result.records).toEqual([]);
    expect(plan.result.notes[0]).toEqual({ code: "done", read: 16, accepted: 7, rejected: 9, duplicates: 0 });
    // Everything that crosses postMessage comes out the same: no class instances, no functions.
    for (const reply of [...replies, ...more]) expect(structuredClone(reply)).toStrictEqual(reply);
  });

  test("progress: each stage's start, then at most one message per PROGRESS_EVERY_MS of the same stage", async () => {
    const big = new Blob([fs.readFileSync(path.join(FIXTURES, "vendor-export.csv")).toString().repeat(400)]);
    let now = 0;
    const replies = await converse([{ id: 1, kind: "read", file: big, name: "big.csv", options: {} }], () => now);
    const progress = replies.filter((r): r is Extract<ImportReply, { kind: "progress" }> => r.kind === "progress").map((r) => r.progress);
    // The clock stands still: the bytes read are posted once, at the start; then parsing.
    expect(progress.map((p) => p.stage)).toEqual(["reading", "parsing"]);
    expect(progress[1]?.bytes).toEqual({ read: big.size, total: big.size });
    now = 0;
    const ticking = await converse([{ id: 1, kind: "read", file: big, name: "big.csv", options: {} }], () => (now += PROGRESS_EVERY_MS));
    const reads = ticking.filter((r) => r.kind === "progress" && r.progress.stage === "reading");
    expect(reads.length).toBeGreaterThan(1);
  });

  test("a job with no log read, or one that throws, answers failed with the message", async () => {
    const mapping = { version: 1, headers: [], columns: {}, delimiter: "auto", decimal: "auto", dateOrder: "auto" } as const;
    expect(await converse([{ id: 7, kind: "preview", mapping, rows: 1, rejects: 1 }])).toEqual([{ id: 7, kind: "failed", message: "No log has been read yet." }]);
    const broken = { size: 1, stream: () => { throw new Error("unreadable disk"); } } as unknown as Blob;
    expect(finals(await converse([{ id: 8, kind: "read", file: broken, name: "x.csv", options: {} }]))).toEqual([{ id: 8, kind: "failed", message: "unreadable disk" }]);
  });

  test("the price list message sets the list where none is, and is not answered", async () => {
    const scope = globalThis as { awuTokenPriceList?: unknown };
    const before = scope.awuTokenPriceList;
    delete scope.awuTokenPriceList;
    try {
      const list = { package: "p", version: "1", published: "2026-01-01", license: "MIT", source: "s", providers: [] };
      expect(await converse([{ id: 0, kind: "prices", list }])).toEqual([]);
      expect(scope.awuTokenPriceList).toBe(list);
    } finally {
      if (before === undefined) delete scope.awuTokenPriceList;
      else scope.awuTokenPriceList = before;
    }
  });
});

describe("the client", () => {
  test("without a worker the same jobs run on this thread: read, preview, plan", async () => {
    const reader = new LogReader();
    expect(reader.where).toBe("thread");
    const stages: string[] = [];
    const summary = await reader.read(blobOf("vendor-export.csv"), "vendor-export.csv", {}, (p) => stages.push(p.stage));
    if ("ok" in summary) throw new Error("refused");
    expect(stages).toEqual(["reading", "parsing"]);
    const preview = await reader.preview(summary.proposal.mapping, 5, 3);
    expect(preview).toMatchObject({ ok: true, counts: { read: 16, accepted: 7 } });
    const plan = await reader.plan({ keys: new Set(), stamps: [], summaries: [] }, summary.proposal.mapping, { now: new Date(), allowSameFile: false });
    expect(plan).toMatchObject({ importNumber: 1, stamp: { File: "vendor-export.csv", Accepted: 7 } });
  });

  test("Cancel rejects what is waiting with Cancelled; the next job reads the file again first", async () => {
    const reader = new LogReader();
    const summary = await reader.read(blobOf("vendor-export.csv"), "vendor-export.csv", {});
    if ("ok" in summary) throw new Error("refused");
    const ticket = reader.ticket();
    const waiting = reader.preview(summary.proposal.mapping, 5, 3);
    reader.cancel();
    await expect(waiting).rejects.toBeInstanceOf(Cancelled);
    expect(() => reader.check(ticket)).toThrow(Cancelled);
    await expect(reader.preview(summary.proposal.mapping, 5, 3, undefined, ticket)).rejects.toBeInstanceOf(Cancelled);
    const stages: string[] = [];
    await expect(reader.preview(summary.proposal.mapping, 5, 3, (p) => stages.push(p.stage))).resolves.toMatchObject({ ok: true, counts: { accepted: 7 } });
    expect(stages).toEqual(["reading", "parsing", "checking"]);
  });

  test("a worker whose script does not load (an error before any reply) leaves the jobs to this thread", async () => {
    const posted: ImportRequest[] = [];
    const fake = {
      onmessage: null as ((event: MessageEvent<ImportReply>) => void) | null,
      onerror: null as ((event: ErrorEvent) => void) | null,
      postMessage(request: ImportRequest) {
        posted.push(request);
        setTimeout(() => fake.onerror?.({ message: "404", preventDefault: () => undefined } as ErrorEvent));
      },
      terminate: jest.fn(),
    };
    const reader = new LogReader(() => fake as unknown as Worker);
    expect(reader.where).toBe("worker");
    const summary = await reader.read(blobOf("vendor-export.csv"), "vendor-export.csv", {});
    expect(summary).toMatchObject({ rows: 16 });
    expect(reader.where).toBe("thread");
    expect(fake.terminate).toHaveBeenCalled();
    // The worker was sent the price list first, then the read.
    expect(posted.map((r) => r.kind)).toEqual(["prices", "read"]);
  });
});

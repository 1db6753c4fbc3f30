/**
 * The log reader's jobs: read a picked file (its bytes, then loadLog's decoding and parsing),
 * preview it under a mapping (importTable over every row) and plan its import against what
 * the ledger holds (planImport). The heavy part of an import, run in a Web Worker
 * (import-worker.ts) so the pane stays responsive, or on this thread where there is no worker
 * (import-client.ts): the same functions either way. The loaded log stays here; only plain
 * data goes back (import-protocol.ts). No DOM, no Office.
 */
import { PRICE_LIST_GLOBAL } from "../engine/price-list-shared";
import { importTable, inspectTable, mappingProblem, type ImportRefused, type ImportResult } from "../import/importer";
import { loadLog, type LoadedLog } from "../import/load";
import { proposeMapping, type ColumnMapping } from "../import/mapping";
import { planImport, readingNotes, tableFor, type ImportPlan } from "../import/plan";
import { shapeNote } from "../import/shapes";
import type { ImportNote } from "../messages/import";
import type { ImportReply, ImportRequest, LogSummary, PreviewData, ReadProgress } from "./import-protocol";

/** The most progress messages a job posts: one per this many milliseconds (a stage's start always goes). */
export const PROGRESS_EVERY_MS = 100;

export interface Preview {
  readonly result: ImportResult;
  /** What needs a decision before importing (an undecided day/month order, an assumed decimal mark). */
  readonly questions: readonly ImportNote[];
  /** How the file was read: a CSV's encoding and separator (and bytes that are not UTF-8), an .xlsx's sheet. */
  readonly reading: readonly ImportNote[];
  /** The known export the mapping is the proposal of (`shapeRecognised`), when it is one. */
  readonly shape?: ImportNote;
  readonly headers: readonly string[];
}

/** How the whole file reads under the mapping, with nothing in the ledger yet: counts, records, rejects. */
export function previewLog(log: LoadedLog, mapping: ColumnMapping): Preview | ImportRefused {
  const table = tableFor(log, mapping);
  const problem = mappingProblem(table.headers, mapping);
  if (problem) return { ok: false, problem };
  const result = importTable(table, mapping);
  if (!result.ok) return result;
  const shape = shapeNote(table.headers, mapping.columns);
  return { result, questions: inspectTable(table, mapping).questions, reading: readingNotes(log, table), ...(shape ? { shape } : {}), headers: table.headers };
}

/** The preview as the pane shows it: the first rows and rejects, and every note once (an assumed decimal mark is both a question and a note). */
export function previewData(log: LoadedLog, mapping: ColumnMapping, rows: number, rejects: number): PreviewData | ImportRefused {
  const preview = previewLog(log, mapping);
  if ("ok" in preview) return preview;
  const { result } = preview;
  const seen = new Set<string>();
  const notes = [...preview.reading, ...(preview.shape ? [preview.shape] : []), ...preview.questions, ...result.notes].filter((note) => {
    const key = JSON.stringify(note);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: true, counts: result.counts, records: result.records.slice(0, rows), rejects: result.rejects.slice(0, rejects), notes, headers: preview.headers };
}

/** A loaded log as the pane needs it: no rows, no text, no bad-line map. */
export function summaryOf(log: LoadedLog): LogSummary {
  const { table, decoding, sheet } = log;
  return {
    name: log.name,
    format: table.format,
    headers: table.headers,
    rows: table.rows.length,
    sha256: log.sha256,
    ...(decoding ? { decoding: { encoding: decoding.encoding, by: decoding.by, ...(decoding.notUtf8 ? { notUtf8: decoding.notUtf8 } : {}) } } : {}),
    ...(sheet ? { sheet } : {}),
    proposal: proposeMapping(table.headers),
  };
}

/**
 * A plan as it crosses to the pane: writeImport needs its rows, stamp and summary rows, and
 * the counts; the importer's records and rejects (already in the plan's rows) stay behind,
 * halving what is copied.
 */
export const planToSend = (plan: ImportPlan): ImportPlan => ({ ...plan, result: { ...plan.result, records: [], rejects: [] } });

/** A file's bytes, read in the chunks the browser streams, each reported. */
export async function readBlob(blob: Blob, onBytes: (read: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > out.length) throw new Error(`The file grew while it was read (more than ${blob.size} bytes).`);
    out.set(value, at);
    at += value.length;
    onBytes(at);
  }
  return at === out.length ? out : out.subarray(0, at);
}

/** Posts a job's progress at a bounded rate: a new stage always, the same stage at most every PROGRESS_EVERY_MS. */
function progressOf(id: number, post: (reply: ImportReply) => void, clock: () => number): (progress: ReadProgress) => void {
  let last = -Infinity;
  let stage = "";
  return (progress) => {
    const now = clock();
    if (progress.stage === stage && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    stage = progress.stage;
    post({ id, kind: "progress", progress });
  };
}

/**
 * The reader: requests in, replies out through `post`, one job at a time in the order asked.
 * A job's problem with the log is its result (`{ok: false, problem}`); a job that throws
 * answers `failed` with the message. `clock` paces the progress messages.
 */
export function createJobs(post: (reply: ImportReply) => void, clock: () => number = () => Date.now()): (request: ImportRequest) => Promise<void> {
  let log: LoadedLog | null = null;
  const noLog = (id: number): void => post({ id, kind: "failed", message: "No log has been read yet." });

  async function handle(request: ImportRequest): Promise<void> {
    const { id } = request;
    const progress = progressOf(id, post, clock);
    switch (request.kind) {
      case "prices": {
        // Before any job reads it (token-prices.ts reads the list on first use); a list already here stays.
        const scope = globalThis as { [PRICE_LIST_GLOBAL]?: unknown };
        if (request.list && scope[PRICE_LIST_GLOBAL] === undefined) scope[PRICE_LIST_GLOBAL] = request.list;
        return;
      }
      case "read": {
        log = null;
        const total = request.file.size;
        progress({ stage: "reading", bytes: { read: 0, total } });
        const bytes = await readBlob(request.file, (read) => progress({ stage: "reading", bytes: { read, total } }));
        progress({ stage: "parsing", bytes: { read: bytes.length, total } });
        const loaded = await loadLog({ name: request.name, bytes }, request.options);
        if ("ok" in loaded) return post({ id, kind: "read", result: loaded });
        log = loaded;
        return post({ id, kind: "read", result: summaryOf(loaded) });
      }
      case "preview": {
        if (!log) return noLog(id);
        progress({ stage: "checking", rows: log.table.rows.length });
        return post({ id, kind: "preview", result: previewData(log, request.mapping, request.rows, request.rejects) });
      }
      case "plan": {
        if (!log) return noLog(id);
        progress({ stage: "planning", rows: log.table.rows.length });
        const plan = planImport(request.holding, log, request.mapping, request.options);
        return post({ id, kind: "plan", result: "ok" in plan ? plan : planToSend(plan) });
      }
    }
  }

  let queue = Promise.resolve();
  return (request) => {
    queue = queue.then(() =>
      handle(request).catch((error: unknown) => post({ id: request.id, kind: "failed", message: error instanceof Error ? error.message : String(error) })),
    );
    return queue;
  };
}

/**
 * The pane's side of the log reader: sends jobs to a Web Worker (import-worker.ts) and
 * resolves each with its reply, passing progress on as it comes. Where no worker can be
 * started (no Worker in the host, or its script refused), the same jobs run on this thread,
 * yielding between steps so the progress still shows. Cancel terminates the worker: what it
 * was doing stops at once and its promise rejects with Cancelled; the next job starts a fresh
 * worker and reads the file again first.
 */
import { builtInPriceList } from "../engine/token-prices";
import type { ImportRefused } from "../import/importer";
import type { LoadOptions } from "../import/load";
import type { ColumnMapping } from "../import/mapping";
import type { ImportPlan, LedgerHolding, PlanOptions } from "../import/plan";
import { createJobs } from "./import-jobs";
import type { ImportReply, ImportRequest, LogSummary, PreviewData, ReadProgress, ResultOf } from "./import-protocol";

/** A job stopped by Cancel. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled");
    this.name = "Cancelled";
  }
}

export const isCancelled = (error: unknown): error is Cancelled => error instanceof Cancelled;

/** The worker could not be started or its script not loaded: the jobs run on this thread instead. */
class WorkerUnavailable extends Error {}

interface Pending {
  readonly resolve: (reply: ImportReply) => void;
  readonly reject: (error: unknown) => void;
  readonly onProgress: (progress: ReadProgress) => void;
}

/** Where jobs run: a worker, or this thread. */
interface Port {
  post(request: ImportRequest): void;
  close(): void;
}

type Request = ImportRequest extends infer R ? (R extends ImportRequest ? Omit<R, "id"> : never) : never;

const noProgress = (): void => undefined;
/** Lets the pane paint (a progress step, a click) before a job holds the thread. */
const yieldToPane = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class LogReader {
  private port: Port | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The last file read, to read again in a fresh worker (after Cancel). */
  private file: { readonly file: Blob; readonly name: string; readonly options: LoadOptions } | null = null;
  /** The running port holds that file's log. */
  private holdsLog = false;
  private cancels = 0;
  private startWorker: (() => Worker) | undefined;

  /** `startWorker`: starts the reader's worker; none (no Worker here), the jobs run on this thread. */
  constructor(startWorker?: () => Worker) {
    this.startWorker = startWorker;
  }

  /** Where the jobs run now, or will run next. */
  get where(): "worker" | "thread" {
    return this.startWorker ? "worker" : "thread";
  }

  /** Starts the worker ahead of the first job (while the analyst picks a file), so its start is not waited for. */
  warm(): void {
    this.open();
  }

  /** A mark to check later whether Cancel was pressed since (`check`). */
  ticket(): number {
    return this.cancels;
  }

  /** Throws Cancelled when Cancel was pressed since the ticket was taken. */
  check(ticket: number): void {
    if (ticket !== this.cancels) throw new Cancelled();
  }

  /** Stops what the reader is doing: the worker is terminated, each job waiting rejects with Cancelled. */
  cancel(): void {
    this.cancels++;
    this.port?.close();
    this.port = null;
    this.holdsLog = false;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const job of waiting) job.reject(new Cancelled());
  }

  /** Reads a file into the reader: its summary and proposed mapping, or why it is refused. */
  async read(file: Blob, name: string, options: LoadOptions, onProgress: (progress: ReadProgress) => void = noProgress, ticket = this.ticket()): Promise<LogSummary | ImportRefused> {
    return this.anywhere(async () => {
      this.check(ticket);
      this.file = null;
      this.holdsLog = false;
      const result = await this.ask({ kind: "read", file, name, options }, onProgress, ticket);
      if (!("ok" in result)) {
        this.file = { file, name, options };
        this.holdsLog = true;
      }
      return result;
    });
  }

  /** The read log under a mapping: counts, the first `rows` records and `rejects` rejects, the notes. */
  async preview(mapping: ColumnMapping, rows: number, rejects: number, onProgress: (progress: ReadProgress) => void = noProgress, ticket = this.ticket()): Promise<PreviewData | ImportRefused> {
    return this.anywhere(async () => {
      await this.ensureLog(onProgress, ticket);
      return this.ask({ kind: "preview", mapping, rows, rejects }, onProgress, ticket);
    });
  }

  /** The read log's import into a ledger holding `holding`, planned (nothing written). */
  async plan(holding: LedgerHolding, mapping: ColumnMapping, options: PlanOptions, onProgress: (progress: ReadProgress) => void = noProgress, ticket = this.ticket()): Promise<ImportPlan | ImportRefused> {
    return this.anywhere(async () => {
      await this.ensureLog(onProgress, ticket);
      return this.ask({ kind: "plan", holding, mapping, options }, onProgress, ticket);
    });
  }

  /** The worker's first job on a fresh worker is the file again (after Cancel, or a fall back to this thread). */
  private async ensureLog(onProgress: (progress: ReadProgress) => void, ticket: number): Promise<void> {
    this.check(ticket);
    if (this.holdsLog) return;
    const file = this.file;
    if (!file) throw new Error("No log has been read yet.");
    const again = await this.ask({ kind: "read", ...file }, onProgress, ticket);
    if ("ok" in again) throw new Error("The log could not be read again.");
    this.holdsLog = true;
  }

  /** Runs a job in the worker; when the worker turns out to be unavailable, again on this thread. */
  private async anywhere<T>(job: () => Promise<T>): Promise<T> {
    try {
      return await job();
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
      this.startWorker = undefined;
      this.port = null;
      this.holdsLog = false;
      return job();
    }
  }

  /** Sends a job and waits for its answer; Cancel pressed since `ticket` stops it before it is sent. */
  private async ask<R extends Request>(request: R, onProgress: (progress: ReadProgress) => void, ticket: number): Promise<ResultOf<R["kind"]>> {
    this.check(ticket);
    const id = this.nextId++;
    const port = this.open();
    const reply = await new Promise<ImportReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      port.post({ ...request, id } as ImportRequest);
    });
    if (reply.kind === "failed") throw new Error(reply.message);
    if (reply.kind !== request.kind || !("result" in reply)) throw new Error(`The log reader answered ${reply.kind} to ${request.kind}.`);
    const result: unknown = reply.result;
    return result as ResultOf<R["kind"]>;
  }

  private receive(reply: ImportReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return; // cancelled: its replies are dropped
    if (reply.kind === "progress") {
      job.onProgress(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    job.resolve(reply);
  }

  private open(): Port {
    if (this.port) return this.port;
    this.port = (this.startWorker && this.openWorker(this.startWorker)) || this.openThread();
    return this.port;
  }

  /** The worker; null when it cannot even be made (the jobs then run here). A worker whose script fails to load reports it as an error before any reply. */
  private openWorker(start: () => Worker): Port | null {
    let worker: Worker;
    try {
      worker = start();
    } catch {
      this.startWorker = undefined;
      return null;
    }
    let answered = false;
    worker.onmessage = (event: MessageEvent<ImportReply>) => {
      answered = true;
      this.receive(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      worker.onerror = null;
      worker.terminate();
      // A worker already cancelled or replaced: its jobs are answered already.
      if (this.port !== port) return;
      const error = answered ? new Error(event.message || "The log reader stopped.") : new WorkerUnavailable(event.message);
      this.port = null;
      this.holdsLog = false;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const job of waiting) job.reject(error);
    };
    const port: Port = { post: (request) => worker.postMessage(request), close: () => worker.terminate() };
    // The price list first: the worker has no functions.js to publish it.
    const list = builtInPriceList();
    port.post({ id: 0, kind: "prices", list: list.providers.length > 0 ? list : undefined });
    return port;
  }

  /** The jobs on this thread: the same replies, each job after a pause for the pane to paint; a closed port's replies are dropped. */
  private openThread(): Port {
    let closed = false;
    const jobs = createJobs((reply) => {
      if (!closed) this.receive(reply);
    });
    return {
      post: (request) => void yieldToPane().then(() => (closed ? undefined : jobs(request))),
      close: () => {
        closed = true;
      },
    };
  }
}

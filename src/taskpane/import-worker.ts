/**
 * The log reader's Web Worker (its own bundle, started by the import section when a log is
 * picked): runs the reader's jobs (import-jobs.ts) off the pane's thread, so reading, parsing
 * and checking a large log never freezes the pane, and Cancel can stop it at once (terminate).
 */
import type { ImportReply, ImportRequest } from "./import-protocol";
import { createJobs } from "./import-jobs";

/** The worker's global scope, as far as this file uses it (the DOM library types `self` as a window). */
const scope = self as unknown as {
  postMessage(message: ImportReply): void;
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
};

const jobs = createJobs((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void jobs(event.data);

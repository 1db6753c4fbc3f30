/**
 * A 100,000-row usage log (test/import/measure.ts generates it): reading and normalising
 * it are timed, and writing it into the Excel double is measured in round trips and request
 * bytes against the 4 MB limit. The time bounds are loose (CI machines vary; measured here
 * ≈ 0.2 s to parse and ≈ 0.6 s to normalise); the round trips and bytes are exact properties
 * of the batching and held tightly.
 */
import { importIntoWorkbook } from "../../src/import";
import { REQUEST_LIMIT_BYTES } from "../../src/excel/batch";
import { importRefusalMessage } from "../../src/messages/import";
import { BLANK_EVERY, REJECT_EVERY, runMeasuredImport, type ImportMeasure, type MeasuredImport } from "./measure";
import { asContext } from "./support";

const ROWS = 100_000;

describe("100,000 rows", () => {
  let run: MeasuredImport;
  let m: ImportMeasure;
  beforeAll(async () => {
    run = await runMeasuredImport(ROWS);
    m = run.measure;
  }, 60_000);

  test("every row accepted or rejected: the generated rejects, nothing else", () => {
    expect(m.rejected).toBe(ROWS / REJECT_EVERY);
    expect(m.accepted).toBe(ROWS - ROWS / REJECT_EVERY);
  });

  test("parsed and normalised within bounds", () => {
    expect(m.parseMs).toBeLessThan(3_000);
    expect(m.normaliseMs).toBeLessThan(5_000);
  });

  test("written in at most 7 round trips (1 read, 6 writes), every request under 4 MB", () => {
    expect(m.readSyncs).toBe(1);
    // 23 Ledger columns since counts, costs, tokens and match keys (13 before: 4 writes).
    expect(m.writeSyncs).toBeLessThanOrEqual(6);
    expect(m.syncs).toBe(m.readSyncs + m.writeSyncs);
    expect(m.maxRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    // About 190 bytes a row: the requests are full, not many small ones.
    expect(m.totalRequestBytes / ROWS).toBeGreaterThan(150);
    expect(m.totalRequestBytes / ROWS).toBeLessThan(230);
    expect(m.totalRequestBytes / m.writeSyncs).toBeGreaterThan(2_500_000);
  });

  test("importing it again (the analyst insists) reads 100,000 keys (with their match keys and imports) in two more round trips and adds nothing", async () => {
    const { excel, log, mapping } = run;
    const ctx = excel.context();
    const again = await importIntoWorkbook(asContext(ctx), { ...log, name: "generated (2).csv" }, mapping, { allowSameFile: true });
    if (!again.ok) throw new Error(importRefusalMessage(again.problem));
    expect(again.counts).toEqual({ read: ROWS, accepted: 0, rejected: ROWS / REJECT_EVERY, duplicates: ROWS - ROWS / REJECT_EVERY, blankLines: ROWS / BLANK_EVERY });
    expect(again.syncs).toEqual({ read: 4, write: 1 });
    expect(Math.max(...ctx.requests.map((r) => r.responseBytes))).toBeLessThan(REQUEST_LIMIT_BYTES);
  }, 60_000);
});

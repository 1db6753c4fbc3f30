/**
 * A ledger row with no job is the no-name group's (docs/model.md §9.2), not a mistake: the
 * rerun-burst functions read a blank job cell as "", in the middle of the range or at its end,
 * as the engine groups it. Other text lists still refuse a blank.
 */
import { errorKind, findRerunBursts, type Problem } from "../../src/engine";
import { messageFor } from "../../src/messages";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";
import { asExcelArg } from "../support/bundle";

const call = (id: string, args: unknown[]): unknown =>
  applyFunction(specOf(id), args.map(asExcelArg), todaysRates, (problem: Problem) => `${errorKind(problem)}: ${messageFor(problem)}`)[0]?.[0];
const col = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

// Ten reruns of a job with no name a minute apart (a loop under the default rule: 10 within 10 minutes,
// all of its actions), then one first run of "Research" whose job cell is the range's last and is named.
const DAY = 46327;
const minutes = Array.from({ length: 10 }, (_, i) => DAY + i / 1440);
const timestamps = [...minutes, DAY + 1];
const jobs = [...minutes.map(() => null), "Research"];
const reruns = [...minutes.map(() => true), false];

test("blank job cells are one group, in the middle of the range: one loop of 10 reruns, as the engine finds it", () => {
  const engine = findRerunBursts(timestamps.map((t, i) => ({ timeMs: Math.round(t * 86_400_000), job: (jobs[i] as string | null) ?? "", rerun: reruns[i] as boolean })));
  expect(engine.bursts.map((b) => b.reruns)).toEqual([10]);
  expect(call("RERUNLOOPS", [col(timestamps), col(jobs), col(reruns)])).toBe(1);
});

test("a blank job in the range's last cell is still a row: the lists stay the same length", () => {
  const lastBlank = [...jobs.slice(0, -1), null];
  expect(call("RERUNLOOPS", [col(timestamps), col(lastBlank), col(reruns)])).toBe(1);
  // The flags for each row, the blank-job rows flagged as the loop's.
  expect(applyFunction(specOf("RERUNBURST"), [col(timestamps), col(lastBlank), col(reruns)].map(asExcelArg), todaysRates, () => "error").flat()).toEqual([...minutes.map(() => 1), 0]);
});

test("a jobs range shorter than the timestamps is still refused: a blank is a cell, not a missing one", () => {
  expect(call("RERUNLOOPS", [col(timestamps), col(["a"]), col(reruns)])).toBe("value: jobs has 1 values and timestamps has 11; give one for each.");
});

/**
 * The wallet from the ledger (docs/model.md §9.4–9.7) on synthetic consumption with known
 * answers: a steady burn, a step change and a runaway loop; the time zone rule; the trend
 * sums and crossing days against brute force.
 */
import fc from "fast-check";
import {
  anomalyFlags,
  burnTrend,
  dailyConsumption,
  findRerunBursts,
  forecastAlerts,
  localDaySerial,
  trendBurnBetween,
  walletReport,
  DEFAULT_ALERT_THRESHOLDS,
  type LedgerRecord,
  type Problem,
} from "../../src/engine";
import { specOf, todaysRates } from "../../src/functions/catalog";
import { applyFunction } from "../../src/functions/gate";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;
/** 2026-01-01 00:00 UTC, Excel serial 46023. */
const JAN1 = Date.UTC(2026, 0, 1);
const JAN1_SERIAL = 46023;

let row = 0;
function action(timestampMs: number, job: string, units: number, team = "", rerun = false): LedgerRecord {
  row++;
  return { sourceRow: row, timestampMs, agent: "agent", job, actionType: "run", units, status: "validated", escalated: false, rerun, reviewMinutes: 0, team, key: `k${row}` };
}

/** The factor `AWU.COMMIT` applies at its defaults (500 prepaid, 666.67 pay-as-you-go, u = 0.2): 865,104.41 per 1,000,000. */
const DEFAULT_COMMIT_FACTOR = 0.8651044100884008;

describe("the time zone rule: a record belongs to the calendar day of its timestamp plus the UTC offset", () => {
  const lateEvening = Date.UTC(2026, 0, 1, 23, 30);

  test("a fixed offset in minutes east of UTC", () => {
    expect(localDaySerial(lateEvening, 0)).toBe(JAN1_SERIAL);
    // CET (+60): already 00:30 on 2 January.
    expect(localDaySerial(lateEvening, 60)).toBe(JAN1_SERIAL + 1);
    // New York (−300): 18:30 on 1 January.
    expect(localDaySerial(lateEvening, -300)).toBe(JAN1_SERIAL);
    expect(localDaySerial(Date.UTC(2026, 0, 2, 3, 0), -300)).toBe(JAN1_SERIAL);
  });

  test("a rule per instant, so daylight saving moves the day's edge on its date", () => {
    // Summer time (+120) from 2026-03-29 01:00 UTC, winter (+60) before.
    const europe = (ms: number): number => (ms >= Date.UTC(2026, 2, 29, 1) ? 120 : 60);
    expect(localDaySerial(Date.UTC(2026, 2, 28, 22, 30), europe)).toBe(JAN1_SERIAL + 86);
    expect(localDaySerial(Date.UTC(2026, 2, 29, 22, 30), europe)).toBe(JAN1_SERIAL + 88);
  });

  test("the daily series has every day from the first to the last, quiet days as 0", () => {
    const days = dailyConsumption([action(JAN1 + 10 * HOUR, "A", 5), action(JAN1 + 3 * DAY + HOUR, "A", 7, "", true), action(JAN1 + 3 * DAY + 2 * HOUR, "A", 1)]);
    expect(days).toEqual([
      { serial: JAN1_SERIAL, isoDate: "2026-01-01", units: 5, actions: 1, rerunActions: 0 },
      { serial: JAN1_SERIAL + 1, isoDate: "2026-01-02", units: 0, actions: 0, rerunActions: 0 },
      { serial: JAN1_SERIAL + 2, isoDate: "2026-01-03", units: 0, actions: 0, rerunActions: 0 },
      { serial: JAN1_SERIAL + 3, isoDate: "2026-01-04", units: 8, actions: 2, rerunActions: 1 },
    ]);
  });
});

describe("a steady burn: 80 credits a day in a 30-day period with 3,000 allocated", () => {
  // Each day: Sales 25 at 10:00 and 25 at 14:00, Service 30 at 16:00 (UTC), for 19 days.
  const records: LedgerRecord[] = [];
  for (let d = 0; d < 19; d++) {
    records.push(action(JAN1 + d * DAY + 10 * HOUR, "Research", 25, "Sales"));
    records.push(action(JAN1 + d * DAY + 14 * HOUR, "Research", 25, "Sales"));
    records.push(action(JAN1 + d * DAY + 16 * HOUR, "Follow-ups", 30, "Service"));
  }
  const report = walletReport(records, {
    periodStartSerial: JAN1_SERIAL,
    daysInPeriod: 30,
    allocation: 3000,
    teamBudgets: [
      { team: "Sales", budgetUnits: 1200 },
      { team: "Service", budgetUnits: 1500 },
      { team: "Marketing", budgetUnits: 500 },
    ],
    commit: { prepaidPrice: 500, paygPrice: 666.67, uncertainty: 0.2 },
  });

  test("19 days of 80 consumed; the forecast is 1,520 + 11 × 80 = 2,400", () => {
    expect(report.days).toHaveLength(19);
    expect(new Set(report.days.map((d) => d.units))).toEqual(new Set([80]));
    expect(report.consumedUnits).toBe(1520);
    expect(report.alerts.forecast).toMatchObject({ daysElapsed: 19, daysRemaining: 11, trend: { nextDayBurn: 80, slopePerDay: 0 }, forecastUnits: 2400 });
  });

  test("actuals have crossed 50 %; the forecast crosses 75 % (and never 90 %)", () => {
    expect(report.alerts.actualAlert).toBe(0.5);
    expect(report.alerts.forecastAlert).toBe(0.75);
    expect(report.alerts.crossings).toEqual([
      // 80 × 18 = 1,440 < 1,500 ≤ 80 × 19 = 1,520: reached on day 19.
      { threshold: 0.5, byActual: true, byForecast: true, day: 19 },
      // 2,250 ÷ 80 = 28.125: the forecast reaches it on day 29.
      { threshold: 0.75, byActual: false, byForecast: true, day: 29 },
      { threshold: 0.9, byActual: false, byForecast: false, day: undefined },
      { threshold: 1, byActual: false, byForecast: false, day: undefined },
    ]);
  });

  test("day by day: the forecast raises 75 % from the first day; the actual alert comes exactly on day 19, then 29", () => {
    for (let d = 1; d <= 30; d++) {
      const history = new Array<number>(d).fill(80);
      const alerts = forecastAlerts(80 * d, history, 3000, 30);
      expect([d, alerts.forecastAlert]).toEqual([d, 0.75]);
      expect([d, alerts.actualAlert]).toEqual([d, d < 19 ? undefined : d < 29 ? 0.5 : 0.75]);
    }
  });

  test("the allocation runs out 1,480 ÷ 80 = 18.5 days after the last complete day", () => {
    expect(report.depletion).toEqual({ days: 18.5, serial: JAN1_SERIAL + 19 + 18.5 });
  });

  test("per-team budgets: Sales is OK today and forecast past 120 %; its crossing days", () => {
    const [sales, service, marketing] = report.teams;
    // Sales: 50 a day; 950 of 1,200 = 79 % today; 1,500 forecast = 125 %.
    expect(sales).toMatchObject({ label: "Sales", consumedUnits: 950, forecastUnits: 1500, actualStatus: "OK", forecastStatus: "120%" });
    expect(sales?.crossings.map((c) => c.day)).toEqual([
      // 960 ÷ 50 = 19.2 → day 20; 1,200 ÷ 50 = 24; 1,440 ÷ 50 = 28.8 → day 29.
      20, 24, 29,
    ]);
    // Service: 30 a day; 570 and 900 of 1,500.
    expect(service).toMatchObject({ consumedUnits: 570, forecastUnits: 900, actualStatus: "OK", forecastStatus: "OK" });
    expect(marketing).toMatchObject({ consumedUnits: 0, forecastUnits: 0, usedShare: 0, actualStatus: "OK" });
    expect(report.teams).toHaveLength(3);
  });

  test("a team in the ledger with no budget is listed as such", () => {
    const r = walletReport([...records, action(JAN1 + HOUR, "X", 10, "Ops")], { periodStartSerial: JAN1_SERIAL, daysInPeriod: 30, allocation: 3000, teamBudgets: [{ team: "sales", budgetUnits: 1200 }] });
    expect(r.teams.map((t) => [t.label, t.actualStatus])).toEqual([
      ["sales", "OK"],
      ["Service", "No budget"],
      ["Ops", "No budget"],
    ]);
  });

  test("the pre-purchase for the next 30-day term, from actual consumption: 2,400 × 0.8651", () => {
    expect(report.commit?.expectedCredits).toBe(2400);
    expect(report.commit?.commitCredits).toBeCloseTo(2400 * DEFAULT_COMMIT_FACTOR, 9);
  });

  test("no anomaly, no burst in a steady burn", () => {
    expect(report.anomalies).toEqual([]);
    expect(report.bursts).toEqual([]);
  });

  test("records after the last complete day are outside the period's consumption", () => {
    const r = walletReport(records, { periodStartSerial: JAN1_SERIAL, daysInPeriod: 30, allocation: 3000, throughSerial: JAN1_SERIAL + 9 });
    expect(r.days).toHaveLength(10);
    expect(r.consumedUnits).toBe(800);
    expect(r.recordsOutside).toBe(27);
  });
});

describe("a step change: 50 a day for 14 days, then 200 a day", () => {
  const daily = [...new Array<number>(14).fill(50), ...new Array<number>(16).fill(200)];

  test("days 15 to 18 are anomalous: above 3 × a trailing 7-day median of 50, until four 200s make the median 200", () => {
    const flagged = anomalyFlags(daily).flatMap((flag, i) => (flag ? [i + 1] : []));
    expect(flagged).toEqual([15, 16, 17, 18]);
    // Through the wallet: the same days, as dates.
    const records = daily.map((units, d) => action(JAN1 + d * DAY + 12 * HOUR, "Research", units));
    const report = walletReport(records, { periodStartSerial: JAN1_SERIAL, daysInPeriod: 31, allocation: 10000 });
    expect(report.anomalies.map((a) => [a.isoDate, a.units, a.trailingMedian])).toEqual([
      ["2026-01-15", 200, 50],
      ["2026-01-16", 200, 50],
      ["2026-01-17", 200, 50],
      ["2026-01-18", 200, 50],
    ]);
  });

  test("a step of exactly 3 × the median is not above it", () => {
    expect(anomalyFlags([...new Array<number>(7).fill(50), 150])).toEqual([...new Array<boolean>(7).fill(false), false]);
  });

  test("the forecast alert is raised as the trend turns: OK on day 14, 50 % on day 15, 75 % on day 16 (4,000 allocated, 30 days)", () => {
    const asOf = (d: number): ReturnType<typeof forecastAlerts> => {
      const history = daily.slice(0, d);
      return forecastAlerts(history.reduce((s, x) => s + x, 0), history, 4000, 30);
    };
    // Day 14: flat 50: 700 + 16 × 50 = 1,500 (37.5 %).
    expect(asOf(14).forecast.forecastUnits).toBe(1500);
    expect(asOf(14).forecastAlert).toBeUndefined();
    // Day 15: over i = 0…14, mean x 7, mean y 60, Σdx·y = 50 × (−7) + 200 × 7 = 1,050, Σdx² = 280:
    // slope 3.75, intercept 33.75, next day 90; 15 days burn 15 × 90 + 3.75 × 105 = 1,743.75; 900 + 1,743.75 = 2,643.75 (66 %).
    expect(asOf(15).forecast.trend).toEqual({ nextDayBurn: 90, slopePerDay: 3.75 });
    expect(asOf(15).forecast.forecastUnits).toBeCloseTo(2643.75, 9);
    expect(asOf(15).forecastAlert).toBe(0.5);
    expect(asOf(15).actualAlert).toBeUndefined();
    // Day 16: slope 2,100 / 340 = 105/17, next day 2,061.25/17 = 121.25; 14 days burn 14 × 121.25 + 105/17 × 91; total 1,100 + 2,259.56 = 3,359.56 (84 %).
    expect(asOf(16).forecast.trend.nextDayBurn).toBeCloseTo(121.25, 9);
    expect(asOf(16).forecast.forecastUnits).toBeCloseTo(1100 + 14 * 121.25 + (105 / 17) * 91, 9);
    expect(asOf(16).forecastAlert).toBe(0.75);
  });
});

describe("a runaway loop: Research reruns every 30 seconds for 50 minutes on 8 January", () => {
  const records: LedgerRecord[] = [];
  for (let d = 0; d < 10; d++) {
    for (const job of ["Research", "Follow-ups", "Enrichment"]) {
      // Ten actions a day, 08:00 to 17:00; the fifth (12:00) an ordinary rerun.
      for (let h = 0; h < 10; h++) records.push(action(JAN1 + d * DAY + (8 + h) * HOUR, job, 20, "", h === 4));
    }
  }
  // 3 January: a busy Follow-ups spell, 20 actions 15 s apart, every third a rerun: 6 reruns, but 6 of 16 actions.
  for (let i = 0; i < 20; i++) records.push(action(JAN1 + 2 * DAY + 12 * HOUR + 30 * MINUTE + i * 15 * SECOND, "Follow-ups", 20, "", i % 3 === 2));
  // 8 January, 14:00:10 to 14:49:40 UTC: the loop.
  const loopStart = JAN1 + 7 * DAY + 14 * HOUR + 10 * SECOND;
  const loop = Array.from({ length: 100 }, (_, i) => action(loopStart + i * 30 * SECOND, "Research", 20, "", true));
  records.push(...loop);
  const report = walletReport(records, { periodStartSerial: JAN1_SERIAL, daysInPeriod: 31, allocation: 1_000_000 });

  test("one burst, on the right job and day", () => {
    expect(report.bursts).toHaveLength(1);
    expect(report.bursts[0]).toMatchObject({
      label: "Research",
      isoDate: "2026-01-08",
      daySerial: JAN1_SERIAL + 7,
      startMs: loopStart,
      endMs: loopStart + 99 * 30 * SECOND,
      reruns: 100,
      // Research's 14:00 first run falls 10 s before the loop: only the loop's reruns are inside.
      actions: 100,
    });
  });

  test("exactly the loop's reruns are flagged; the busy spell on 3 January is not a loop (6 reruns of 16 actions)", () => {
    const timed = records.map((r) => ({ timeMs: r.timestampMs, job: r.job, rerun: r.rerun }));
    const { flags } = findRerunBursts(timed);
    const flagged = records.filter((_, i) => flags[i]);
    expect(flagged).toEqual(loop);
    // Even at 5 reruns the spell is no loop: 6 of 16 actions is under half.
    expect(findRerunBursts(timed, { windowMinutes: 10, minReruns: 5, minRerunShare: 0.5 }).bursts.map((b) => b.label)).toEqual(["Research"]);
    // With a lower share it qualifies: 6 ≥ 0.3 × 16.
    const loose = findRerunBursts(timed, { windowMinutes: 10, minReruns: 5, minRerunShare: 0.3 });
    expect(loose.bursts.map((b) => [b.label, new Date(b.startMs).toISOString(), b.reruns, b.actions])).toEqual([
      ["Research", "2026-01-08T14:00:10.000Z", 100, 100],
      ["Follow-ups", "2026-01-03T12:30:30.000Z", 6, 16],
    ]);
  });

  test("the loop's day is an anomaly: 600 + 2,000 = 2,600 is above 3 × 600", () => {
    expect(report.anomalies.map((a) => [a.isoDate, a.units, a.trailingMedian])).toEqual([["2026-01-08", 2600, 600]]);
  });

  test("AWU.RERUNBURST over the same rows as Excel date-times flags the same 100", () => {
    const serial = (ms: number): number => ms / DAY + 25569;
    const grid = applyFunction(
      specOf("RERUNBURST"),
      [records.map((r) => [serial(r.timestampMs)]), records.map((r) => [r.job]), records.map((r) => [r.rerun]), null, null, null],
      todaysRates,
      (p: Problem) => p,
    );
    const flagged = records.filter((_, i) => grid[i]?.[0] === 1);
    expect(flagged).toEqual(loop);
  });

  test("AWU.ANOMALY over the daily series flags 8 January", () => {
    const days = dailyConsumption(records);
    const grid = applyFunction(specOf("ANOMALY"), [days.map((d) => [d.units]), null, null], todaysRates, (p: Problem) => p);
    expect(days.filter((_, i) => grid[i]?.[0] === 1).map((d) => d.isoDate)).toEqual(["2026-01-08"]);
  });
});

describe("the default burst rule does not fire on ordinary traffic", () => {
  test("100,000 actions of four busy jobs over 30 days, 15 % and 30 % reruns at random: no burst", () => {
    // A seeded generator (Park–Miller), so the same traffic every run.
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const rerunShare of [0.15, 0.3]) {
      const traffic = Array.from({ length: 100_000 }, (_, i) => ({ timeMs: Math.floor(random() * 30 * DAY), job: `job ${i % 4}`, rerun: random() < rerunShare }));
      expect(findRerunBursts(traffic).bursts).toEqual([]);
      // The looser rule of 5 reruns at half the actions fires by chance on the same traffic.
      expect(findRerunBursts(traffic, { windowMinutes: 10, minReruns: 5, minRerunShare: 0.5 }).bursts.length).toBeGreaterThan(10);
    }
  });
});

describe("the trend's burn and the crossing day, against brute force", () => {
  const brute = (r0: number, s: number, from: number, to: number): number => {
    let sum = 0;
    for (let k = from; k < to; k++) sum += Math.max(0, r0 + s * k);
    return sum;
  };

  test("hand-checked sums: a falling trend stops at 0; a rising one starts after its root", () => {
    // 20, 10, then 0.
    expect(trendBurnBetween({ nextDayBurn: 20, slopePerDay: -10 }, 0, 10)).toBe(30);
    // −15, −5 burn nothing; 5 + 15.
    expect(trendBurnBetween({ nextDayBurn: -15, slopePerDay: 10 }, 0, 4)).toBe(20);
    expect(trendBurnBetween({ nextDayBurn: 0, slopePerDay: 0 }, 0, 100)).toBe(0);
    expect(burnTrend([10, 20, 30])).toEqual({ nextDayBurn: 40, slopePerDay: 10 });
  });

  test("the closed form equals the day-by-day sum", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -50, max: 50 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 60 }),
        (r0, s, from, length) => {
          expect(trendBurnBetween({ nextDayBurn: r0, slopePerDay: s }, from, from + length)).toBeCloseTo(brute(r0, s, from, from + length), 6);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("the crossing day is the first day whose cumulative consumption, actual then forecast, reaches the threshold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 20, max: 40 }),
        fc.integer({ min: 100, max: 8000 }),
        (history, earlier, daysInPeriod, allocation) => {
          // Consumption before the history (an opening draw) counts from the start.
          const consumed = history.reduce((s, x) => s + x, 0) + earlier;
          const alerts = forecastAlerts(consumed, history, allocation, daysInPeriod, DEFAULT_ALERT_THRESHOLDS);
          const trend = burnTrend(history);
          const cumulative: number[] = [earlier];
          for (const x of history) cumulative.push((cumulative[cumulative.length - 1] as number) + x);
          for (let k = 0; k < daysInPeriod - history.length; k++) cumulative.push(consumed + brute(trend.nextDayBurn, trend.slopePerDay, 0, k + 1));
          // The brute sum rounds differently from the closed form: equal to 1e-12 is a tie either way.
          const at = (units: number, t: number): number => units / allocation - t;
          for (const c of alerts.crossings) {
            if (c.day === undefined) {
              expect(at(cumulative[cumulative.length - 1] as number, c.threshold)).toBeLessThan(1e-12);
              continue;
            }
            expect(at(cumulative[c.day] as number, c.threshold)).toBeGreaterThan(-1e-12);
            if (c.day > 0) expect(at(cumulative[c.day - 1] as number, c.threshold)).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

test("daily consumption counts an aggregated record as its count of actions and reruns (issue 11)", () => {
  const day = Date.UTC(2026, 10, 2, 10);
  const base = { sourceRow: 2, agent: "A", job: "J", actionType: "x", escalated: false, reviewMinutes: 0, team: "", key: "k" } as const;
  const days = dailyConsumption([
    { ...base, timestampMs: day, units: 100, status: "validated", rerun: false, count: 40 },
    { ...base, timestampMs: day + 1000, units: 20, status: "failed", rerun: true, count: 7 },
    { ...base, timestampMs: day + 2000, units: 1, status: "failed", rerun: true },
  ]);
  expect(days.map((d) => [d.units, d.actions, d.rerunActions])).toEqual([[121, 48, 8]]);
});

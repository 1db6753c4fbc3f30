/**
 * The wallet, forecast-driven (docs/model.md §9.4–9.7): the ledger's daily consumption, its
 * burn trend and the forecast for the period, the thresholds the forecast crosses (not only
 * the actuals), anomalous days, rerun bursts (the signature of a loop), per-team budgets and
 * the pre-purchase recommendation recomputed from actual consumption. Pure.
 */
import { commitCredits, daysToDepletionTrend, formatThreshold, highestThresholdCrossed, DEFAULT_ALERT_THRESHOLDS } from "./governance";
import { exactSum, groupKey, BLANK_GROUP_LABEL } from "./ledger";
import { burstCandidate, countOf, type LedgerRecord } from "./ledger-types";
import { Failure } from "./problems";
import { isoFromSerial, serialFromMs } from "./dates";
import { leastSquaresLine } from "./stats";

const MS_PER_MINUTE = 60_000;

// ---------------------------------------------------------------------------------------
// Local days

/**
 * The time zone rule: minutes east of UTC, fixed (0 = UTC, 60 = CET) or per instant (so
 * daylight saving moves the day's edge on its date). A record belongs to the calendar day of
 * `timestamp + offset`. 0, the default, is the day the Ledger table's Timestamp shows (the
 * importer keeps a zone-less log's clock as written), so INT(Timestamp) in a sheet agrees.
 */
export type UtcOffsetRule = number | ((timestampMs: number) => number);

/** The offset of the machine the code runs on, per instant: for a log kept in UTC whose days are the user's local days. */
export const machineUtcOffset: UtcOffsetRule = (timestampMs) => -new Date(timestampMs).getTimezoneOffset();

/** The Excel serial (a whole number) of the local calendar day an instant falls on. */
export function localDaySerial(timestampMs: number, offset: UtcOffsetRule = 0): number {
  const minutes = typeof offset === "number" ? offset : offset(timestampMs);
  return Math.floor(serialFromMs(timestampMs + minutes * MS_PER_MINUTE));
}

/** One local day of consumption. */
export interface DayTotal {
  /** Excel serial of the day. */
  readonly serial: number;
  readonly isoDate: string;
  readonly units: number;
  readonly actions: number;
  readonly rerunActions: number;
}

/**
 * Units and actions per local day, every day from `firstSerial` to `lastSerial` (by default
 * the first and last days with a record), days without records as 0, so trends and medians
 * see the quiet days too. Records outside the days are left out.
 */
export function dailyConsumption(records: readonly LedgerRecord[], offset: UtcOffsetRule = 0, firstSerial?: number, lastSerial?: number): DayTotal[] {
  const days = records.map((r) => localDaySerial(r.timestampMs, offset));
  let first = firstSerial;
  let last = lastSerial;
  if (first === undefined || last === undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (const d of days) {
      if (d < min) min = d;
      if (d > max) max = d;
    }
    first ??= min;
    last ??= max;
  }
  if (!(last >= first)) return [];
  const n = last - first + 1;
  const units = Array.from({ length: n }, () => [] as number[]);
  const actions = new Array<number>(n).fill(0);
  const reruns = new Array<number>(n).fill(0);
  records.forEach((record, i) => {
    const index = (days[i] as number) - (first as number);
    if (index < 0 || index >= n) return;
    (units[index] as number[]).push(record.units);
    // An aggregated row is its count of actions.
    actions[index] = (actions[index] as number) + countOf(record);
    if (record.rerun) reruns[index] = (reruns[index] as number) + countOf(record);
  });
  return units.map((dayUnits, i) => ({
    serial: (first as number) + i,
    isoDate: isoFromSerial((first as number) + i),
    units: exactSum(dayUnits),
    actions: actions[i] as number,
    rerunActions: reruns[i] as number,
  }));
}

// ---------------------------------------------------------------------------------------
// Anomalous days

/** A day is anomalous when its consumption is more than `factor` × the median of the `windowDays` days before it. */
export interface AnomalyRule {
  readonly windowDays: number;
  readonly factor: number;
}

/** A week (it spans the weekday cycle) and three times its median (a spike, not a busy Monday). */
export const DEFAULT_ANOMALY_RULE: AnomalyRule = { windowDays: 7, factor: 3 };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of the `windowDays` values before each day; undefined until a full window has passed. */
export function trailingMedians(values: readonly number[], windowDays: number): (number | undefined)[] {
  return values.map((_, i) => (i < windowDays ? undefined : median(values.slice(i - windowDays, i))));
}

/**
 * One flag per day: consumption above factor × its trailing median. The first `windowDays`
 * days are never flagged (no full window yet); after a quiet window (median 0) any use is.
 */
export function anomalyFlags(values: readonly number[], rule: AnomalyRule = DEFAULT_ANOMALY_RULE): boolean[] {
  const medians = trailingMedians(values, rule.windowDays);
  return values.map((value, i) => {
    const m = medians[i];
    return m !== undefined && value > rule.factor * m;
  });
}

// ---------------------------------------------------------------------------------------
// Burn trend and the period's forecast

/** The least-squares trend of a daily history, extrapolated: day k after the history burns max(0, nextDayBurn + slopePerDay × k). */
export interface BurnTrend {
  readonly nextDayBurn: number;
  readonly slopePerDay: number;
}

/** The trend of a daily history (oldest first), as AWU.DEPLETION extrapolates it; a single day is a constant burn, no day no burn. */
export function burnTrend(history: readonly number[]): BurnTrend {
  const { intercept, slope } = leastSquaresLine(history);
  return { nextDayBurn: intercept + slope * history.length, slopePerDay: slope };
}

/** Σ max(0, nextDayBurn + slope × k) for k from `fromDay` up to (not including) `toDay`: the days that burn, in closed form. */
export function trendBurnBetween(trend: BurnTrend, fromDay: number, toDay: number): number {
  const r0 = trend.nextDayBurn;
  const s = trend.slopePerDay;
  // A history too large to fit a line has no trend: NaN, never a silent 0.
  if (!Number.isFinite(r0) || !Number.isFinite(s)) return Number.NaN;
  let start = fromDay;
  let end = toDay;
  if (s === 0) {
    if (!(r0 > 0)) return 0;
  } else if (s > 0) {
    // Burning from the first day past the root.
    if (r0 <= 0) start = Math.max(start, Math.floor(-r0 / s) + 1);
  } else {
    // Burning until the root.
    end = Math.min(end, r0 > 0 ? Math.ceil(-r0 / s) : 0);
  }
  if (end <= start) return 0;
  const days = end - start;
  return days * r0 + (s * (start + end - 1) * days) / 2;
}

export interface PeriodForecast {
  readonly consumedToDate: number;
  /** Days of the period in the history. */
  readonly daysElapsed: number;
  readonly daysRemaining: number;
  readonly trend: BurnTrend;
  /** consumedToDate + the trend's burn over the remaining days. */
  readonly forecastUnits: number;
}

/**
 * The period's forecast consumption: what is consumed to date plus the trend of the
 * period's daily history (the elapsed days, oldest first) over the days that remain.
 */
export function forecastPeriod(consumedToDate: number, history: readonly number[], daysInPeriod: number): PeriodForecast {
  const trend = burnTrend(history);
  const daysRemaining = Math.max(0, daysInPeriod - history.length);
  return {
    consumedToDate,
    daysElapsed: history.length,
    daysRemaining,
    trend,
    forecastUnits: consumedToDate + trendBurnBetween(trend, 0, daysRemaining),
  };
}

export interface ThresholdCrossing {
  /** A share of the allocation (0.9 = 90 %). */
  readonly threshold: number;
  /** Consumption to date has reached it. */
  readonly byActual: boolean;
  /** The forecast for the period reaches it. */
  readonly byForecast: boolean;
  /**
   * The day of the period (1 = its first) on which consumption, actual and then forecast,
   * first reaches the threshold; 0 when consumption before the history already had;
   * undefined when the forecast does not reach it within the period.
   */
  readonly day: number | undefined;
}

export interface ForecastAlerts {
  readonly forecast: PeriodForecast;
  /** One per threshold, lowest first. */
  readonly crossings: readonly ThresholdCrossing[];
  /** The highest threshold consumption to date has reached (AWU.ALERT); undefined below all. */
  readonly actualAlert: number | undefined;
  /** The highest threshold the forecast reaches (AWU.FORECASTALERT); undefined below all. */
  readonly forecastAlert: number | undefined;
}

/**
 * Alerts raised by the forecast for the period as well as by the actuals. A threshold t is
 * reached when consumption ÷ allocation ≥ t (AWU.ALERT's test). Allocation must be above 0.
 */
export function forecastAlerts(
  consumedToDate: number,
  history: readonly number[],
  allocation: number,
  daysInPeriod: number,
  thresholds: readonly number[] = DEFAULT_ALERT_THRESHOLDS,
): ForecastAlerts {
  const forecast = forecastPeriod(consumedToDate, history, daysInPeriod);
  const n = history.length;
  // Consumption by the end of elapsed day d is consumedToDate less the history after it.
  const after = new Array<number>(n + 1).fill(0);
  for (let d = n - 1; d >= 0; d--) after[d] = (after[d + 1] as number) + (history[d] as number);
  const reached = (units: number, t: number): boolean => units / allocation >= t;
  const crossings = [...new Set(thresholds)]
    .sort((a, b) => a - b)
    .map((threshold): ThresholdCrossing => {
      const byActual = reached(consumedToDate, threshold);
      const byForecast = reached(forecast.forecastUnits, threshold);
      let day: number | undefined;
      if (byActual) {
        day = 0;
        while (!reached(consumedToDate - (after[day] as number), threshold)) day++;
      } else if (byForecast) {
        // The first remaining day whose cumulative forecast reaches it: the cumulative only grows, so bisect.
        let low = 0;
        let high = forecast.daysRemaining;
        while (high - low > 1) {
          const mid = Math.floor((low + high) / 2);
          if (reached(consumedToDate + trendBurnBetween(forecast.trend, 0, mid), threshold)) high = mid;
          else low = mid;
        }
        day = n + high;
      }
      return { threshold, byActual, byForecast, day };
    });
  return {
    forecast,
    crossings,
    actualAlert: highestThresholdCrossed(consumedToDate, allocation, thresholds),
    forecastAlert: highestThresholdCrossed(forecast.forecastUnits, allocation, thresholds),
  };
}

// ---------------------------------------------------------------------------------------
// Rerun bursts: the signature of a loop

/**
 * For each rerun r of a job, the window from r to r + window: a burst when it holds at
 * least `minReruns` reruns of that job, and they are at least `minRerunShare` of the job's
 * actions between the first and the last of them (a busy job's ordinary reruns are not a loop).
 */
export interface BurstRule {
  readonly windowMinutes: number;
  readonly minReruns: number;
  readonly minRerunShare: number;
}

/**
 * Ten reruns in ten minutes, four in five of the job's actions there: a loop reruns
 * back to back. Looser rules fire by chance on busy jobs (docs/model.md §9.7).
 */
export const DEFAULT_BURST_RULE: BurstRule = { windowMinutes: 10, minReruns: 10, minRerunShare: 0.8 };

/** One action as burst detection sees it: when (ms), which job, and whether it is a rerun. */
export interface TimedAction {
  readonly timeMs: number;
  readonly job: string;
  readonly rerun: boolean;
}

export interface RerunBurst {
  readonly key: string;
  readonly label: string;
  /** The first and last rerun of the burst, ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly reruns: number;
  /** The job's actions from the first rerun to the last, reruns included. */
  readonly actions: number;
  /** Positions of the burst's reruns in the input. */
  readonly indices: readonly number[];
}

/** The first position in a sorted list whose value is at least `x` (or above it, when `strict`). */
function bound(sorted: readonly number[], x: number, strict: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const v = sorted[mid] as number;
    if (strict ? v <= x : v < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One flag per action (a rerun inside a burst) and the bursts, overlapping windows merged, by job then time. */
export function findRerunBursts(actions: readonly TimedAction[], rule: BurstRule = DEFAULT_BURST_RULE): { flags: boolean[]; bursts: RerunBurst[] } {
  const windowMs = rule.windowMinutes * MS_PER_MINUTE;
  const flags = new Array<boolean>(actions.length).fill(false);
  const byJob = new Map<string, { label: string; indices: number[] }>();
  actions.forEach((action, i) => {
    const key = groupKey(action.job);
    let job = byJob.get(key);
    if (!job) byJob.set(key, (job = { label: key === "" ? BLANK_GROUP_LABEL : action.job.trim(), indices: [] }));
    job.indices.push(i);
  });
  const bursts: RerunBurst[] = [];
  for (const [key, job] of byJob) {
    const timeOf = (i: number): number => (actions[i] as TimedAction).timeMs;
    const all = [...job.indices].sort((a, b) => timeOf(a) - timeOf(b) || a - b);
    const allTimes = all.map(timeOf);
    const reruns = all.filter((i) => (actions[i] as TimedAction).rerun);
    const rerunTimes = reruns.map(timeOf);
    // Windows that qualify, as [first, last] positions in `reruns`, in order of their first.
    const windows: [number, number][] = [];
    let last = 0;
    for (let first = 0; first < reruns.length; first++) {
      if (last < first) last = first;
      while (last + 1 < reruns.length && (rerunTimes[last + 1] as number) - (rerunTimes[first] as number) <= windowMs) last++;
      const count = last - first + 1;
      if (count < rule.minReruns) continue;
      const within = bound(allTimes, rerunTimes[last] as number, true) - bound(allTimes, rerunTimes[first] as number, false);
      if (count >= rule.minRerunShare * within) windows.push([first, last]);
    }
    // Overlapping windows are one burst.
    let current: [number, number] | undefined;
    const close = (): void => {
      if (!current) return;
      const [first, lastRerun] = current;
      const indices = reruns.slice(first, lastRerun + 1);
      for (const i of indices) flags[i] = true;
      const startMs = rerunTimes[first] as number;
      const endMs = rerunTimes[lastRerun] as number;
      const within = bound(allTimes, endMs, true) - bound(allTimes, startMs, false);
      bursts.push({ key, label: job.label, startMs, endMs, reruns: indices.length, actions: within, indices });
    };
    for (const window of windows) {
      if (current && window[0] <= current[1]) current[1] = Math.max(current[1], window[1]);
      else {
        close();
        current = [...window];
      }
    }
    close();
  }
  return { flags, bursts };
}

/** Σ of the bursts aggregated rows carry (found on their raw actions before aggregating); of one job (matched as jobs are grouped) when given. */
export function carriedBurstsOf(records: readonly LedgerRecord[], job?: string): number {
  const key = job === undefined ? undefined : groupKey(job);
  let n = 0;
  for (const r of records) if (r.bursts && (key === undefined || groupKey(r.job) === key)) n += r.bursts;
  return n;
}

/**
 * The ledger's rerun loops (the Wallet's count, and a job's in its Rerun bursts table): bursts
 * among the records of one action, plus those the aggregated rows carry.
 */
export function rerunLoops(records: readonly LedgerRecord[], job?: string, rule: BurstRule = DEFAULT_BURST_RULE): number {
  const { bursts } = findRerunBursts(
    records.filter(burstCandidate).map((r) => ({ timeMs: r.timestampMs, job: r.job, rerun: r.rerun })),
    rule,
  );
  const key = job === undefined ? undefined : groupKey(job);
  return bursts.filter((b) => key === undefined || b.key === key).length + carriedBurstsOf(records, job);
}

// ---------------------------------------------------------------------------------------
// Per-team budgets

export interface TeamBudget {
  readonly team: string;
  /** Credits (units) budgeted for the period. */
  readonly budgetUnits: number;
}

/** The per-team thresholds: review, over budget, escalate (the Wallet sheet's 80/100/120 %). */
export const DEFAULT_TEAM_THRESHOLDS: readonly number[] = [0.8, 1, 1.2];

export interface TeamStatus {
  readonly key: string;
  readonly label: string;
  /** Undefined for a team in the ledger with no budget. */
  readonly budgetUnits: number | undefined;
  readonly consumedUnits: number;
  readonly forecastUnits: number;
  /** consumed ÷ budget; undefined without a budget above 0. */
  readonly usedShare: number | undefined;
  readonly crossings: readonly ThresholdCrossing[];
  readonly actualAlert: number | undefined;
  readonly forecastAlert: number | undefined;
  /** AWU.ALERT's words ("OK", "80%", …), or "No budget". */
  readonly actualStatus: string;
  readonly forecastStatus: string;
}

const NO_BUDGET = "No budget";
const alertText = (threshold: number | undefined): string => (threshold === undefined ? "OK" : formatThreshold(threshold));

// ---------------------------------------------------------------------------------------
// The wallet report

export interface WalletOptions {
  /** Default 0: the days of the timestamps as the Ledger table shows them (the log's clock, or UTC for zoned times). */
  readonly utcOffset?: UtcOffsetRule;
  /** Excel serial of the period's first day. */
  readonly periodStartSerial: number;
  readonly daysInPeriod: number;
  /** The last complete day (serial); by default the last day with a record in the period. */
  readonly throughSerial?: number;
  /** Credits (units) allocated for the period, above 0. */
  readonly allocation: number;
  /** Default 0.5, 0.75, 0.9, 1 (AWU.ALERT's). */
  readonly thresholds?: readonly number[];
  readonly teamBudgets?: readonly TeamBudget[];
  /** Default 0.8, 1, 1.2. */
  readonly teamThresholds?: readonly number[];
  readonly anomaly?: AnomalyRule;
  readonly burst?: BurstRule;
  /** Prices per 100k credits and the forecast's relative uncertainty, as AWU.COMMIT takes them; termDays defaults to daysInPeriod. */
  readonly commit?: { readonly prepaidPrice: number; readonly paygPrice: number; readonly uncertainty: number; readonly termDays?: number };
}

export interface AnomalousDay {
  readonly serial: number;
  readonly isoDate: string;
  readonly units: number;
  readonly trailingMedian: number;
}

export interface WalletReport {
  /** The period's elapsed days, from its first through `throughSerial`. */
  readonly days: readonly DayTotal[];
  readonly recordsInPeriod: number;
  /** Records before the period or after the last complete day: not in its consumption. */
  readonly recordsOutside: number;
  readonly consumedUnits: number;
  readonly alerts: ForecastAlerts;
  /** When the allocation runs out at the trend: days from the day after `throughSerial`, and that date's serial. */
  readonly depletion: { readonly days: number; readonly serial: number } | Failure;
  /** Over every day of the ledger, not only the period's (a period's first week has a window too). */
  readonly anomalies: readonly AnomalousDay[];
  /**
   * Over every record of one action (burstCandidate), with the local day each burst starts on.
   * Positions (`indices`) are among those records. Rows of more than one action are left out:
   * their time is a day's, not an action's, so ten rerun rows of a job at a day's midnight are no loop.
   */
  readonly bursts: readonly (RerunBurst & { readonly daySerial: number; readonly isoDate: string })[];
  /** Bursts found on raw actions before they were aggregated, carried by the aggregated rows (Σ `bursts`). */
  readonly carriedBursts: number;
  /** Rerun loops in the ledger: the bursts found here plus the carried ones (the Wallet's count). */
  readonly loops: number;
  readonly teams: readonly TeamStatus[];
  /** Credits to pre-purchase for the next term, which starts the day after the period ends. */
  readonly commit: { readonly termDays: number; readonly expectedCredits: number; readonly commitCredits: number } | undefined;
}

/** The wallet from the ledger: the period's consumption, forecast, alerts, anomalies, bursts, teams and pre-purchase. */
export function walletReport(records: readonly LedgerRecord[], options: WalletOptions): WalletReport {
  const offset = options.utcOffset ?? 0;
  const start = options.periodStartSerial;
  const periodEnd = start + options.daysInPeriod - 1;
  const daySerials = records.map((r) => localDaySerial(r.timestampMs, offset));
  let through = options.throughSerial;
  if (through === undefined) {
    through = start - 1;
    for (const d of daySerials) if (d >= start && d <= periodEnd && d > through) through = d;
  }
  through = Math.min(through, periodEnd);
  const inPeriod = records.filter((_, i) => (daySerials[i] as number) >= start && (daySerials[i] as number) <= (through as number));
  const days = dailyConsumption(inPeriod, offset, start, through);
  const history = days.map((d) => d.units);
  const consumedUnits = exactSum(history);
  const thresholds = options.thresholds ?? DEFAULT_ALERT_THRESHOLDS;
  const alerts = forecastAlerts(consumedUnits, history, options.allocation, options.daysInPeriod, thresholds);

  const depletionDays = daysToDepletionTrend(Math.max(0, options.allocation - consumedUnits), history);
  const depletion = depletionDays instanceof Failure ? depletionDays : { days: depletionDays, serial: through + 1 + depletionDays };

  const everyDay = dailyConsumption(records, offset);
  const flags = anomalyFlags(
    everyDay.map((d) => d.units),
    options.anomaly ?? DEFAULT_ANOMALY_RULE,
  );
  const medians = trailingMedians(
    everyDay.map((d) => d.units),
    (options.anomaly ?? DEFAULT_ANOMALY_RULE).windowDays,
  );
  const anomalies = everyDay.flatMap((d, i) => (flags[i] ? [{ serial: d.serial, isoDate: d.isoDate, units: d.units, trailingMedian: medians[i] as number }] : []));

  const { bursts } = findRerunBursts(
    records.filter(burstCandidate).map((r) => ({ timeMs: r.timestampMs, job: r.job, rerun: r.rerun })),
    options.burst ?? DEFAULT_BURST_RULE,
  );
  const carriedBursts = carriedBurstsOf(records);
  const datedBursts = bursts.map((b) => {
    const daySerial = localDaySerial(b.startMs, offset);
    return { ...b, daySerial, isoDate: isoFromSerial(daySerial) };
  });

  const teams = teamStatuses(inPeriod, options, start, through);

  let commit: WalletReport["commit"];
  if (options.commit) {
    const termDays = options.commit.termDays ?? options.daysInPeriod;
    const remaining = alerts.forecast.daysRemaining;
    const expectedCredits = trendBurnBetween(alerts.forecast.trend, remaining, remaining + termDays);
    commit = {
      termDays,
      expectedCredits,
      commitCredits: commitCredits(expectedCredits, options.commit.prepaidPrice, options.commit.paygPrice, options.commit.uncertainty),
    };
  }

  return {
    days,
    recordsInPeriod: inPeriod.length,
    recordsOutside: records.length - inPeriod.length,
    consumedUnits,
    alerts,
    depletion,
    anomalies,
    bursts: datedBursts,
    carriedBursts,
    loops: datedBursts.length + carriedBursts,
    teams,
    commit,
  };
}

/** Each budgeted team (in the budgets' order), then each team in the ledger without a budget. */
function teamStatuses(inPeriod: readonly LedgerRecord[], options: WalletOptions, start: number, through: number): TeamStatus[] {
  const offset = options.utcOffset ?? 0;
  const thresholds = options.teamThresholds ?? DEFAULT_TEAM_THRESHOLDS;
  const recordsByTeam = new Map<string, { label: string; records: LedgerRecord[] }>();
  for (const record of inPeriod) {
    const key = groupKey(record.team);
    let team = recordsByTeam.get(key);
    if (!team) recordsByTeam.set(key, (team = { label: key === "" ? BLANK_GROUP_LABEL : record.team.trim(), records: [] }));
    team.records.push(record);
  }
  const status = (key: string, label: string, budgetUnits: number | undefined): TeamStatus => {
    const history = dailyConsumption(recordsByTeam.get(key)?.records ?? [], offset, start, through).map((d) => d.units);
    const consumedUnits = exactSum(history);
    if (budgetUnits === undefined || budgetUnits <= 0) {
      const forecastUnits = forecastPeriod(consumedUnits, history, options.daysInPeriod).forecastUnits;
      return { key, label, budgetUnits, consumedUnits, forecastUnits, usedShare: undefined, crossings: [], actualAlert: undefined, forecastAlert: undefined, actualStatus: NO_BUDGET, forecastStatus: NO_BUDGET };
    }
    const alerts = forecastAlerts(consumedUnits, history, budgetUnits, options.daysInPeriod, thresholds);
    return {
      key,
      label,
      budgetUnits,
      consumedUnits,
      forecastUnits: alerts.forecast.forecastUnits,
      usedShare: consumedUnits / budgetUnits,
      crossings: alerts.crossings,
      actualAlert: alerts.actualAlert,
      forecastAlert: alerts.forecastAlert,
      actualStatus: alertText(alerts.actualAlert),
      forecastStatus: alertText(alerts.forecastAlert),
    };
  };
  const seen = new Set<string>();
  const rows: TeamStatus[] = [];
  for (const budget of options.teamBudgets ?? []) {
    const key = groupKey(budget.team);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(status(key, budget.team.trim() || BLANK_GROUP_LABEL, budget.budgetUnits));
  }
  for (const [key, team] of recordsByTeam) if (!seen.has(key)) rows.push(status(key, team.label, undefined));
  return rows;
}

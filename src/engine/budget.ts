/**
 * The 12-month budget (docs/model.md §10): each job's full monthly volume phased by its ramp
 * and growth over 12 calendar months from a fiscal-year start, priced under the org's one
 * pricing model, with the human review and escalation labor and the platform and hidden
 * costs; then the ledger's actual dollars per budget month against it, and each month's
 * variance split into volume, mix and price. Pure: the Budget sheet computes the same with
 * native formulas, and a differential test ties the two. Inputs are already validated.
 */
import { serialFromMs, msFromSerial } from "./dates";
import { countOf, type LedgerRecord } from "./ledger-types";
import { conversationCostUsd, flexCostUsd, seatCostUsd } from "./pricing";
import { planMonthlyUsd, type PlanRates, type PlanSetting, type PlanVolume } from "./plan-pricing";

export const BUDGET_MONTHS = 12;
const MINUTES_PER_HOUR = 60;
const CREDITS_PER_PRICE_BLOCK = 100_000;

/** One row of the Jobs sheet, as the budget reads it. */
export interface BudgetJob {
  readonly job: string;
  readonly volumePerWeek: number;
  /** Agent actions per item. */
  readonly unitsPerItem: number;
  readonly targetAcceptanceRate: number;
  /** Extra runs per item (0.2 = one in five is run again). */
  readonly rerunRate: number;
  readonly reviewMinutesPerItem: number;
  /** Months from the budget's start to full volume; 0 = full volume from month 1. */
  readonly rampMonths: number;
  /** Compounding growth a month from month 1 (0.02 = 2 %). */
  readonly monthlyGrowth: number;
}

/** One of the Inputs sheet's models, or a vendor plan as the workbook's plans table prices it (the one plan selector). */
export type BudgetPricingModel = "perConversation" | "flex" | "perUser" | { readonly plan: PlanRates; readonly setting: PlanSetting };

/** Per user, or a seat plan: the seats are the AI spend, fixed whatever the month's volume. */
const isSeats = (model: BudgetPricingModel): boolean => model === "perUser" || (typeof model === "object" && model.plan.charges === "seat");

/** What the platform and hidden costs are made of (the Budget sheet's inputs). */
export interface PlatformInputs {
  /** Users on seat licences beside a usage-priced model (none are added under per-user pricing, where the seats are the AI spend). */
  readonly seatUsers: number;
  readonly dataCloudShareOfAiSpend: number;
  readonly sandboxShareOfUsage: number;
  readonly sandboxDiscount: number;
  /** Premier Support's share of product spend. */
  readonly supportSurcharge: number;
  readonly developmentUsd: number;
  readonly amortisationMonths: number;
  readonly includedCreditsPerYear: number;
  readonly freeCredits: number;
}

export interface BudgetInputs {
  /** Excel date serial; its month is the budget's first. */
  readonly fiscalYearStart: number;
  readonly weeksPerMonth: number;
  readonly model: BudgetPricingModel;
  readonly pricePerConversation: number;
  readonly creditsPerAction: number;
  readonly pricePer100kCredits: number;
  readonly prepurchaseDiscount: number;
  readonly licensedUsers: number;
  readonly pricePerUserMonth: number;
  readonly reviewerHourlyUsd: number;
  /** Who finishes an item the AI did not get accepted: the human cost per case. */
  readonly humanCostPerCaseUsd: number;
  readonly jobs: readonly BudgetJob[];
  readonly platform: PlatformInputs;
}

/** One calendar month of the budget; every amount in USD. */
export interface BudgetMonth {
  /** Month 1 … 12. */
  readonly month: number;
  /** Excel serial of the month's first day. */
  readonly monthStart: number;
  readonly actions: number;
  readonly aiUsd: number;
  readonly reviewUsd: number;
  readonly escalationUsd: number;
  /** Review and escalation. */
  readonly laborUsd: number;
  readonly seatsUsd: number;
  readonly dataCloudUsd: number;
  readonly sandboxUsd: number;
  readonly developmentUsd: number;
  /** The included and free credits used this month, as a negative amount. */
  readonly creditsUsd: number;
  readonly supportUsd: number;
  readonly platformUsd: number;
  readonly totalUsd: number;
}

export interface MonthlyBudget {
  readonly months: readonly BudgetMonth[];
  /** The included and free credits' worth for the year (0 unless the model is Flex Credits). */
  readonly creditsValueUsd: number;
  readonly annual: { readonly aiUsd: number; readonly laborUsd: number; readonly platformUsd: number; readonly totalUsd: number };
}

/** Share of full volume in month m (1-based): a straight line to full volume at the ramp's end. */
export const rampFactor = (rampMonths: number, month: number): number => (rampMonths > month ? month / rampMonths : 1);

/** Ramp × compounding growth: what multiplies a job's full monthly figures in month m. */
export const volumeFactor = (job: Pick<BudgetJob, "rampMonths" | "monthlyGrowth">, month: number): number =>
  rampFactor(job.rampMonths, month) * (1 + job.monthlyGrowth) ** (month - 1);

/** Excel serial of the first day of the month `monthsLater` months after the one `serial` falls in. */
export function monthStartSerial(serial: number, monthsLater: number): number {
  const date = new Date(msFromSerial(Math.floor(serial)));
  return serialFromMs(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsLater, 1));
}

/** A job's figures a month at full volume, as the Jobs sheet has them. */
export interface JobMonth {
  readonly items: number;
  /** Runs of its items (reruns included): the conversations a conversation- or outcome-priced plan bills. */
  readonly runs: number;
  readonly actions: number;
  /** Under the usage-priced models; under per-user pricing or a seat plan the seats are not the job's. */
  readonly aiUsd: number;
  readonly reviewUsd: number;
  readonly escalationUsd: number;
}

export function jobMonth(job: BudgetJob, inputs: Omit<BudgetInputs, "jobs" | "platform" | "fiscalYearStart">): JobMonth {
  const items = job.volumePerWeek * inputs.weeksPerMonth;
  const runs = items * (1 + job.rerunRate);
  const actions = runs * job.unitsPerItem;
  const model = inputs.model;
  const aiUsd =
    typeof model === "object"
      ? isSeats(model)
        ? 0
        : planMonthlyUsd(model.plan, { conversations: runs, actions }, model.setting)
      : model === "perConversation"
        ? conversationCostUsd(runs, inputs.pricePerConversation)
        : model === "flex"
          ? flexCostUsd(actions, inputs.creditsPerAction, inputs.pricePer100kCredits, inputs.prepurchaseDiscount)
          : 0;
  return {
    items,
    runs,
    actions,
    aiUsd,
    reviewUsd: ((items * job.reviewMinutesPerItem) / MINUTES_PER_HOUR) * inputs.reviewerHourlyUsd,
    escalationUsd: items * (1 - job.targetAcceptanceRate) * inputs.humanCostPerCaseUsd,
  };
}

/** USD a credit costs the org under Flex Credits (the price after the pre-purchase discount). */
export const creditPriceUsd = (inputs: Pick<BudgetInputs, "pricePer100kCredits" | "prepurchaseDiscount">): number =>
  (inputs.pricePer100kCredits / CREDITS_PER_PRICE_BLOCK) * (1 - inputs.prepurchaseDiscount);

/** The seats a month: per user at the Inputs sheet's price, or a seat plan's bill at the jobs' full volume (its metered use included). */
function seatsForAMonthUsd(inputs: BudgetInputs, jobs: readonly JobMonth[]): number {
  const model = inputs.model;
  if (typeof model !== "object") return seatCostUsd(inputs.licensedUsers, 1, inputs.pricePerUserMonth);
  const whole: PlanVolume = { conversations: jobs.reduce((s, j) => s + j.runs, 0), actions: jobs.reduce((s, j) => s + j.actions, 0) };
  return planMonthlyUsd(model.plan, whole, model.setting);
}

/** The 12 months of the budget and the year's totals. */
export function monthlyBudget(inputs: BudgetInputs): MonthlyBudget {
  const jobs = inputs.jobs.map((job) => ({ job, month: jobMonth(job, inputs) }));
  const p = inputs.platform;
  const seatsUsd = seatsForAMonthUsd(inputs, jobs.map(({ month }) => month));
  // Included and free credits are Flex Credits: they are worth something only under Flex.
  const creditsValueUsd = inputs.model === "flex" ? (p.includedCreditsPerYear + p.freeCredits) * creditPriceUsd(inputs) : 0;
  const amortisation = Math.max(1, p.amortisationMonths);
  const months: BudgetMonth[] = [];
  let cumulativeAi = 0;
  for (let m = 1; m <= BUDGET_MONTHS; m++) {
    const phased = (f: (j: JobMonth) => number): number => jobs.reduce((sum, { job, month }) => sum + f(month) * volumeFactor(job, m), 0);
    const aiUsd = isSeats(inputs.model) ? seatsUsd : phased((j) => j.aiUsd);
    const reviewUsd = phased((j) => j.reviewUsd);
    const escalationUsd = phased((j) => j.escalationUsd);
    const seats = isSeats(inputs.model) ? 0 : p.seatUsers * inputs.pricePerUserMonth;
    const dataCloudUsd = p.dataCloudShareOfAiSpend * aiUsd;
    const sandboxUsd = p.sandboxShareOfUsage * aiUsd * (1 - p.sandboxDiscount);
    const developmentUsd = m <= amortisation ? p.developmentUsd / amortisation : 0;
    // The credits are drawn down by the AI spend as it comes, never more than the month's.
    const before = cumulativeAi;
    cumulativeAi += aiUsd;
    const creditsUsd = Math.min(before, creditsValueUsd) - Math.min(cumulativeAi, creditsValueUsd);
    const supportUsd = p.supportSurcharge * (aiUsd + seats + dataCloudUsd + sandboxUsd + creditsUsd);
    const platformUsd = seats + dataCloudUsd + sandboxUsd + developmentUsd + creditsUsd + supportUsd;
    const laborUsd = reviewUsd + escalationUsd;
    months.push({
      month: m,
      monthStart: monthStartSerial(inputs.fiscalYearStart, m - 1),
      actions: phased((j) => j.actions),
      aiUsd,
      reviewUsd,
      escalationUsd,
      laborUsd,
      seatsUsd: seats,
      dataCloudUsd,
      sandboxUsd,
      developmentUsd,
      creditsUsd,
      supportUsd,
      platformUsd,
      totalUsd: aiUsd + laborUsd + platformUsd,
    });
  }
  const sum = (f: (m: BudgetMonth) => number): number => months.reduce((s, m) => s + f(m), 0);
  return {
    months,
    creditsValueUsd,
    annual: { aiUsd: sum((m) => m.aiUsd), laborUsd: sum((m) => m.laborUsd), platformUsd: sum((m) => m.platformUsd), totalUsd: sum((m) => m.totalUsd) },
  };
}

/** A budget month against the ledger's records in it (undefined figures: the month has no records). */
export interface ActualMonth {
  readonly month: number;
  readonly actions: number;
  /** The share of the month the ledger covers (it may start or end inside it), by which its budget is taken. */
  readonly covered?: number;
  /** The month's budget for the days covered (the whole month's without records). */
  readonly budgetUsd: number;
  readonly budgetActions: number;
  readonly aiUsd?: number;
  readonly reviewUsd?: number;
  readonly escalationUsd?: number;
  /** Platform and hidden costs are not in a usage log: carried at budget. */
  readonly platformUsd?: number;
  readonly totalUsd?: number;
  /** Actual − budget. */
  readonly varianceUsd?: number;
  readonly volumeUsd?: number;
  readonly mixUsd?: number;
  readonly priceUsd?: number;
}

/**
 * The ledger's actual dollars per budget month: the AI cost of its units under the pricing
 * model (the month's seats under per-user pricing), its review minutes at the reviewer's
 * hourly cost, its escalated actions at the human cost per case, and the platform at budget.
 * A month the ledger covers in part (its first and last days with records fall inside it) is
 * budgeted for the days covered. The variance (actual − budget) splits exactly into volume,
 * mix and price (docs/model.md §10.4).
 */
export function actualsByMonth(inputs: BudgetInputs, budget: MonthlyBudget, records: readonly LedgerRecord[]): ActualMonth[] {
  const jobs = inputs.jobs.map((job) => ({ job, month: jobMonth(job, inputs) }));
  const key = (name: string): string => name.toLowerCase();
  // A job listed twice shares its actions between its rows.
  const listed = new Map<string, number>();
  for (const { job } of jobs) if (job.job !== "") listed.set(key(job.job), (listed.get(key(job.job)) ?? 0) + 1);
  const perUser = isSeats(inputs.model);
  const seatsUsd = seatsForAMonthUsd(inputs, jobs.map(({ month }) => month));
  const model = inputs.model;
  const days = records.map((r) => Math.floor(serialFromMs(r.timestampMs)));
  const from = Math.min(...days);
  const through = Math.max(...days);
  return budget.months.map((full): ActualMonth => {
    const end = monthStartSerial(full.monthStart, 1);
    const rows = records.filter((r) => {
      const serial = serialFromMs(r.timestampMs);
      return serial >= full.monthStart && serial < end;
    });
    if (rows.length === 0) return { month: full.month, actions: 0, budgetUsd: full.totalUsd, budgetActions: full.actions };
    const covered = (Math.min(end, through + 1) - Math.max(full.monthStart, from)) / (end - full.monthStart);
    const b = { ...full, actions: full.actions * covered, aiUsd: full.aiUsd * covered, laborUsd: full.laborUsd * covered, platformUsd: full.platformUsd * covered, totalUsd: full.totalUsd * covered };
    // A row with its own USD (stated, or its tokens priced) costs that; the others their units under the model.
    const units = rows.reduce((s, r) => s + (r.costUsd === undefined ? r.units : 0), 0);
    const ownUsd = rows.reduce((s, r) => s + (r.costUsd ?? 0), 0);
    const aiUsd =
      ownUsd +
      (perUser
        ? seatsUsd * covered
        : typeof model === "object"
          ? units * model.plan.usdPerUnit
          : model === "perConversation"
          ? conversationCostUsd(units, inputs.pricePerConversation)
          : flexCostUsd(units, 1, inputs.pricePer100kCredits, inputs.prepurchaseDiscount));
    const reviewUsd = (rows.reduce((s, r) => s + r.reviewMinutes, 0) / MINUTES_PER_HOUR) * inputs.reviewerHourlyUsd;
    // An aggregated row is its count of actions.
    const escalationUsd = rows.reduce((s, r) => s + (r.escalated ? countOf(r) : 0), 0) * inputs.humanCostPerCaseUsd;
    const totalUsd = aiUsd + reviewUsd + escalationUsd + b.platformUsd;
    const varianceUsd = totalUsd - b.totalUsd;
    const actions = rows.reduce((s, r) => s + countOf(r), 0);
    const figures = { month: b.month, actions, covered, budgetUsd: b.totalUsd, budgetActions: b.actions, aiUsd, reviewUsd, escalationUsd, platformUsd: b.platformUsd, totalUsd, varianceUsd };
    if (b.actions === 0) return { ...figures, volumeUsd: varianceUsd, mixUsd: 0, priceUsd: 0 };
    const usageBudget = b.aiUsd + b.laborUsd;
    const perAction = usageBudget / b.actions;
    // Fixed seats cost the same per action in every job: they make no mix.
    const variablePerAction = (usageBudget - (perUser ? b.aiUsd : 0)) / b.actions;
    // Each matched action at its job's cost per action against the budget's (unmatched ones make no mix).
    let mixUsd = 0;
    for (const { job, month } of jobs) {
      if (job.job === "" || month.actions <= 0) continue;
      const own = rows.reduce((s, r) => s + (key(r.job) === key(job.job) ? countOf(r) : 0), 0) / (listed.get(key(job.job)) ?? 1);
      mixUsd += own * (((perUser ? 0 : month.aiUsd) + month.reviewUsd + month.escalationUsd) / month.actions - variablePerAction);
    }
    const volumeUsd = (actions - b.actions) * perAction;
    return { ...figures, volumeUsd, mixUsd, priceUsd: varianceUsd - volumeUsd - mixUsd };
  });
}

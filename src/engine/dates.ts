/**
 * Excel date serials (days since 1899-12-30, the 1900 date system), ISO dates and ms since
 * the Unix epoch: the one place that knows how they convert.
 */

export const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01, the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25_569;

/** The Excel serial (with its fraction of a day) of an instant given as ms since the epoch, UTC. */
export const serialFromMs = (ms: number): number => ms / MS_PER_DAY + UNIX_EPOCH_SERIAL;

/** ms since the epoch of an Excel serial read as UTC, rounded to the millisecond. */
export const msFromSerial = (serial: number): number => Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY);

/** An Excel date-time serial for a local time, as NOW() gives it where the workbook is open. */
export function serialFromLocalDate(date: Date): number {
  return serialFromMs(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds()));
}

/** "2025-05-15" for the calendar day an Excel serial falls on (its time of day ignored). */
export function isoFromSerial(serial: number): string {
  return new Date(msFromSerial(Math.floor(serial))).toISOString().slice(0, 10);
}

/** The Excel serial of an ISO calendar date. */
export function serialFromIso(iso: string): number {
  return serialFromMs(Date.parse(`${iso}T00:00:00Z`));
}

/** Today's calendar date where the workbook is open (local time, as Excel's TODAY()). */
export function localIsoToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Excel's last date, 9999-12-31. */
export const LAST_EXCEL_SERIAL = 2_958_465;

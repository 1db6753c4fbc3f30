/** Excel date serials (days since 1899-12-30, the 1900 date system) and ISO dates. */

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01, the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25_569;

/** "2025-05-15" for the calendar day an Excel serial falls on (its time of day ignored). */
export function isoFromSerial(serial: number): string {
  return new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Excel serial of an ISO calendar date. */
export function serialFromIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** Today's calendar date where the workbook is open (local time, as Excel's TODAY()). */
export function localIsoToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Excel's last date, 9999-12-31. */
export const LAST_EXCEL_SERIAL = 2_958_465;

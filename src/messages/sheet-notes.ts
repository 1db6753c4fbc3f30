/**
 * Words the template writes into the workbook itself: what a check cell says, and the notes
 * beside headlines that can be #N/A. A note is static text: the portable file's NA() and
 * LibreOffice carry no message, so the note says when the #N/A appears and why.
 */
export const TEMPLATE_MESSAGES = {
  currencyNote: "the currency the money formats show; build the workbook again to change it",
  mixCheck: {
    totalNote: "must be 100 %, or the costs show #VALUE!",
    ok: "OK",
    sharesOff: "Shares ≠ 100 %",
  },
  notAvailable: {
    cheapest: "Cost vs cheapest is #N/A while the cheapest costs 0 (no volume or no users)",
    breakeven: "#N/A: AI costs more even at 100 %, or less even at 0 %",
    payback: "#N/A when nothing is saved: blended ≥ human, or no cases",
    buildVsBuy: "#N/A when the buy price ≤ compute: building never wins",
    depletion: "#N/A while nothing is used: at 0 a day the credits never run out",
  },
} as const;

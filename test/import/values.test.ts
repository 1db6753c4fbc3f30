/**
 * Reading one cell: numbers in both decimal conventions, yes/no words, the status synonym
 * table, timestamps in every accepted shape with the day/month decision, decoding, the
 * hashes (FNV-1a 64 against its published test vectors) and the mapping proposal.
 */
import {
  STATUS_SYNONYMS,
  decodeText,
  detectDateOrder,
  detectDecimal,
  fnv1a64,
  headerKey,
  parseBoolean,
  parseMapping,
  parseNumber,
  parseStatus,
  parseTimestamp,
  pickMapping,
  proposeMapping,
  serialiseMapping,
  sha256Hex,
} from "../../src/import";

const utc = (...parts: [number, number, number, number?, number?, number?, number?]): number => Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0, parts[6] ?? 0);
const value = <T>(read: { ok: true; value: T } | { ok: false }): T | "refused" => (read.ok ? read.value : "refused");

describe("numbers", () => {
  test.each([
    ["1200", ".", 1200],
    ["1,200", ".", 1200],
    ["1,200.50", ".", 1200.5],
    ["12,345,678.9", ".", 12345678.9],
    ["4.5", ".", 4.5],
    [".5", ".", 0.5],
    ["1e3", ".", 1000],
    [" 7 ", ".", 7],
    ["$1,200", ".", 1200],
    ["1200 €", ",", 1200],
    ["(12)", ".", -12],
    ["-3", ".", -3],
    ["1.200", ",", 1200],
    ["1.200,5", ",", 1200.5],
    ["0,25", ",", 0.25],
    ["1 200,5", ",", 1200.5],
    ["1\u00a0200,5", ",", 1200.5],
    ["1'200.5", ".", 1200.5],
  ])("%j with decimal %j → %d", (text, decimal, expected) => {
    expect(value(parseNumber(text, decimal as "." | ","))).toBe(expected);
  });

  test.each([
    ["1,5", "."],
    ["1,20", "."],
    ["12.25", ","],
    ["1.5", ","],
    ["1,200,5", ","],
    ["two", "."],
    ["", "."],
    ["1.2.3", "."],
    ["12abc", "."],
  ])("%j with decimal %j is refused, not misread", (text, decimal) => {
    expect(parseNumber(text, decimal as "." | ",").ok).toBe(false);
  });

  test("typed cells from an .xlsx are taken as they are", () => {
    expect(value(parseNumber(2.5, "."))).toBe(2.5);
    expect(parseNumber(Number.NaN, ".").ok).toBe(false);
    expect(parseNumber(true, ".").ok).toBe(false);
  });

  test("the decimal mark: evidence first, the majority wins, then the separator decides", () => {
    expect(detectDecimal(["1,5", "2", "1.200,5"], ",")).toEqual({ mark: ",", evidence: true, undecided: 0 });
    expect(detectDecimal(["4.5", "1,200"], ";")).toEqual({ mark: ".", evidence: true, undecided: 1 });
    expect(detectDecimal(["1,5", "2,25", "1.5"], ",")).toEqual({ mark: ",", evidence: true, undecided: 0 });
    expect(detectDecimal(["1", "1,200"], ";")).toEqual({ mark: ",", evidence: false, undecided: 1 });
    expect(detectDecimal(["1", "1,200"], ",")).toEqual({ mark: ".", evidence: false, undecided: 1 });
    expect(detectDecimal(["1", "2"], "\t")).toEqual({ mark: ".", evidence: false, undecided: 0 });
  });
});

describe("yes and no", () => {
  test.each([
    ["TRUE", true],
    ["false", false],
    ["Yes", true],
    ["no", false],
    ["Y", true],
    ["n", false],
    ["1", true],
    ["0", false],
    ["WAHR", true],
    ["FALSCH", false],
    ["VRAI", true],
    ["faux", false],
    [" t ", true],
    [true, true],
    [0, false],
  ])("%j → %j", (cell, expected) => {
    expect(value(parseBoolean(cell))).toBe(expected);
  });

  test.each(["perhaps", "2", "yes please", 3])("%j is refused", (cell) => {
    expect(parseBoolean(cell).ok).toBe(false);
  });
});

describe("outcome statuses", () => {
  test.each([
    ["success", "succeeded"],
    ["OK", "succeeded"],
    ["Completed", "succeeded"],
    ["accepted", "validated"],
    ["Approved", "validated"],
    ["error", "failed"],
    ["Timed_Out", "failed"],
    ["timed-out", "failed"],
    ["rejected", "failed"],
    ["in progress", "attempted"],
    ["IN_PROGRESS", "attempted"],
    ["", "attempted"],
    ["validated", "validated"],
  ])("%j → %s", (text, status) => {
    expect(value(parseStatus(text))).toBe(status);
  });

  test.each(["maybe", "succeeded!", "okay-ish", "2"])("%j is not a status", (text) => {
    expect(parseStatus(text).ok).toBe(false);
  });

  test("no word means two outcomes", () => {
    const words = Object.values(STATUS_SYNONYMS).flat();
    expect(new Set(words).size).toBe(words.length);
  });
});

describe("timestamps", () => {
  test.each([
    ["2026-11-03", utc(2026, 11, 3)],
    ["2026-11-03T14:05", utc(2026, 11, 3, 14, 5)],
    ["2026-11-03T14:05:09Z", utc(2026, 11, 3, 14, 5, 9)],
    ["2026-11-03T14:05:09.123456Z", utc(2026, 11, 3, 14, 5, 9, 123)],
    ["2026-11-03T16:05:00+02:00", utc(2026, 11, 3, 14, 5)],
    ["2026-11-03T09:05:00-0500", utc(2026, 11, 3, 14, 5)],
    ["2026-11-03 14:05", utc(2026, 11, 3, 14, 5)],
    ["2026-11-03 14:05:00 UTC", utc(2026, 11, 3, 14, 5)],
    ["2026/11/03 14:05", utc(2026, 11, 3, 14, 5)],
    ["03.11.2026 14:05", utc(2026, 11, 3, 14, 5)],
    ["3 Nov 2026", utc(2026, 11, 3)],
    ["03-Nov-2026 14:05", utc(2026, 11, 3, 14, 5)],
    ["Nov 3, 2026 2:05 PM", utc(2026, 11, 3, 14, 5)],
    ["November 3rd, 2026 12:30 AM", utc(2026, 11, 3, 0, 30)],
    ["Tue, 3 Nov 2026 14:05:00 GMT", utc(2026, 11, 3, 14, 5)],
    ["46329.5868055556", utc(2026, 11, 3, 14, 5)],
    ["1793714700", utc(2026, 11, 3, 14, 5)],
    ["1793714700000", utc(2026, 11, 3, 14, 5)],
    ["29/02/2028", utc(2028, 2, 29)],
  ])("%j", (text, ms) => {
    expect(value(parseTimestamp(text, null))).toBe(ms);
  });

  test("typed cells: an .xlsx date, an Excel serial number", () => {
    expect(value(parseTimestamp(new Date(utc(2026, 11, 3, 14, 5)), null))).toBe(utc(2026, 11, 3, 14, 5));
    expect(value(parseTimestamp(46329.5, null))).toBe(utc(2026, 11, 3, 12));
  });

  test.each([
    ["2026-02-30", "notADate"],
    ["2026-11-03T25:00", "notADate"],
    ["31/04/2026", "notADate"],
    ["13:00 PM", "notADate"],
    ["yesterday", "notADate"],
    ["20261103", "notADate"],
    ["2026-11-03T14:05+15:00", "notADate"],
    ["1999-12-31", "implausibleDate"],
    ["12", "implausibleDate"],
    ["2100-01-01", "implausibleDate"],
  ])("%j is refused (%s)", (text, problem) => {
    const read = parseTimestamp(text, null);
    expect(read.ok ? "read" : read.problem).toBe(problem);
  });

  test("day or month first: the value, the order given, or a refusal that shows both readings", () => {
    expect(value(parseTimestamp("13/11/2026", null))).toBe(utc(2026, 11, 13));
    expect(value(parseTimestamp("11/13/2026", null))).toBe(utc(2026, 11, 13));
    expect(value(parseTimestamp("05/05/2026", null))).toBe(utc(2026, 5, 5));
    expect(value(parseTimestamp("03/11/2026", "DMY"))).toBe(utc(2026, 11, 3));
    expect(value(parseTimestamp("03/11/2026", "MDY"))).toBe(utc(2026, 3, 11));
    expect(value(parseTimestamp("03-11-26 14:05", "DMY"))).toBe(utc(2026, 11, 3, 14, 5));
    expect(parseTimestamp("03/11/2026", null)).toEqual({ ok: false, problem: "ambiguousDate", dayFirst: utc(2026, 11, 3), monthFirst: utc(2026, 3, 11) });
    expect(parseTimestamp("03/11/2026", null, true)).toMatchObject({ ok: false, problem: "mixedDateOrder" });
    // A value that proves the other order than the mapping's is refused, not swapped.
    expect(parseTimestamp("13/11/2026", "MDY")).toEqual({ ok: false, problem: "notInOrder" });
    // Dotted dates are day-first whatever the mapping says.
    expect(value(parseTimestamp("03.11.2026", "MDY"))).toBe(utc(2026, 11, 3));
  });

  test("the order a column proves", () => {
    expect(detectDateOrder(["03/11/2026", "13/11/2026", "2026-11-03"])).toEqual({ order: "DMY", dayFirst: true, monthFirst: false, ambiguous: 1 });
    expect(detectDateOrder(["11/13/2026", "11/03/2026"])).toEqual({ order: "MDY", dayFirst: false, monthFirst: true, ambiguous: 1 });
    expect(detectDateOrder(["11/03/2026", "05/05/2026", "03.11.2026"])).toEqual({ order: null, dayFirst: false, monthFirst: false, ambiguous: 1 });
    expect(detectDateOrder(["13/11/2026", "11/13/2026"])).toMatchObject({ order: null, dayFirst: true, monthFirst: true });
  });
});

describe("decoding", () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  test("UTF-8 with and without a BOM", () => {
    expect(decodeText(encode("\ufeffa,b\nCafé,€"))).toEqual({ text: "a,b\nCafé,€", encoding: "utf-8", by: "bom" });
    expect(decodeText(encode("a,b"))).toEqual({ text: "a,b", encoding: "utf-8", by: "content" });
  });
  test("UTF-16 with a BOM, as Excel's Unicode text export", () => {
    const le = new Uint8Array([0xff, 0xfe, ...Array.from("a\tÉ").flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(le)).toEqual({ text: "a\tÉ", encoding: "utf-16le", by: "bom" });
    const be = new Uint8Array([0xfe, 0xff, ...Array.from("a\tÉ").flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(decodeText(be)).toEqual({ text: "a\tÉ", encoding: "utf-16be", by: "bom" });
  });
  test("Windows-1252 (Excel's legacy CSV), including the euro and curly quotes", () => {
    // Every non-ASCII byte is not UTF-8 (none is a UTF-8 sequence): a legacy file, read whole as Windows-1252, its bytes counted and placed.
    expect(decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x80, 0x93, 0x94]))).toEqual({
      text: "Café;€\u201c\u201d",
      encoding: "windows-1252",
      by: "content",
      notUtf8: { count: 4, at: [3, 5, 6, 7].map((offset) => ({ offset, line: 1 })) },
    });
  });
});

describe("hashes", () => {
  test("FNV-1a 64 matches the published test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
  test("SHA-256 of the file's bytes, as sha256sum prints it", async () => {
    expect(await sha256Hex(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("the column mapping", () => {
  test("header names are compared without case, spacing or punctuation", () => {
    expect(headerKey("  Credits_Consumed ")).toBe("creditsconsumed");
    expect(headerKey("Review Time (min)")).toBe("reviewtimemin");
    expect(headerKey("Équipe")).toBe("equipe");
  });

  test("a proposal from a vendor's export and a team's own log", () => {
    const vendor = proposeMapping(["Date/Time", "Agent Name", "Workflow", "Action", "Credits Consumed", "Outcome", "Escalated", "Retry", "Request ID"]);
    expect(vendor.mapping.columns).toEqual({
      timestamp: "Date/Time",
      agent: "Agent Name",
      job: "Workflow",
      actionType: "Action",
      units: "Credits Consumed",
      status: "Outcome",
      escalated: "Escalated",
      rerun: "Retry",
      // The vendor's request id: the row's identity.
      id: "Request ID",
    });
    expect(vendor.unmapped).toEqual([]);
    expect(vendor.missingRequired).toEqual([]);

    const team = proposeMapping(["ts", "agent_id", "job_name", "EVENT TYPE", "credits_used", "result", "human-handoff", "is_retry", "Review Time (min)", "cost centre"]);
    expect(team.mapping.columns).toEqual({
      timestamp: "ts",
      agent: "agent_id",
      job: "job_name",
      actionType: "EVENT TYPE",
      units: "credits_used",
      status: "result",
      escalated: "human-handoff",
      rerun: "is_retry",
      reviewMinutes: "Review Time (min)",
      team: "cost centre",
    });
    expect(team.confidence.reviewMinutes).toBe("similar");
    expect(team.confidence.units).toBe("exact");
  });

  test("a known name inside a longer header is proposed as similar; an exact name wins over it", () => {
    const p = proposeMapping(["Flex Credits Consumed (per action)", "Start Time", "Units"]);
    expect(p.mapping.columns.units).toBe("Units");
    expect(p.mapping.columns.timestamp).toBe("Start Time");
    expect(p.unmapped).toEqual(["Flex Credits Consumed (per action)"]);
    const q = proposeMapping(["Flex Credits Consumed (per action)", "when"]);
    expect(q.mapping.columns.units).toBe("Flex Credits Consumed (per action)");
    expect(q.confidence.units).toBe("similar");
  });

  test("required fields no header suggests are named", () => {
    expect(proposeMapping(["Agent", "Status"]).missingRequired).toEqual(["timestamp", "units"]);
  });

  test("JSON round trip; stored data is not trusted", () => {
    const mapping = { ...proposeMapping(["Time", "Credits"]).mapping, dateOrder: "DMY" as const, decimal: "," as const, delimiter: ";" as const };
    expect(parseMapping(serialiseMapping(mapping))).toEqual(mapping);
    expect(parseMapping("{not json")).toBeNull();
    expect(parseMapping({ version: 2, columns: {}, headers: [] })).toBeNull();
    expect(parseMapping({ version: 1, columns: { units: "Credits", bogus: "x", agent: 5 }, headers: ["Credits", 3], dateOrder: "YMD" })).toEqual({
      version: 1,
      columns: { units: "Credits" },
      delimiter: "auto",
      decimal: "auto",
      dateOrder: "auto",
      headers: ["Credits"],
    });
  });

  test("a saved mapping is found again for the same headers in any order, or for a log that gained a column", () => {
    const a = proposeMapping(["Time", "Credits"]).mapping;
    const b = proposeMapping(["When", "Units", "Agent"]).mapping;
    expect(pickMapping([a, b], ["credits", "TIME"])).toBe(a);
    expect(pickMapping([a, b], ["When", "Units", "Agent", "Team"])).toBe(b);
    expect(pickMapping([a, b], ["Other"])).toBeNull();
  });
});

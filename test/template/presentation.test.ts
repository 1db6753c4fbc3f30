/**
 * The workbook as a CFO reads it (issue 10, "Presentation a CFO accepts"), checked on the one
 * description both writers render: what stays in view, money in the workbook's currency,
 * rates as rates, inputs (and only inputs) looking like inputs with a drop-down wherever a
 * typed value picks a formula's branch, the rate card's tier rows, the interaction-mix check,
 * and a note beside every figure the evaluator can drive to #N/A. The writers' side of each
 * is in file-writer.test.ts and office-writer.test.ts.
 */
import { offset, parseAddress } from "../../src/template/model/address";
import { sheetCells, type PlacedCell } from "../../src/template/model/cells";
import { FORMATS, isCurrencyCode, numberFormats, type Block, type CellBlock, type LabelledCell, type SheetSpec, type TableBlock, type TemplateDescription, type Validation } from "../../src/template/model/description";
import { walk, type Expr } from "../../src/template/model/formula";
import { tableHeaderCell, valueCell } from "../../src/template/model/layout";
import { CellError, workbookEvaluator } from "../../src/template/render/evaluator";
import { STAMP_NAMES, TABLES, describeTemplate } from "../../src/template/sheets/template";
import { specOf } from "../../src/functions/catalog";
import { Refusal, refusalOf } from "../../src/excel/run";
import { TEMPLATE_MESSAGES, WORKBOOK_MESSAGES, refusalMessage } from "../../src/messages";

const AS_OF = "2026-11-23";
const NOW = (): Date => new Date(2026, 10, 23, 9, 30);
const template = describeTemplate({ examples: true, asOf: AS_OF });
const descriptions = [template, describeTemplate({ examples: false, asOf: AS_OF })] as const;

const tables = (sheet: SheetSpec): TableBlock[] => sheet.blocks.filter((b): b is TableBlock => b.kind === "table");
const labelled = (d: TemplateDescription): { sheet: SheetSpec; block: CellBlock; index: number; cell: LabelledCell }[] =>
  d.sheets.flatMap((sheet) => sheet.blocks.flatMap((block) => (block.kind === "cells" ? block.cells.map((cell, index) => ({ sheet, block, index, cell })) : [])));
const placedAt = (sheet: SheetSpec, address: string): PlacedCell | undefined => sheetCells(sheet).find((c) => c.address === address);
const isFormula = (c: PlacedCell): boolean => "formula" in c.content;

/** Every expression the description holds, where it sits. */
function expressions(d: TemplateDescription): { where: string; expr: Expr }[] {
  const out: { where: string; expr: Expr }[] = [];
  for (const sheet of d.sheets) {
    for (const block of sheet.blocks) {
      if (block.kind === "cells") for (const c of block.cells) if ("formula" in c.value) out.push({ where: `${sheet.name}: ${c.label}`, expr: c.value.formula });
      if (block.kind === "table") {
        for (const c of block.columns) for (const expr of [c.formula, c.portableFormula]) if (expr) out.push({ where: `${block.name}[${c.header}]`, expr });
        block.rows.forEach((row, i) => Object.entries(row).forEach(([h, v]) => typeof v === "object" && out.push({ where: `${block.name}[${h}] row ${i + 1}`, expr: v.formula })));
      }
      if (block.kind === "grid") block.formulas.flat().forEach((expr) => out.push({ where: `${sheet.name} grid`, expr }));
    }
    for (const cf of sheet.conditionalFormats) for (const rule of cf.rules) out.push({ where: `${sheet.name}!${cf.range} colour rule`, expr: rule.when });
  }
  return out;
}

// ---- What stays in view -------------------------------------------------------------------

describe.each(descriptions.map((d, i) => [i === 0 ? "with examples" : "without examples", d] as const))("what stays in view (%s)", (_label, description) => {
  test("every sheet with a table freezes its panes", () => {
    const unfrozen = description.sheets.filter((s) => tables(s).length > 0 && !s.freeze).map((s) => s.name);
    expect(unfrozen).toEqual([]);
  });

  test("a sheet that is one table keeps its column headers in view, and its row labels where the total row names one", () => {
    const single = description.sheets.filter((s) => s.blocks.filter((b) => b.kind !== "chart").length === 1 && tables(s).length === 1);
    expect(single.map((s) => s.name)).toEqual(expect.arrayContaining(["Jobs"]));
    for (const sheet of single) {
      const [table] = tables(sheet) as [TableBlock];
      const freeze = sheet.freeze ?? { rows: 0, columns: 0 };
      // The last frozen row is the header row: its first cell is the table's first column header.
      expect([sheet.name, placedAt(sheet, `A${freeze.rows}`)?.style, placedAt(sheet, `A${freeze.rows}`)?.content]).toEqual([sheet.name, "columnHeader", { value: table.columns[0]?.header }]);
      const label = table.columns.find((c) => c.total === "label");
      const lastFrozen = freeze.columns === 0 ? undefined : placedAt(sheet, offset(`A${freeze.rows}`, 0, freeze.columns - 1))?.content;
      expect([sheet.name, lastFrozen]).toEqual([sheet.name, label ? { value: label.header } : undefined]);
    }
    // The Jobs sheet scrolls with the Example marker and the job's name in view.
    expect(description.sheets.find((s) => s.name === "Jobs")?.freeze).toEqual({ rows: parseAddress(tableHeaderCell(tables(description.sheets.find((s) => s.name === "Jobs") as SheetSpec)[0] as TableBlock)).row, columns: 2 });
  });

  test("a sheet of several blocks keeps its title rows and column A, where every block's labels and keys are", () => {
    const several = description.sheets.filter((s) => (tables(s).length > 0 || s.freeze) && s.blocks.filter((b) => b.kind !== "chart").length > 1);
    expect(several.map((s) => s.name)).toEqual(expect.arrayContaining(["Inputs", "Pricing", "ROI"]));
    for (const sheet of several) {
      expect([sheet.name, sheet.freeze]).toEqual([sheet.name, { rows: 2, columns: 1 }]);
      expect([placedAt(sheet, "A1")?.style, placedAt(sheet, "A2")?.style]).toEqual(["title", "purpose"]);
      const elsewhere = sheet.blocks.filter((b): b is Exclude<Block, { kind: "chart" }> => b.kind !== "chart" && parseAddress(b.anchor).column !== 1);
      expect([sheet.name, elsewhere.map((b) => b.anchor)]).toEqual([sheet.name, []]);
    }
  });
});

// ---- Money in the workbook's currency -------------------------------------------------------

describe("money formats follow the currency", () => {
  test.each([
    ["USD", '"$"#,##0.00', '"$"#,##0'],
    ["EUR", '"€"#,##0.00', '"€"#,##0'],
    ["GBP", '"£"#,##0.00', '"£"#,##0'],
    // The yen has no minor unit: no decimals.
    ["JPY", '"¥"#,##0', '"¥"#,##0'],
    // A symbol that is letters keeps Intl's no-break space; the dinar has three decimals.
    ["CHF", '"CHF\u00a0"#,##0.00', '"CHF\u00a0"#,##0'],
    ["KWD", '"KWD\u00a0"#,##0.000', '"KWD\u00a0"#,##0'],
  ])("%s: %s and %s", (currency, usd, usdWhole) => {
    const formats = numberFormats(currency);
    expect([formats.usd, formats.usdWhole]).toEqual([usd, usdWhole]);
    // Nothing but money changes with the currency.
    expect({ ...formats, usd: FORMATS.usd, usdWhole: FORMATS.usdWhole }).toEqual(FORMATS);
  });

  test("the description carries its currency's formats; US dollars are the FORMATS every test reads", () => {
    expect(describeTemplate({ asOf: AS_OF }).formats).toEqual(FORMATS);
    expect(describeTemplate({ currency: "EUR", asOf: AS_OF }).formats.usd).toBe('"€"#,##0.00');
    expect(describeTemplate({ currency: "JPY", asOf: AS_OF }).formats.usd).toBe('"¥"#,##0');
  });

  test.each(["XYZ", "eur", "Euro", "", "US$"])("%j is refused with the catalogue's sentence, before anything is described", (currency) => {
    expect(isCurrencyCode(currency)).toBe(false);
    let thrown: unknown;
    try {
      describeTemplate({ currency, asOf: AS_OF });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Refusal);
    expect(refusalOf(thrown)).toEqual({ code: "unknownCurrency", currency });
    expect(refusalMessage(refusalOf(thrown))).toBe(WORKBOOK_MESSAGES.refusal.unknownCurrency(currency));
  });

  test("the Inputs sheet shows the currency as what it is: the workbook's, not an input that changes nothing", () => {
    const currency = labelled(describeTemplate({ currency: "GBP", asOf: AS_OF })).find((c) => c.cell.name === "CurrencyLabel");
    expect(currency?.cell).toMatchObject({ style: "output", value: { formula: { op: "str", value: "GBP" } }, note: TEMPLATE_MESSAGES.currencyNote });
  });
});

// ---- Rates as rates ---------------------------------------------------------------------------

test("every rate or share is formatted as a percentage", () => {
  const fraction = (v: Validation | undefined): boolean => v !== undefined && v.kind === "decimal" && v.max !== undefined && v.max <= 1;
  // "Resolution rate", "Share used", "As a share of the forecast"; not "Data Cloud credits the year's share buys".
  const namesARate = (text: string): boolean => /\b(rate|share)s?$|^(rate|share)s?\b|\bshare of\b/i.test(text);
  const seen: string[] = [];
  const problems: string[] = [];
  const check = (where: string, text: string, format: string, validation?: Validation): void => {
    if (format === "text" || !(fraction(validation) || namesARate(text))) return;
    seen.push(where);
    if (format !== "percent") problems.push(`${where}: ${format}`);
  };
  for (const description of descriptions)
    for (const sheet of description.sheets)
      for (const block of sheet.blocks) {
        if (block.kind === "cells") for (const c of block.cells) check(`${sheet.name}: ${c.label}`, c.label, c.format, c.validation);
        if (block.kind === "table") for (const c of block.columns) check(`${block.name}[${c.header}]`, c.header, c.format, c.validation);
        if (block.kind === "grid") check(`${sheet.name} grid rows`, block.corner, block.rowFormat);
      }
  expect(problems).toEqual([]);
  expect(seen.length).toBeGreaterThan(20);
});

// ---- Inputs, and only inputs, look like inputs --------------------------------------------------

describe.each(descriptions.map((d, i) => [i === 0 ? "with examples" : "without examples", d] as const))("input cells (%s)", (_label, description) => {
  /** What the analyst types: a labelled cell's value, a table input column's value, a grid's row and column values. */
  function typedCells(sheet: SheetSpec): Map<string, string> {
    const typed = new Map<string, string>();
    const stamps = new Set<string>(Object.values(STAMP_NAMES));
    for (const block of sheet.blocks) {
      // The pane writes the stamps: results, not inputs.
      if (block.kind === "cells") block.cells.forEach((c, i) => "input" in c.value && !stamps.has(c.name ?? "") && typed.set(valueCell(block, i), c.label));
      if (block.kind === "table")
        block.rows.forEach((row, r) =>
          block.columns.forEach((c, i) => {
            const given = row[c.header];
            if (c.kind === "input" && given !== undefined && typeof given !== "object") typed.set(offset(tableHeaderCell(block), 1 + r, i), `${block.name}[${c.header}]`);
          }),
        );
      if (block.kind === "grid") {
        const corner = offset(block.anchor, 1, 0);
        block.columnValues.forEach((_, j) => typed.set(offset(corner, 0, 1 + j), "grid column value"));
        block.rowValues.forEach((_, i) => typed.set(offset(corner, 1 + i, 0), "grid row value"));
      }
    }
    return typed;
  }

  test("every value the analyst types looks like an input (the example marker like an example)", () => {
    const problems: string[] = [];
    let typed = 0;
    for (const sheet of description.sheets)
      for (const [address, what] of typedCells(sheet)) {
        typed++;
        const style = placedAt(sheet, address)?.style;
        if (style !== "input" && style !== "example") problems.push(`${sheet.name}!${address} (${what}): ${String(style)}`);
      }
    expect(problems).toEqual([]);
    expect(typed).toBeGreaterThan(50);
  });

  test("every cell that looks like an input is one: a typed value, or a labelled default formula whose note says where it comes from", () => {
    const problems: string[] = [];
    for (const sheet of description.sheets) {
      const typed = typedCells(sheet);
      const defaults = new Map(
        sheet.blocks.flatMap((b) => (b.kind === "cells" ? b.cells.flatMap((c, i) => ("formula" in c.value && c.style === "input" ? [[valueCell(b, i), c] as const] : [])) : [])),
      );
      for (const placed of sheetCells(sheet)) {
        if (placed.style !== "input" && placed.style !== "example") continue;
        const where = `${sheet.name}!${placed.address}`;
        if (!isFormula(placed)) {
          if (!typed.has(placed.address)) problems.push(`${where}: a value the analyst is not meant to type`);
          continue;
        }
        const fallback = defaults.get(placed.address);
        if (!fallback) problems.push(`${where}: a formula that looks like an input`);
        else if (!fallback.note) problems.push(`${where}: ${fallback.label} defaults to a formula without a note saying so`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("a row's own formula in a column of given values (the pricing comparison's costs) looks like an output", () => {
    const pricing = description.sheets.find((s) => s.name === "Pricing") as SheetSpec;
    const comparison = tables(pricing).find((t) => t.name === TABLES.comparison) as TableBlock;
    const index = comparison.columns.findIndex((c) => c.header === "Monthly cost");
    expect(comparison.columns[index]?.kind).toBe("input");
    const styles = comparison.rows.map((_, r) => placedAt(pricing, offset(tableHeaderCell(comparison), 1 + r, index))?.style);
    expect(styles).toEqual(comparison.rows.map(() => "output"));
  });

  test("every text input whose value picks a formula's branch has a drop-down offering that value", () => {
    // Where each named input and each input column is, and its validation.
    const inputs = new Map<string, { validation?: Validation; where: string }>();
    for (const { sheet, cell } of labelled(description)) if (cell.name && cell.style === "input") inputs.set(`name:${cell.name.toLowerCase()}`, { ...(cell.validation ? { validation: cell.validation } : {}), where: `${sheet.name}: ${cell.label}` });
    for (const sheet of description.sheets)
      for (const block of tables(sheet))
        for (const c of block.columns) if (c.kind === "input") inputs.set(`column:${block.name}[${c.header}]`, { ...(c.validation ? { validation: c.validation } : {}), where: `${block.name}[${c.header}]` });
    const keyOf = (e: Expr): string | undefined => (e.op === "name" ? `name:${e.name.toLowerCase()}` : e.op === "column" ? `column:${e.table}[${e.column}]` : undefined);
    // A comparison with a non-empty text, or an AWU argument that must be one of a list of texts.
    const picks: { key: string; value: string; where: string }[] = [];
    for (const { where, expr } of expressions(description))
      for (const e of walk(expr)) {
        if (e.op === "binary" && (e.operator === "=" || e.operator === "<>"))
          for (const [side, other] of [
            [e.left, e.right],
            [e.right, e.left],
          ] as const) {
            const key = keyOf(side);
            if (key && other.op === "str" && other.value !== "") picks.push({ key, value: other.value, where });
          }
        if (e.op === "awu")
          e.args.forEach((arg, i) => {
            const param = specOf(e.fn).params[i];
            const key = arg ? keyOf(arg) : undefined;
            if (key && param?.kind === "list" && param.items?.kind === "text" && param.items.allowed) for (const value of param.items.allowed) picks.push({ key, value, where });
          });
      }
    const problems = picks.flatMap(({ key, value, where }) => {
      const input = inputs.get(key);
      if (!input) return []; // a formula's own result, not something typed
      const v = input.validation;
      return v?.kind === "list" && v.choices.includes(value) ? [] : [`${input.where} picks "${value}" in ${where} but offers ${v?.kind === "list" ? v.choices.join(" | ") : "no drop-down"}`];
    });
    expect(problems).toEqual([]);
    // The walk finds the pricing model's branches (so a drop-down taken away fails here).
    expect(picks.filter((p) => inputs.has(p.key)).map((p) => p.key)).toContain("name:pricingmodel");
  });
});

// ---- The rate card's tier rows ----------------------------------------------------------------

test("the rate card's tier rows say they are the prices above 200k tokens; their base rows, up to 200k", () => {
  const inputs = template.sheets.find((s) => s.name === "Inputs") as SheetSpec;
  const card = tables(inputs).find((t) => t.name === TABLES.rateCard) as TableBlock;
  const unitOf = new Map(card.rows.map((r) => [String(r.Key), String(r.Unit)]));
  const tiers = [...unitOf.keys()].filter((k) => k.endsWith(".above200k"));
  expect(tiers).toHaveLength(4);
  for (const key of tiers) {
    const base = key.replace(/\.above200k$/, "");
    expect([key, unitOf.get(key)]).toEqual([key, `${String(unitOf.get(base)).split(",")[0] ?? ""}, prompts above 200k tokens`]);
    expect([base, unitOf.get(base)]).toEqual([base, expect.stringMatching(/up to 200k tokens$/)]);
  }
});

// ---- The interaction-mix check --------------------------------------------------------------------

describe("the interaction-mix check", () => {
  const withShares = (shares: readonly number[]): TemplateDescription => ({
    ...template,
    sheets: template.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((b) => (b.kind === "table" && b.name === TABLES.mix ? { ...b, rows: b.rows.map((row, i) => ({ ...row, Share: shares[i] ?? 0 })) } : b)),
    })),
  });
  const named = (d: TemplateDescription, name: string): unknown => {
    const found = labelled(d).find((c) => c.cell.name === name);
    if (!found) throw new Error(`no ${name}`);
    const value = workbookEvaluator(d, { now: NOW }).cell(found.sheet.name, valueCell(found.block, found.index));
    return value instanceof CellError ? value.code : value;
  };

  // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floating point: still 100 %.
  test.each([
    [[0.6, 0.3, 0.1], true],
    [[0.1, 0.2, 0.7], true],
    [[0.6, 0.3, 0.2], false],
    [[0.5, 0.4, 0], false],
    [[1, 0, 0], true],
    [[0.6, 0.3, 0.1000001], false],
  ])("shares %j: the check says %s exactly when the actions compute", (shares, adds) => {
    const d = withShares(shares);
    expect(named(d, "MixShareTotal")).toBeCloseTo(shares.reduce((a, b) => a + b, 0), 12);
    expect(named(d, "MixCheck")).toBe(adds ? TEMPLATE_MESSAGES.mixCheck.ok : TEMPLATE_MESSAGES.mixCheck.sharesOff);
    // The same verdict as AWU.MIXACTIONS's own: a number, or the #VALUE! the check explains.
    expect(typeof named(d, "ActionsPerInteraction") === "number").toBe(adds);
    if (!adds) expect(named(d, "TotalActionsPerMonth")).toBe("#VALUE!");
  });

  test("the check cell lights red unless it says OK, green when it does", () => {
    const pricing = template.sheets.find((s) => s.name === "Pricing") as SheetSpec;
    const check = labelled(template).find((c) => c.cell.name === "MixCheck");
    const address = check ? valueCell(check.block, check.index) : "";
    const light = pricing.conditionalFormats.find((cf) => cf.range.replace(/\$/g, "") === address);
    const rule = (operator: string): unknown => ({ op: "binary", operator, left: { op: "ref", sheet: "Pricing", address: `$${address.replace(/(\d+)/, "$$$1")}` }, right: { op: "str", value: TEMPLATE_MESSAGES.mixCheck.ok } });
    expect(light?.rules.map((r) => [r.when, r.fill])).toEqual([
      [rule("<>"), "F8CBAD"],
      [rule("="), "C6EFCE"],
    ]);
  });
});

// ---- #N/A headlines have their explanation beside them -----------------------------------------------

test("every figure the inputs can drive to #N/A has a note beside it that says when and why", () => {
  const numericInputs = labelled(template).filter((c) => c.cell.style === "input" && c.cell.name && ("formula" in c.cell.value || typeof c.cell.value.input === "number"));
  const driven = (name: string, value: number): TemplateDescription => ({
    ...template,
    sheets: template.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((b) => (b.kind === "cells" ? { ...b, cells: b.cells.map((c) => (c.name === name ? { ...c, value: { input: value } } : c)) } : b)),
    })),
  });
  const outputs = labelled(template).filter((c) => c.cell.style === "output");
  // Each table formula column once (its first row), and every row's own formula.
  const columns = template.sheets.flatMap((sheet) =>
    tables(sheet).flatMap((block) =>
      block.columns.flatMap((c, i) =>
        c.kind === "formula" ? [{ sheet, header: c.header, address: offset(tableHeaderCell(block), 1, i) }] : block.rows.flatMap((row, r) => (typeof row[c.header] === "object" ? [{ sheet, header: c.header, address: offset(tableHeaderCell(block), 1 + r, i) }] : [])),
      ),
    ),
  );
  const notAvailable = new Set<string>();
  const columnsNotAvailable = new Map<string, { sheet: SheetSpec; header: string }>();
  for (const { cell } of numericInputs)
    for (const value of [0, 1e9]) {
      const d = driven(cell.name as string, value);
      const evaluator = workbookEvaluator(d, { now: NOW });
      const isNA = (sheet: string, address: string): boolean => {
        const v = evaluator.cell(sheet, address);
        return v instanceof CellError && v.code === "#N/A";
      };
      for (const o of outputs) if (isNA(o.sheet.name, valueCell(o.block, o.index))) notAvailable.add(o.cell.name ?? o.cell.label);
      for (const c of columns) if (isNA(c.sheet.name, c.address)) columnsNotAvailable.set(`${c.sheet.name}:${c.header}`, c);
    }
  const problems: string[] = [];
  for (const o of outputs) if (notAvailable.has(o.cell.name ?? o.cell.label) && !o.cell.note?.includes("#N/A")) problems.push(`${o.sheet.name}: ${o.cell.label} can be #N/A with no note saying when`);
  for (const { sheet, header } of columnsNotAvailable.values()) {
    const notes = labelled(template).filter((c) => c.sheet === sheet).map((c) => c.cell.note ?? "");
    if (!notes.some((n) => n.includes(header) && n.includes("#N/A"))) problems.push(`${sheet.name}: ${header} can be #N/A with no note naming it`);
  }
  expect(problems).toEqual([]);
  // The walk reaches the no-result cases (so a note taken away fails here).
  expect([...notAvailable]).toEqual(expect.arrayContaining(["PaybackMonths", "BreakevenResolution", "BuildVsBuyCases"]));
  expect([...columnsNotAvailable.keys()]).toEqual(expect.arrayContaining(["Pricing:Cost vs cheapest"]));
});

/**
 * Parts exceljs cannot write, added to the saved .xlsx package with jszip: the chart (a
 * DrawingML bar or column chart, its drawing, relationships and content types), and the
 * small package look-ups the file writer's other fix-ups share. Everything is plain
 * string work on the package's XML, so it runs in the browser as in Node.
 */
import type JSZip from "jszip";
import { address, parseAddress } from "../model/address";
import { sheetPrefix } from "../model/formula";
import type { ChartBlock } from "../model/description";

const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRelationships: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;
const REL_TYPE = {
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
} as const;
const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

export const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

const unescapeXml = (text: string): string =>
  text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export async function readText(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no ${path}`);
  return file.async("string");
}

/** Each sheet's part path by sheet name, from the workbook and its relationships. */
export async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await readText(zip, "xl/workbook.xml");
  const rels = await readText(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const rel of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(rel[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(rel[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const paths = new Map<string, string>();
  for (const sheet of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(sheet[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(sheet[0])?.[1];
    const path = id ? targets.get(id) : undefined;
    if (name !== undefined && path) paths.set(unescapeXml(name), path);
  }
  return paths;
}

/** A part's relationships file: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels; the package's own ("") → _rels/.rels. */
const relsPathOf = (part: string): string => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** Adds a relationship to a part, or to the package for part "" (creating its .rels when it has none), and returns its id. */
export async function addRelationship(zip: JSZip, part: string, type: string, target: string): Promise<string> {
  const path = relsPathOf(part);
  const existing = zip.file(path) ? await readText(zip, path) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRelationships}"></Relationships>`;
  // An id no other relationship of the part uses.
  let n = 1;
  while (existing.includes(`Id="rIdAwu${n}"`)) n++;
  const id = `rIdAwu${n}`;
  zip.file(path, existing.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`));
  return id;
}

/** Declares a new part's content type. */
export async function addContentType(zip: JSZip, part: string, contentType: string): Promise<void> {
  const types = await readText(zip, "[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
}

/** The last elements of a worksheet, in the order the schema requires (CT_Worksheet is a sequence). */
const WORKSHEET_TAIL = ["drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/**
 * Puts the worksheet's last elements in schema order, adding any given ones: exceljs writes
 * a note's <legacyDrawing> after <tableParts>, which Excel reports as damaged content.
 */
export function orderWorksheetTail(sheetXml: string, add: readonly string[] = []): string {
  let body = sheetXml;
  const found = new Map<string, string[]>();
  for (const element of add) {
    const tag = /^<([A-Za-z]+)/.exec(element)?.[1] ?? "";
    found.set(tag, [...(found.get(tag) ?? []), element]);
  }
  for (const tag of WORKSHEET_TAIL) {
    // Self-closing (<drawing r:id="…"/>) or with content (<tableParts …>…</tableParts>).
    const pattern = new RegExp(`<${tag}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${tag}>)`, "g");
    body = body.replace(pattern, (element) => {
      found.set(tag, [...(found.get(tag) ?? []), element]);
      return "";
    });
  }
  const tail = WORKSHEET_TAIL.flatMap((tag) => found.get(tag) ?? []).join("");
  const end = body.lastIndexOf("</worksheet>");
  return `${body.slice(0, end)}${tail}${body.slice(end)}`;
}

/** The values a chart shows, cached in the part so a viewer that does not recalculate still draws it. */
export interface ChartCache {
  readonly categories: readonly string[];
  readonly values: readonly (number | null)[];
  /** The values of `moreSeries`, in order. */
  readonly moreValues?: readonly (readonly (number | null)[])[];
}

export interface PlacedChart {
  readonly sheet: string;
  readonly block: ChartBlock;
  readonly cache: ChartCache;
  /** The value axis's number format (the values' own format). */
  readonly valueFormat: string;
  /** The categories' number format where they are numbers (months as dates); text categories have none. */
  readonly categoryFormat?: string;
}

/** A range on the chart's sheet as a chart formula: Pricing!$A$19:$A$22. */
const absoluteRange = (sheet: string, range: string): string =>
  `${sheetPrefix(sheet)}${range
    .split(":")
    .map((cell) => address(parseAddress(cell), { row: true, column: true }))
    .join(":")}`;

const ptList = (values: readonly (string | number | null)[]): string =>
  values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`)).join("");

/** The chart part: its series side by side or stacked, categories and values referring to the description's ranges. */
export function chartXml(chart: PlacedChart): string {
  const { block, cache } = chart;
  const horizontal = block.type === "bar";
  const series = [{ name: block.seriesName, values: block.values, cached: cache.values }, ...(block.moreSeries ?? []).map((s, i) => ({ ...s, cached: cache.moreValues?.[i] ?? [] }))];
  const categoryRange = escapeXml(absoluteRange(chart.sheet, block.categories));
  // Numeric categories (dates) are numbers with their format, so the axis shows 2026-01-01 rather than 46023.
  const categories =
    chart.categoryFormat === undefined
      ? `<c:cat><c:strRef><c:f>${categoryRange}</c:f><c:strCache><c:ptCount val="${cache.categories.length}"/>${ptList(cache.categories)}</c:strCache></c:strRef></c:cat>`
      : `<c:cat><c:numRef><c:f>${categoryRange}</c:f><c:numCache><c:formatCode>${escapeXml(chart.categoryFormat)}</c:formatCode><c:ptCount val="${cache.categories.length}"/>${ptList(cache.categories)}</c:numCache></c:numRef></c:cat>`;
  // The axis counts in whole units of the values' format: $5,000 rather than $5,000.00.
  const axisFormat = chart.valueFormat.replace(/\.0+/, "");
  // Axis ids only need to be unique within the chart.
  const categoryAxis = 500001;
  const valueAxis = 500002;
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">`,
    `<c:roundedCorners val="0"/>`,
    `<c:chart>`,
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(block.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
    `<c:autoTitleDeleted val="0"/>`,
    `<c:plotArea><c:layout/>`,
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${block.stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>`,
    ...series.map((s, i) =>
      [
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx><c:invertIfNegative val="0"/>`,
        categories,
        `<c:val><c:numRef><c:f>${escapeXml(absoluteRange(chart.sheet, s.values))}</c:f><c:numCache><c:formatCode>${escapeXml(chart.valueFormat)}</c:formatCode><c:ptCount val="${s.cached.length}"/>${ptList(s.cached)}</c:numCache></c:numRef></c:val>`,
        `</c:ser>`,
      ].join(""),
    ),
    // Stacked bars sit on one another: a full overlap, as Excel writes them.
    `<c:gapWidth val="80"/>${block.stacked ? `<c:overlap val="100"/>` : ""}<c:axId val="${categoryAxis}"/><c:axId val="${valueAxis}"/>`,
    `</c:barChart>`,
    // A horizontal bar chart lists categories down the left and values along the bottom.
    `<c:catAx><c:axId val="${categoryAxis}"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>`,
    `<c:numFmt formatCode="${escapeXml(chart.categoryFormat ?? "General")}" sourceLinked="${chart.categoryFormat === undefined ? 1 : 0}"/><c:tickLblPos val="nextTo"/><c:crossAx val="${valueAxis}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>`,
    `<c:valAx><c:axId val="${valueAxis}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "t" : "l"}"/><c:majorGridlines/>`,
    `<c:numFmt formatCode="${escapeXml(axisFormat)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="${categoryAxis}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`,
    `</c:plotArea>`,
    // One series is named by the title; several need a legend to tell them apart.
    series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "",
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>`,
    `</c:chart>`,
    `</c:chartSpace>`,
  ].join("");
}

/** A drawing anchor corner: 0-based column and row. */
const marker = (tag: "from" | "to", column: number, row: number): string =>
  `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

/** The drawing part of a sheet: one anchored frame per chart, covering its from–to cells. */
export function drawingXml(charts: readonly { readonly block: ChartBlock; readonly relId: string }[]): string {
  const anchors = charts.map(({ block, relId }, i) => {
    const from = parseAddress(block.from);
    const to = parseAddress(block.to);
    return [
      `<xdr:twoCellAnchor editAs="oneCell">`,
      marker("from", from.column - 1, from.row - 1),
      // The bottom-right cell is covered whole: the frame ends where the next cell starts.
      marker("to", to.column, to.row),
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(block.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`,
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>`,
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="${relId}"/></a:graphicData></a:graphic>`,
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    ].join("");
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">${anchors.join("")}</xdr:wsDr>`;
}

/** Adds the charts to the package: per sheet one drawing, per chart one chart part, all wired in. */
export async function addCharts(zip: JSZip, charts: readonly PlacedChart[]): Promise<void> {
  if (charts.length === 0) return;
  const paths = await sheetPaths(zip);
  const bySheet = new Map<string, PlacedChart[]>();
  for (const chart of charts) bySheet.set(chart.sheet, [...(bySheet.get(chart.sheet) ?? []), chart]);
  // Part numbers no part of the package uses yet.
  const unused = (prefix: string, from: number): number => {
    let n = from + 1;
    while (zip.file(`${prefix}${n}.xml`)) n++;
    return n;
  };
  let chartNumber = 0;
  let drawingNumber = 0;
  for (const [sheet, sheetCharts] of bySheet) {
    const sheetPath = paths.get(sheet);
    if (!sheetPath) throw new Error(`The package has no sheet ${sheet}`);
    drawingNumber = unused("xl/drawings/drawing", drawingNumber);
    const drawingPath = `xl/drawings/drawing${drawingNumber}.xml`;
    const frames: { block: ChartBlock; relId: string }[] = [];
    for (const chart of sheetCharts) {
      chartNumber = unused("xl/charts/chart", chartNumber);
      const chartPath = `xl/charts/chart${chartNumber}.xml`;
      zip.file(chartPath, chartXml(chart));
      await addContentType(zip, chartPath, CONTENT_TYPE.chart);
      frames.push({ block: chart.block, relId: await addRelationship(zip, drawingPath, REL_TYPE.chart, `../charts/chart${chartNumber}.xml`) });
    }
    zip.file(drawingPath, drawingXml(frames));
    await addContentType(zip, drawingPath, CONTENT_TYPE.drawing);
    const relId = await addRelationship(zip, sheetPath, REL_TYPE.drawing, `../drawings/drawing${drawingNumber}.xml`);
    const sheetXml = await readText(zip, sheetPath);
    // The worksheet's root must declare the relationships namespace for r:id.
    const withNamespace = sheetXml.includes(`xmlns:r="${NS.relationships}"`) ? sheetXml : sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${NS.relationships}" `);
    zip.file(sheetPath, orderWorksheetTail(withNamespace, [`<drawing r:id="${relId}"/>`]));
  }
}

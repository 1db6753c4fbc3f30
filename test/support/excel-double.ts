/**
 * A test double of the part of Excel's object model the Office.js writer uses, with
 * Office.js's batching semantics: calls on proxies are queued and applied in order at
 * sync(); a property can be read only after load() and a sync ("PropertyNotLoaded");
 * *OrNullObject items report isNullObject after a sync; a failing action rejects the sync
 * with Excel's error code and leaves earlier actions applied (Excel does not roll back).
 * Each sync's request is measured as the JSON of its actions (numeric object ids, as
 * Office.js sends them) and refused above the payload limit. Flags simulate a protected
 * sheet or workbook and cell-edit mode. It computes no formulas: a formula cell's value
 * is whatever a test sets with `calculated`.
 *
 * office-addin-mock models none of this (it wraps plain data), so it is not used here.
 */

export type DoubleValue = number | string | boolean;

/** An error as Office.js rejects a sync with: a code from Excel.ErrorCodes and a message. */
export class ExcelDoubleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "OfficeExtension.Error";
  }
}

const fail = (code: string, message: string): never => {
  throw new ExcelDoubleError(code, message);
};

// ---- Addresses ----------------------------------------------------------------------------

export interface Area {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

const MAX_ROW = 1_048_576;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function colLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** "B5", "$B$5", "A1:C3", "A:A" → an area. */
export function parseArea(address: string): Area {
  const text = address.includes("!") ? (address.split("!").pop() as string) : address;
  const [from, to = from] = text.replace(/\$/g, "").toUpperCase().split(":") as [string, string?];
  const whole = /^([A-Z]+)$/;
  if (whole.test(from) && whole.test(to)) return { r1: 1, c1: colNumber(from), r2: MAX_ROW, c2: colNumber(to) };
  const cell = (a: string): [number, number] => {
    const m = /^([A-Z]{1,3})(\d+)$/.exec(a);
    if (!m) return fail("InvalidArgument", `Not an address: ${address}`);
    return [Number(m[2]), colNumber(m[1] as string)];
  };
  const [r1, c1] = cell(from);
  const [r2, c2] = cell(to);
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

export function areaAddress(a: Area): string {
  const one = `${colLetters(a.c1)}${a.r1}`;
  return a.r1 === a.r2 && a.c1 === a.c2 ? one : `${one}:${colLetters(a.c2)}${a.r2}`;
}

const quoteSheet = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
const overlaps = (a: Area, b: Area): boolean => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const within = (inner: Area, outer: Area): boolean => inner.r1 >= outer.r1 && inner.r2 <= outer.r2 && inner.c1 >= outer.c1 && inner.c2 <= outer.c2;

// ---- The model ----------------------------------------------------------------------------

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  wrapText?: boolean;
  verticalAlignment?: string;
}

export interface Cell {
  value: DoubleValue;
  formula: string | null;
  numberFormat: string;
  format: CellFormat;
}

export interface ValidationModel {
  readonly area: Area;
  rule?: unknown;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: unknown;
}

export interface ConditionalFormatModel {
  readonly area: Area;
  readonly type: string;
  formula?: string;
  fill?: string;
  font?: string;
  stopIfTrue?: boolean;
  priority?: number;
}

export interface ChartModel {
  readonly type: string;
  readonly source: Area;
  readonly seriesBy: string;
  title?: string;
  legendVisible?: boolean;
  seriesName?: string;
  xValues?: Area;
  from?: string;
  to?: string;
  /** Series added after the first (ChartSeriesCollection.add), in order. */
  more?: { name: string; values?: Area; xValues?: Area }[];
}

/** A sheet's print settings as Office.js sets them. */
export interface PageLayoutModel {
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** Whole rows, as "$1:$5". */
  printTitleRows?: string;
}

export class SheetModel {
  tabColor = "";
  protected = false;
  readonly cells = new Map<string, Cell>();
  readonly columnWidths = new Map<number, number>();
  /** Rows (1-based) autofitted by RangeFormat.autofitRows; the double keeps no row heights. */
  readonly autofitRows = new Set<number>();
  readonly validations: ValidationModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly charts: ChartModel[] = [];
  /** The rows and columns freezePanes keeps in view (0: none). */
  frozen: { rows: number; columns: number } = { rows: 0, columns: 0 };
  /** What pageLayout was given (ExcelApi 1.9); unset until written. */
  readonly pageLayout: PageLayoutModel = {};

  constructor(public name: string) {}

  private key = (r: number, c: number): string => `${r},${c}`;

  cellAt(r: number, c: number): Cell | undefined {
    return this.cells.get(this.key(r, c));
  }

  ensure(r: number, c: number): Cell {
    const k = this.key(r, c);
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { value: "", formula: null, numberFormat: "General", format: {} };
      this.cells.set(k, cell);
    }
    return cell;
  }

  /** For tests: a cell by A1 address. */
  cell(address: string): Cell {
    const a = parseArea(address);
    return this.cellAt(a.r1, a.c1) ?? { value: "", formula: null, numberFormat: "General", format: {} };
  }

  /** What the cell shows to formulas: its formula if any, else its value. */
  content(address: string): DoubleValue {
    const c = this.cell(address);
    return c.formula ?? c.value;
  }

  /** For tests: sets the value a formula cell computes to (the double calculates nothing). */
  calculated(address: string, value: DoubleValue): void {
    const a = parseArea(address);
    this.ensure(a.r1, a.c1).value = value;
  }

  /** For tests: what an analyst types into a cell. */
  type(address: string, value: DoubleValue): void {
    const a = parseArea(address);
    const cell = this.ensure(a.r1, a.c1);
    cell.formula = typeof value === "string" && value.startsWith("=") ? value : null;
    cell.value = cell.formula ? "" : value;
  }

  /** The latest validation covering a cell. */
  validationAt(address: string): ValidationModel | undefined {
    const a = parseArea(address);
    return [...this.validations].reverse().find((v) => within(a, v.area));
  }

  isEmpty(a: Area): boolean {
    for (const [k, cell] of this.cells) {
      const [r, c] = k.split(",").map(Number) as [number, number];
      if (r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2 && (cell.formula !== null || cell.value !== "")) return false;
    }
    return true;
  }
}

export class TableModel {
  showTotals = false;
  constructor(
    public name: string,
    readonly sheet: SheetModel,
    /** The header row's first cell. */
    readonly top: number,
    readonly left: number,
    public dataRows: number,
    readonly columns: number,
  ) {}

  get header(): Area {
    return { r1: this.top, c1: this.left, r2: this.top, c2: this.left + this.columns - 1 };
  }
  get body(): Area {
    return { r1: this.top + 1, c1: this.left, r2: this.top + this.dataRows, c2: this.left + this.columns - 1 };
  }
  get total(): Area {
    const r = this.top + this.dataRows + 1;
    return { r1: r, c1: this.left, r2: r, c2: this.left + this.columns - 1 };
  }
  get whole(): Area {
    return { r1: this.top, c1: this.left, r2: this.top + this.dataRows + (this.showTotals ? 1 : 0), c2: this.left + this.columns - 1 };
  }
  headers(): DoubleValue[] {
    return Array.from({ length: this.columns }, (_, i) => this.sheet.cellAt(this.top, this.left + i)?.value ?? "");
  }
}

export class NameModel {
  constructor(
    public name: string,
    /** Null once its sheet is deleted (#REF!). */
    public sheet: SheetModel | null,
    readonly area: Area,
    readonly comment: string,
  ) {}
  get value(): string {
    return this.sheet ? `${quoteSheet(this.sheet.name)}!${absolute(this.area)}` : "#REF!";
  }
}

const absolute = (a: Area): string => {
  const one = (r: number, c: number): string => `$${colLetters(c)}$${r}`;
  return a.r1 === a.r2 && a.c1 === a.c2 ? one(a.r1, a.c1) : `${one(a.r1, a.c1)}:${one(a.r2, a.c2)}`;
};

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  /** Structure protection: no sheet may be added, deleted or renamed. */
  protected = false;
  /** The analyst is typing in a cell: a sync fails unless Excel.run was asked to wait. */
  cellEditMode = false;
  active: SheetModel | undefined;

  constructor(sheetNames: readonly string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.sheets.push(new SheetModel(n));
    this.active = this.sheets[0];
  }

  sheet(name: string): SheetModel {
    return this.findSheet(name) ?? fail("ItemNotFound", `No sheet "${name}".`);
  }
  findSheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): TableModel {
    return this.findTable(name) ?? fail("ItemNotFound", `No table "${name}".`);
  }
  findTable(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  findName(name: string): NameModel | undefined {
    return this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
  /** Tables and defined names share a namespace. */
  nameTaken(name: string, except?: object): boolean {
    const n = name.toLowerCase();
    return this.tables.some((t) => t !== except && t.name.toLowerCase() === n) || this.names.some((d) => d !== except && d.name.toLowerCase() === n);
  }

  /** For tests: a table with header and rows, as an analyst might have made. */
  addTable(sheetName: string, name: string, anchor: string, header: readonly string[], rows: readonly (readonly DoubleValue[])[]): TableModel {
    const sheet = this.sheet(sheetName);
    const a = parseArea(anchor);
    header.forEach((h, i) => (sheet.ensure(a.r1, a.c1 + i).value = h));
    rows.forEach((row, r) => row.forEach((v, i) => sheet.type(areaAddress({ r1: a.r1 + 1 + r, c1: a.c1 + i, r2: a.r1 + 1 + r, c2: a.c1 + i }), v)));
    const table = new TableModel(name, sheet, a.r1, a.c1, Math.max(1, rows.length), header.length);
    this.tables.push(table);
    return table;
  }
}

// ---- Requests -----------------------------------------------------------------------------

interface Action {
  readonly bytes: number;
  readonly label: string;
  readonly apply: () => void;
}

export interface RequestRecord {
  readonly bytes: number;
  readonly responseBytes: number;
  readonly actions: number;
  /** Labels of the actions, in order ("Range.formulas", "Application.suspendApiCalculationUntilNextSync"). */
  readonly labels: readonly string[];
}

const utf8 = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

const NOT_LOADED = (prop: string): string =>
  `PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;

export interface DoubleOptions {
  /** The request payload limit, bytes; a larger request is refused (RequestPayloadSizeLimitExceeded). */
  readonly requestLimit?: number;
  /** Keep every queued action's label and arguments in `DoubleContext.writes` (what was sent, before Excel made anything of it). */
  readonly recordWrites?: boolean;
}

/** A queued action as sent: its label ("Range.values", "TableRowCollection.add") and arguments. */
export interface WriteRecord {
  readonly label: string;
  readonly args: readonly unknown[];
}

export class DoubleContext {
  private queue: Action[] = [];
  private nextId = 1;
  readonly requests: RequestRecord[] = [];
  /** With `recordWrites`: every action queued, in order. */
  readonly writes: WriteRecord[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  /** Set by ExcelDouble.run({ delayForCellEdit: true }): Excel waits for the edit to end. */
  delayForCellEdit = false;
  private responseBytes = 0;

  constructor(
    readonly model: WorkbookModel,
    readonly options: DoubleOptions = {},
  ) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  id(): number {
    return this.nextId++;
  }

  /** Actions queued and not yet sent. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues an action; its size is its JSON as Office.js would send it. */
  enqueue(owner: number, label: string, args: readonly unknown[], apply: () => void): void {
    const json = JSON.stringify([this.nextId++, owner, label, args], (_k, v: unknown) => (v instanceof ProxyBase ? { id: v.id } : v));
    this.queue.push({ bytes: utf8(json), label, apply });
    if (this.options.recordWrites) this.writes.push({ label, args });
  }

  addResponse(value: unknown): void {
    this.responseBytes += utf8(JSON.stringify(value) ?? "");
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    const bytes = actions.reduce((sum, a) => sum + a.bytes, 0) + 64;
    const limit = this.options.requestLimit ?? 5 * 1024 * 1024;
    const record = (): void => {
      this.requests.push({ bytes, responseBytes: this.responseBytes, actions: actions.length, labels: actions.map((a) => a.label) });
    };
    if (bytes > limit) {
      record();
      throw new ExcelDoubleError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes).`);
    }
    if (this.model.cellEditMode) {
      if (!this.delayForCellEdit) {
        record();
        throw new ExcelDoubleError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
      }
      // Excel waits until the analyst leaves the cell, then runs the batch.
      this.model.cellEditMode = false;
    }
    try {
      for (const action of actions) action.apply();
    } finally {
      record();
    }
    await Promise.resolve();
  }
}

/** Every proxy: an id, its context, and what has been loaded into it. */
abstract class ProxyBase {
  readonly id: number;
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(readonly ctx: DoubleContext) {
    this.id = ctx.id();
  }

  protected queue(label: string, args: readonly unknown[], apply: () => void): void {
    this.ctx.enqueue(this.id, label, args, apply);
  }

  protected loadedValue<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new Error(NOT_LOADED(prop));
    return this.loaded.get(prop) as T;
  }

  protected snapshot(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
    this.ctx.addResponse(value);
  }

  protected setNull(isNull: boolean): void {
    this.nullState = isNull;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new Error(NOT_LOADED("isNullObject"));
    return this.nullState;
  }

  /** Reads the named properties into the proxy at the next sync. */
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.queue(`${this.constructor.name}.load`, [list.join(",")], () => this.applyLoad(list));
    return this;
  }

  protected abstract applyLoad(props: readonly string[]): void;
}

/** A proxy over one model object, found when its creating action applies. */
abstract class ItemProxy<M> extends ProxyBase {
  private model: M | null | undefined;

  /** owner null: an item of a loaded collection, already resolved (nothing is queued). */
  constructor(ctx: DoubleContext, owner: number | null, label: string, args: readonly unknown[], find: () => M | null) {
    super(ctx);
    if (owner === null) {
      this.model = find();
      this.setNull(this.model === null);
      return;
    }
    ctx.enqueue(owner, label, args, () => {
      this.model = find();
      this.setNull(this.model === null);
    });
  }

  /** The model object, at apply time. */
  protected m(): M {
    if (this.model === undefined) throw new Error("The double applied an action before the object it acts on was created.");
    if (this.model === null) return fail("InvalidOperation", "A method was called on a null object (an *OrNullObject that found nothing).");
    return this.model;
  }

  protected resolved(): M | null {
    return this.model ?? null;
  }

  protected abstract loadProp(model: M, prop: string): unknown;

  protected applyLoad(props: readonly string[]): void {
    const model = this.model;
    if (model === undefined) throw new Error("Loaded before created.");
    if (model === null) return;
    for (const p of props) this.snapshot(p, this.loadProp(model, p));
  }
}

// ---- Application and workbook -------------------------------------------------------------

export class ApplicationProxy extends ProxyBase {
  suspendApiCalculationUntilNextSync(): void {
    this.queue("Application.suspendApiCalculationUntilNextSync", [], () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.queue("Application.suspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class WorkbookProxy extends ProxyBase {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NameCollectionProxy;
  readonly protection: WorkbookProtectionProxy;

  constructor(ctx: DoubleContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, null);
    this.names = new NameCollectionProxy(ctx);
    this.protection = new WorkbookProtectionProxy(ctx);
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class WorkbookProtectionProxy extends ProxyBase {
  get protected(): boolean {
    return this.loadedValue("protected");
  }
  protected applyLoad(props: readonly string[]): void {
    for (const p of props) if (p === "protected") this.snapshot(p, this.ctx.model.protected);
  }
}

const guardStructure = (ctx: DoubleContext): void => {
  if (ctx.model.protected) fail("AccessDenied", "The workbook's structure is protected.");
};

const validSheetName = (name: string): void => {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) fail("InvalidArgument", `Not a valid sheet name: "${name}".`);
};

export class WorksheetCollectionProxy extends ProxyBase {
  private loadedItems: WorksheetProxy[] | undefined;

  add(name: string): WorksheetProxy {
    const model = this.ctx.model;
    return new WorksheetProxy(this.ctx, this.id, "WorksheetCollection.add", [name], () => {
      guardStructure(this.ctx);
      validSheetName(name);
      if (model.findSheet(name)) fail("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      const sheet = new SheetModel(name);
      model.sheets.push(sheet);
      return sheet;
    });
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.id, "WorksheetCollection.getItem", [name], () => this.ctx.model.sheet(name));
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.id, "WorksheetCollection.getItemOrNullObject", [name], () => this.ctx.model.findSheet(name) ?? null);
  }
  get items(): WorksheetProxy[] {
    if (!this.loadedItems) throw new Error(NOT_LOADED("items"));
    return this.loadedItems;
  }
  protected applyLoad(props: readonly string[]): void {
    const paths = props.map((p) => p.replace(/^items\//, ""));
    this.loadedItems = this.ctx.model.sheets.map((sheet) => WorksheetProxy.loaded(this.ctx, sheet, paths));
  }
}

export class WorksheetProtectionProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  get protected(): boolean {
    return this.loadedValue("protected");
  }
  protected applyLoad(props: readonly string[]): void {
    for (const p of props) if (p === "protected") this.snapshot(p, this.sheet().protected);
  }
  /** Loaded through a collection's "items/protection/protected". */
  fill(value: boolean): void {
    this.snapshot("protected", value);
  }
}

export class WorksheetProxy extends ItemProxy<SheetModel> {
  readonly protection: WorksheetProtectionProxy = new WorksheetProtectionProxy(this.ctx, () => this.m());
  private tablesProxy: TableCollectionProxy | undefined;
  private chartsProxy: ChartCollectionProxy | undefined;
  private freezeProxy: WorksheetFreezePanesProxy | undefined;
  private pageLayoutProxy: PageLayoutProxy | undefined;

  /** An item of a loaded collection, its properties filled in. */
  static loaded(ctx: DoubleContext, sheet: SheetModel, paths: readonly string[]): WorksheetProxy {
    const proxy = new WorksheetProxy(ctx, null, "", [], () => sheet);
    for (const p of paths) {
      if (p === "name") proxy.snapshot("name", sheet.name);
      if (p === "protection/protected") proxy.protection.fill(sheet.protected);
    }
    return proxy;
  }

  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.queue("Worksheet.name", [value], () => {
      guardStructure(this.ctx);
      validSheetName(value);
      const sheet = this.m();
      const other = this.ctx.model.findSheet(value);
      if (other && other !== sheet) fail("ItemAlreadyExists", `A sheet named "${value}" already exists.`);
      sheet.name = value;
    });
  }
  set tabColor(value: string) {
    this.queue("Worksheet.tabColor", [value], () => {
      this.guard();
      this.m().tabColor = value;
    });
  }
  get tabColor(): string {
    return this.loadedValue("tabColor");
  }
  get tables(): TableCollectionProxy {
    this.tablesProxy ??= new TableCollectionProxy(this.ctx, () => this.m());
    return this.tablesProxy;
  }
  get charts(): ChartCollectionProxy {
    this.chartsProxy ??= new ChartCollectionProxy(this.ctx, () => this.m());
    return this.chartsProxy;
  }
  get freezePanes(): WorksheetFreezePanesProxy {
    this.freezeProxy ??= new WorksheetFreezePanesProxy(this.ctx, this.id, () => this.writableSheet());
    return this.freezeProxy;
  }
  get pageLayout(): PageLayoutProxy {
    this.pageLayoutProxy ??= new PageLayoutProxy(this.ctx, this.id, () => this.writableSheet());
    return this.pageLayoutProxy;
  }
  private writableSheet(): SheetModel {
    this.guard();
    return this.m();
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.ctx, this.id, "Worksheet.getRange", [address], () => ({ sheet: this.m(), area: parseArea(address) }));
  }
  delete(): void {
    this.queue("Worksheet.delete", [], () => {
      guardStructure(this.ctx);
      const model = this.ctx.model;
      const sheet = this.m();
      if (model.sheets.length === 1) fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      model.sheets.splice(model.sheets.indexOf(sheet), 1);
      for (let i = model.tables.length - 1; i >= 0; i--) if (model.tables[i]?.sheet === sheet) model.tables.splice(i, 1);
      for (const n of model.names) if (n.sheet === sheet) n.sheet = null;
      if (model.active === sheet) model.active = model.sheets[0];
    });
  }
  activate(): void {
    this.queue("Worksheet.activate", [], () => {
      this.ctx.model.active = this.m();
    });
  }
  guard(): void {
    if (this.m().protected) fail("AccessDenied", `The sheet "${this.m().name}" is protected.`);
  }
  protected loadProp(model: SheetModel, prop: string): unknown {
    if (prop === "name") return model.name;
    if (prop === "tabColor") return model.tabColor;
    return fail("InvalidArgument", `The double does not load Worksheet.${prop}.`);
  }
}

// ---- Ranges -------------------------------------------------------------------------------

interface Place {
  readonly sheet: SheetModel;
  readonly area: Area;
}

type Grid = readonly (readonly unknown[])[];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What Excel makes of an entry written to a cell, as typing it would. */
function enter(cell: Cell, entry: unknown): void {
  if (entry === null || entry === undefined) return;
  if (typeof entry === "number" || typeof entry === "boolean") {
    cell.value = entry;
    cell.formula = null;
    return;
  }
  const text = String(entry);
  // Excel's cell holds at most 32,767 characters (its specifications and limits): the double refuses more rather than keep what Excel could not.
  if (text.length > 32_767) fail("InvalidArgument", `A cell holds at most 32,767 characters, not ${text.length}.`);
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    cell.formula = null;
    return;
  }
  if (cell.numberFormat === "@") {
    cell.value = text;
    cell.formula = null;
    return;
  }
  if (text.startsWith("=")) {
    cell.formula = text;
    cell.value = "";
    return;
  }
  if (NUMERIC.test(text)) {
    cell.value = Number(text);
    cell.formula = null;
    return;
  }
  // Excel reads a leading + or - as the start of a formula.
  if (/^[+-]/.test(text)) {
    cell.formula = `=${text}`;
    cell.value = "#NAME?";
    return;
  }
  // An ISO date typed into a general cell becomes a date serial.
  if (ISO_DATE.test(text)) {
    cell.value = Date.parse(`${text}T00:00:00Z`) / 86_400_000 + 25_569;
    cell.formula = null;
    return;
  }
  cell.value = text;
  cell.formula = null;
}

// ---- R1C1 notation (for formulasR1C1) -------------------------------------------------------

/** Parts of a formula that hold no cell reference: strings, quoted sheet names, structured references (not R1C1's [-1] offsets). */
const OPAQUE = /("(?:[^"]|"")*"|'(?:[^']|'')*'|\[(?!-?\d+\])(?:[^[\]]|\[[^\]]*\])*\])/;
const eachRefPart = (formula: string, convert: (part: string) => string): string =>
  formula
    .split(OPAQUE)
    .map((part, i) => (i % 2 === 1 ? part : convert(part)))
    .join("");

const A1_REF = /(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
const R1C1_REF = /(?<![A-Za-z0-9_.])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

/** An A1 formula as R1C1 from the cell at row r, column c. */
export function r1c1FromA1(formula: string, r: number, c: number): string {
  return eachRefPart(formula, (part) =>
    part.replace(A1_REF, (_m, colAbs: string, letters: string, rowAbs: string, digits: string) => {
      const row = Number(digits);
      const col = colNumber(letters);
      const R = rowAbs ? `R${row}` : row === r ? "R" : `R[${row - r}]`;
      const C = colAbs ? `C${col}` : col === c ? "C" : `C[${col - c}]`;
      return R + C;
    }),
  );
}

/** An R1C1 formula as A1 in the cell at row r, column c. */
export function a1FromR1C1(formula: string, r: number, c: number): string {
  const at = (spec: string | undefined, here: number): [number, boolean] =>
    spec === undefined ? [here, false] : spec.startsWith("[") ? [here + Number(spec.slice(1, -1)), false] : [Number(spec), true];
  return eachRefPart(formula, (part) =>
    part.replace(R1C1_REF, (_m, rowSpec: string | undefined, colSpec: string | undefined) => {
      const [row, rowAbs] = at(rowSpec, r);
      const [col, colAbs] = at(colSpec, c);
      return `${colAbs ? "$" : ""}${colLetters(col)}${rowAbs ? "$" : ""}${row}`;
    }),
  );
}

export class RangeProxy extends ItemProxy<Place> {
  readonly format: RangeFormatProxy = new RangeFormatProxy(
    this.ctx,
    this.id,
    () => this.writable(),
    () => this.place(),
  );
  readonly dataValidation: DataValidationProxy = new DataValidationProxy(this.ctx, this.id, () => this.writable());
  readonly conditionalFormats: ConditionalFormatCollectionProxy = new ConditionalFormatCollectionProxy(this.ctx, this.id, () => this.writable());

  /** Where the range is, at apply time (names and charts take it). */
  place(): Place {
    return this.m();
  }

  private writable(): Place {
    const place = this.m();
    if (place.sheet.protected) fail("AccessDenied", `The sheet "${place.sheet.name}" is protected.`);
    return place;
  }

  private eachCell(grid: Grid, property: string, write: (cell: Cell, entry: unknown) => void): void {
    const { sheet, area } = this.writable();
    const rows = area.r2 - area.r1 + 1;
    const cols = area.c2 - area.c1 + 1;
    if (grid.length !== rows || grid.some((r) => r.length !== cols))
      fail("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${property}: ${grid.length}×${grid[0]?.length ?? 0} into ${rows}×${cols}).`);
    grid.forEach((row, i) => row.forEach((entry, j) => write(sheet.ensure(area.r1 + i, area.c1 + j), entry)));
  }

  private read<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const { sheet, area } = this.m();
    return Array.from({ length: area.r2 - area.r1 + 1 }, (_, i) => Array.from({ length: area.c2 - area.c1 + 1 }, (__, j) => fn(sheet.cellAt(area.r1 + i, area.c1 + j))));
  }

  set values(grid: unknown[][]) {
    this.queue("Range.values", [grid], () => this.eachCell(grid, "values", enter));
  }
  get values(): unknown[][] {
    return this.loadedValue("values");
  }
  set formulas(grid: unknown[][]) {
    this.queue("Range.formulas", [grid], () => this.eachCell(grid, "formulas", enter));
  }
  get formulas(): unknown[][] {
    return this.loadedValue("formulas");
  }
  /** Formulas in R1C1 notation, as each cell would hold them in A1 (relative references move with the cell). */
  set formulasR1C1(grid: unknown[][]) {
    this.queue("Range.formulasR1C1", [grid], () => {
      const { area } = this.m();
      // Each formula put into A1 for its own cell, then written as a formulas write would be.
      const inA1 = grid.map((row, i) => row.map((entry, j) => (typeof entry === "string" && entry.startsWith("=") ? a1FromR1C1(entry, area.r1 + i, area.c1 + j) : entry)));
      this.eachCell(inA1, "formulasR1C1", enter);
    });
  }
  get formulasR1C1(): unknown[][] {
    return this.loadedValue("formulasR1C1");
  }
  set numberFormat(grid: unknown[][]) {
    this.queue("Range.numberFormat", [grid], () => this.eachCell(grid, "numberFormat", (cell, f) => (cell.numberFormat = String(f))));
  }
  get numberFormat(): unknown[][] {
    return this.loadedValue("numberFormat");
  }
  get address(): string {
    return this.loadedValue("address");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }

  private derive(label: string, args: readonly unknown[], fn: (p: Place) => Area): RangeProxy {
    return new RangeProxy(this.ctx, this.id, label, args, () => {
      const p = this.m();
      return { sheet: p.sheet, area: fn(p) };
    });
  }
  getCell(row: number, column: number): RangeProxy {
    return this.derive("Range.getCell", [row, column], ({ area }) => ({ r1: area.r1 + row, c1: area.c1 + column, r2: area.r1 + row, c2: area.c1 + column }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derive("Range.getResizedRange", [deltaRows, deltaColumns], ({ area }) => {
      if (area.r2 + deltaRows < area.r1 || area.c2 + deltaColumns < area.c1) fail("InvalidArgument", "The resized range would be empty.");
      return { ...area, r2: area.r2 + deltaRows, c2: area.c2 + deltaColumns };
    });
  }
  getRow(row: number): RangeProxy {
    return this.derive("Range.getRow", [row], ({ area }) => ({ r1: area.r1 + row, c1: area.c1, r2: area.r1 + row, c2: area.c2 }));
  }
  getColumn(column: number): RangeProxy {
    return this.derive("Range.getColumn", [column], ({ area }) => ({ r1: area.r1, c1: area.c1 + column, r2: area.r2, c2: area.c1 + column }));
  }

  protected loadProp(place: Place, prop: string): unknown {
    switch (prop) {
      case "values":
        return this.read((c) => c?.value ?? "");
      case "formulas":
        return this.read((c) => c?.formula ?? c?.value ?? "");
      case "formulasR1C1":
        return Array.from({ length: place.area.r2 - place.area.r1 + 1 }, (_, i) =>
          Array.from({ length: place.area.c2 - place.area.c1 + 1 }, (__, j) => {
            const r = place.area.r1 + i;
            const c = place.area.c1 + j;
            const cell = place.sheet.cellAt(r, c);
            return cell?.formula ? r1c1FromA1(cell.formula, r, c) : (cell?.value ?? "");
          }),
        );
      case "numberFormat":
        return this.read((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return this.read((c) => (c === undefined || c.value === "" ? "Empty" : typeof c.value === "number" ? "Double" : typeof c.value === "boolean" ? "Boolean" : "String"));
      case "address":
        return `${quoteSheet(place.sheet.name)}!${areaAddress(place.area)}`;
      case "rowCount":
        return place.area.r2 - place.area.r1 + 1;
      case "columnCount":
        return place.area.c2 - place.area.c1 + 1;
      default:
        return fail("InvalidArgument", `The double does not load Range.${prop}.`);
    }
  }
}

export class RangeFormatProxy extends ProxyBase {
  readonly fill: { color: string };
  readonly font: { color: string; bold: boolean; italic: boolean; size: number };

  constructor(
    ctx: DoubleContext,
    owner: number,
    private readonly place: () => Place,
    /** Where a load reads: a protected sheet's format can still be read. */
    private readonly readPlace: () => Place = place,
  ) {
    super(ctx);
    const each = (apply: (cell: Cell) => void) => () => {
      const { sheet, area } = this.place();
      for (let r = area.r1; r <= Math.min(area.r2, area.r1 + 200_000); r++) for (let c = area.c1; c <= area.c2; c++) apply(sheet.ensure(r, c));
    };
    const setter = <T>(label: string, apply: (cell: Cell, v: T) => void) => (v: T) => ctx.enqueue(owner, label, [v], each((cell) => apply(cell, v)));
    const fillColor = setter<string>("RangeFill.color", (c, v) => (c.format.fill = v));
    const fontColor = setter<string>("RangeFont.color", (c, v) => (c.format.fontColor = v));
    const bold = setter<boolean>("RangeFont.bold", (c, v) => (c.format.bold = v));
    const italic = setter<boolean>("RangeFont.italic", (c, v) => (c.format.italic = v));
    const size = setter<number>("RangeFont.size", (c, v) => (c.format.size = v));
    const writeOnly = (prop: string): never => {
      throw new Error(NOT_LOADED(prop));
    };
    this.fill = {
      set color(v: string) {
        fillColor(v);
      },
      get color(): string {
        return writeOnly("color");
      },
    };
    this.font = {
      set color(v: string) {
        fontColor(v);
      },
      get color(): string {
        return writeOnly("color");
      },
      set bold(v: boolean) {
        bold(v);
      },
      get bold(): boolean {
        return writeOnly("bold");
      },
      set italic(v: boolean) {
        italic(v);
      },
      get italic(): boolean {
        return writeOnly("italic");
      },
      set size(v: number) {
        size(v);
      },
      get size(): number {
        return writeOnly("size");
      },
    };
  }

  set columnWidth(points: number) {
    this.queue("RangeFormat.columnWidth", [points], () => {
      const { sheet, area } = this.place();
      for (let c = area.c1; c <= area.c2; c++) sheet.columnWidths.set(c, points);
    });
  }
  get columnWidth(): number {
    return this.loadedValue("columnWidth");
  }
  set wrapText(v: boolean) {
    this.formatWrite("RangeFormat.wrapText", v, (cell) => (cell.format.wrapText = v));
  }
  /** As Office.js: null when the range's cells differ. */
  get wrapText(): boolean | null {
    return this.loadedValue("wrapText");
  }
  set verticalAlignment(v: string) {
    this.formatWrite("RangeFormat.verticalAlignment", v, (cell) => (cell.format.verticalAlignment = v));
  }
  get verticalAlignment(): string | null {
    return this.loadedValue("verticalAlignment");
  }
  autofitRows(): void {
    this.queue("RangeFormat.autofitRows", [], () => {
      const { sheet, area } = this.place();
      for (let r = area.r1; r <= area.r2; r++) sheet.autofitRows.add(r);
    });
  }
  private formatWrite<T>(label: string, v: T, apply: (cell: Cell) => void): void {
    this.queue(label, [v], () => {
      const { sheet, area } = this.place();
      for (let r = area.r1; r <= Math.min(area.r2, area.r1 + 200_000); r++) for (let c = area.c1; c <= area.c2; c++) apply(sheet.ensure(r, c));
    });
  }
  /** wrapText and verticalAlignment load (Excel's defaults where never set); other format properties do not. */
  protected applyLoad(props: readonly string[]): void {
    const { sheet, area } = this.readPlace();
    const uniform = <T>(read: (f: CellFormat) => T): T | null => {
      const seen = new Set<T>();
      for (let r = area.r1; r <= Math.min(area.r2, area.r1 + 200_000); r++) for (let c = area.c1; c <= area.c2; c++) seen.add(read(sheet.cellAt(r, c)?.format ?? {}));
      return seen.size === 1 ? ([...seen][0] as T) : null;
    };
    for (const prop of props) {
      if (prop === "wrapText") this.snapshot(prop, uniform((f) => f.wrapText ?? false));
      else if (prop === "verticalAlignment") this.snapshot(prop, uniform((f) => f.verticalAlignment ?? "Bottom"));
      else fail("InvalidArgument", `The double does not load RangeFormat.${prop}.`);
    }
  }
}

export class DataValidationProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly place: () => Place,
  ) {
    super(ctx);
  }
  private current(): ValidationModel {
    const { sheet, area } = this.place();
    let v = sheet.validations.find((x) => areaAddress(x.area) === areaAddress(area));
    if (!v) {
      v = { area };
      sheet.validations.push(v);
    }
    return v;
  }
  set rule(rule: unknown) {
    this.ctx.enqueue(this.owner, "DataValidation.rule", [rule], () => {
      const keys = Object.keys(rule as object);
      if (keys.length !== 1) fail("InvalidArgument", "A data-validation rule has exactly one kind.");
      this.current().rule = rule;
    });
  }
  set prompt(prompt: { showPrompt: boolean; title: string; message: string }) {
    this.ctx.enqueue(this.owner, "DataValidation.prompt", [prompt], () => {
      if (prompt.title.length > 32 || prompt.message.length > 255) fail("InvalidArgument", "A prompt's title is at most 32 characters and its message 255.");
      this.current().prompt = prompt;
    });
  }
  set errorAlert(alert: unknown) {
    this.ctx.enqueue(this.owner, "DataValidation.errorAlert", [alert], () => (this.current().errorAlert = alert));
  }
  clear(): void {
    this.ctx.enqueue(this.owner, "DataValidation.clear", [], () => {
      const { sheet, area } = this.place();
      for (let i = sheet.validations.length - 1; i >= 0; i--) if (overlaps((sheet.validations[i] as ValidationModel).area, area)) sheet.validations.splice(i, 1);
    });
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class ConditionalFormatCollectionProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly place: () => Place,
  ) {
    super(ctx);
  }
  add(type: string): ConditionalFormatProxy {
    const proxy = new ConditionalFormatProxy(this.ctx);
    this.ctx.enqueue(this.owner, "ConditionalFormatCollection.add", [type], () => {
      const { sheet, area } = this.place();
      const model: ConditionalFormatModel = { area, type };
      sheet.conditionalFormats.push(model);
      proxy.model = model;
    });
    return proxy;
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class ConditionalFormatProxy extends ProxyBase {
  model: ConditionalFormatModel | undefined;
  readonly custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };

  constructor(ctx: DoubleContext) {
    super(ctx);
    const set = (label: string, apply: (m: ConditionalFormatModel) => void) => ctx.enqueue(this.id, label, [], () => apply(this.m()));
    const unread = (): never => {
      throw new Error(NOT_LOADED("custom"));
    };
    this.custom = {
      rule: {
        set formula(v: string) {
          set("ConditionalFormatRule.formula", (m) => (m.formula = v));
        },
        get formula(): string {
          return unread();
        },
      },
      format: {
        fill: {
          set color(v: string) {
            set("ConditionalFill.color", (m) => (m.fill = v));
          },
          get color(): string {
            return unread();
          },
        },
        font: {
          set color(v: string) {
            set("ConditionalFont.color", (m) => (m.font = v));
          },
          get color(): string {
            return unread();
          },
        },
      },
    };
  }
  private m(): ConditionalFormatModel {
    if (!this.model) throw new Error("Conditional format used before it was added.");
    return this.model;
  }
  set stopIfTrue(v: boolean) {
    this.queue("ConditionalFormat.stopIfTrue", [v], () => (this.m().stopIfTrue = v));
  }
  set priority(v: number) {
    this.queue("ConditionalFormat.priority", [v], () => (this.m().priority = v));
  }
  protected applyLoad(): void {
    return undefined;
  }
}

// ---- Tables -------------------------------------------------------------------------------

const validTableName = (name: string): void => {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) fail("InvalidArgument", `Not a valid table name: "${name}".`);
};

export class TableCollectionProxy extends ProxyBase {
  private loadedItems: TableProxy[] | undefined;

  /** sheet: the sheet's own collection; null: the workbook's. */
  constructor(
    ctx: DoubleContext,
    private readonly sheet: (() => SheetModel) | null,
  ) {
    super(ctx);
  }

  add(address: string, hasHeaders: boolean): TableProxy {
    return new TableProxy(this.ctx, this.id, "TableCollection.add", [address, hasHeaders], () => {
      if (!this.sheet) return fail("InvalidArgument", "The double adds tables through a worksheet's collection.");
      const sheet = this.sheet();
      if (sheet.protected) fail("AccessDenied", `The sheet "${sheet.name}" is protected.`);
      if (!hasHeaders) fail("InvalidArgument", "The double models tables with headers only.");
      const area = parseArea(address);
      const model = this.ctx.model;
      if (model.tables.some((t) => t.sheet === sheet && overlaps(t.whole, area))) fail("InvalidOperation", "A table can't overlap another table.");
      const columns = area.c2 - area.c1 + 1;
      const seen = new Set<string>();
      for (let i = 0; i < columns; i++) {
        const cell = sheet.ensure(area.r1, area.c1 + i);
        let header = String(cell.value === "" ? `Column${i + 1}` : cell.value);
        // Excel makes duplicate headers unique.
        for (let k = 2; seen.has(header.toLowerCase()); k++) header = `${String(cell.value)}${k}`;
        seen.add(header.toLowerCase());
        cell.value = header;
        cell.formula = null;
      }
      let n = 1;
      while (model.nameTaken(`Table${n}`)) n++;
      const table = new TableModel(`Table${n}`, sheet, area.r1, area.c1, Math.max(1, area.r2 - area.r1), columns);
      model.tables.push(table);
      return table;
    });
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, this.id, "TableCollection.getItem", [name], () => this.ctx.model.table(name));
  }
  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.ctx, this.id, "TableCollection.getItemOrNullObject", [name], () => this.ctx.model.findTable(name) ?? null);
  }
  get items(): TableProxy[] {
    if (!this.loadedItems) throw new Error(NOT_LOADED("items"));
    return this.loadedItems;
  }
  protected applyLoad(props: readonly string[]): void {
    const paths = props.map((p) => p.replace(/^items\//, ""));
    const mine = this.sheet;
    const tables = mine ? this.ctx.model.tables.filter((t) => t.sheet === mine()) : this.ctx.model.tables;
    this.loadedItems = tables.map((t) => TableProxy.loaded(this.ctx, t, paths));
  }
}

export class TableProxy extends ItemProxy<TableModel> {
  private sheetProxy: { name: string } | undefined;
  readonly rows: TableRowCollectionProxy = new TableRowCollectionProxy(this.ctx, this.id, () => this.m());

  static loaded(ctx: DoubleContext, table: TableModel, paths: readonly string[]): TableProxy {
    const proxy = new TableProxy(ctx, null, "", [], () => table);
    for (const p of paths) {
      if (p === "name") proxy.snapshot("name", table.name);
      if (p === "worksheet/name") proxy.sheetProxy = { name: table.sheet.name };
    }
    return proxy;
  }

  /** Only `worksheet.name` loaded through a collection path is modelled. */
  get worksheet(): { name: string } {
    if (!this.sheetProxy) throw new Error(NOT_LOADED("worksheet"));
    return this.sheetProxy;
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.queue("Table.name", [value], () => {
      validTableName(value);
      const table = this.m();
      if (this.ctx.model.nameTaken(value, table)) fail("ItemAlreadyExists", `A table or name "${value}" already exists.`);
      table.name = value;
    });
  }
  set showTotals(value: boolean) {
    this.queue("Table.showTotals", [value], () => {
      const table = this.m();
      if (table.sheet.protected) fail("AccessDenied", `The sheet "${table.sheet.name}" is protected.`);
      table.showTotals = value;
    });
  }
  private part(label: string, area: (t: TableModel) => Area): RangeProxy {
    return new RangeProxy(this.ctx, this.id, label, [], () => {
      const t = this.m();
      return { sheet: t.sheet, area: area(t) };
    });
  }
  getHeaderRowRange(): RangeProxy {
    return this.part("Table.getHeaderRowRange", (t) => t.header);
  }
  getDataBodyRange(): RangeProxy {
    return this.part("Table.getDataBodyRange", (t) => t.body);
  }
  getTotalRowRange(): RangeProxy {
    return this.part("Table.getTotalRowRange", (t) => (t.showTotals ? t.total : fail("InvalidOperation", "The table has no total row.")));
  }
  getRange(): RangeProxy {
    return this.part("Table.getRange", (t) => t.whole);
  }
  delete(): void {
    this.queue("Table.delete", [], () => {
      const tables = this.ctx.model.tables;
      tables.splice(tables.indexOf(this.m()), 1);
    });
  }
  protected loadProp(model: TableModel, prop: string): unknown {
    if (prop === "name") return model.name;
    if (prop === "showTotals") return model.showTotals;
    return fail("InvalidArgument", `The double does not load Table.${prop}.`);
  }
}

export class TableRowCollectionProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly table: () => TableModel,
  ) {
    super(ctx);
  }
  /** Appends rows at the end of the table (index is not modelled). */
  add(index?: number | null, values?: unknown[][]): void {
    this.ctx.enqueue(this.owner, "TableRowCollection.add", [index ?? null, values ?? []], () => {
      const t = this.table();
      if (t.sheet.protected) fail("AccessDenied", `The sheet "${t.sheet.name}" is protected.`);
      const rows = values ?? [[]];
      const totals = t.showTotals ? t.headers().map((_, i) => ({ ...(t.sheet.cellAt(t.total.r1, t.left + i) ?? { value: "", formula: null, numberFormat: "General", format: {} }) })) : [];
      const first = t.top + t.dataRows + 1;
      // Column formats carry into the new rows, as Excel's tables do.
      const formats = t.headers().map((_, i) => t.sheet.cellAt(t.top + t.dataRows, t.left + i)?.numberFormat ?? "General");
      rows.forEach((row, r) =>
        row.forEach((v, i) => {
          const cell = t.sheet.ensure(first + r, t.left + i);
          cell.numberFormat = formats[i] ?? "General";
          cell.formula = null;
          cell.value = "";
          enter(cell, v);
        }),
      );
      t.dataRows += rows.length;
      totals.forEach((cell, i) => Object.assign(t.sheet.ensure(t.total.r1, t.left + i), cell));
    });
  }
  protected applyLoad(): void {
    return undefined;
  }
}

// ---- Names --------------------------------------------------------------------------------

const validDefinedName = (name: string): void => {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) fail("InvalidArgument", `Not a valid name: "${name}".`);
};

export class NameCollectionProxy extends ProxyBase {
  private loadedItems: NamedItemProxy[] | undefined;

  add(name: string, reference: RangeProxy | string, comment = ""): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.id, "NamedItemCollection.add", [name, reference, comment], () => {
      validDefinedName(name);
      const model = this.ctx.model;
      if (model.nameTaken(name)) fail("ItemAlreadyExists", `A table or name "${name}" already exists.`);
      if (typeof reference === "string") return fail("InvalidArgument", "The double takes a Range for a name's reference.");
      const place = reference.place();
      const item = new NameModel(name, place.sheet, place.area, comment);
      model.names.push(item);
      return item;
    });
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.id, "NamedItemCollection.getItem", [name], () => this.ctx.model.findName(name) ?? fail("ItemNotFound", `No name "${name}".`));
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.id, "NamedItemCollection.getItemOrNullObject", [name], () => this.ctx.model.findName(name) ?? null);
  }
  get items(): NamedItemProxy[] {
    if (!this.loadedItems) throw new Error(NOT_LOADED("items"));
    return this.loadedItems;
  }
  protected applyLoad(props: readonly string[]): void {
    const paths = props.map((p) => p.replace(/^items\//, ""));
    this.loadedItems = this.ctx.model.names.map((n) => NamedItemProxy.loaded(this.ctx, n, paths));
  }
}

export class NamedItemProxy extends ItemProxy<NameModel> {
  static loaded(ctx: DoubleContext, item: NameModel, paths: readonly string[]): NamedItemProxy {
    const proxy = new NamedItemProxy(ctx, null, "", [], () => item);
    for (const p of paths) proxy.snapshot(p, proxy.loadProp(item, p));
    return proxy;
  }
  get name(): string {
    return this.loadedValue("name");
  }
  get type(): string {
    return this.loadedValue("type");
  }
  get value(): string {
    return this.loadedValue("value");
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.id, "NamedItem.getRange", [], () => {
      const n = this.m();
      return n.sheet ? { sheet: n.sheet, area: n.area } : fail("InvalidReference", `The name "${n.name}" refers to #REF!.`);
    });
  }
  delete(): void {
    this.queue("NamedItem.delete", [], () => {
      const names = this.ctx.model.names;
      names.splice(names.indexOf(this.m()), 1);
    });
  }
  protected loadProp(model: NameModel, prop: string): unknown {
    if (prop === "name") return model.name;
    if (prop === "type") return model.sheet ? "Range" : "Error";
    if (prop === "value") return model.value;
    if (prop === "comment") return model.comment;
    return fail("InvalidArgument", `The double does not load NamedItem.${prop}.`);
  }
}

// ---- Charts -------------------------------------------------------------------------------

export class ChartCollectionProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  add(type: string, source: RangeProxy, seriesBy = "Auto"): ChartProxy {
    const chart = new ChartProxy(this.ctx);
    this.queue("ChartCollection.add", [type, source, seriesBy], () => {
      const sheet = this.sheet();
      if (sheet.protected) fail("AccessDenied", `The sheet "${sheet.name}" is protected.`);
      const place = source.place();
      if (place.sheet !== sheet) fail("InvalidArgument", "The double plots data from the chart's own sheet.");
      const model: ChartModel = { type, source: place.area, seriesBy };
      sheet.charts.push(model);
      chart.model = model;
    });
    return chart;
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class ChartProxy extends ProxyBase {
  model: ChartModel | undefined;
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: { getItemAt(index: number): ChartSeriesProxy; add(name: string): AddedSeriesProxy };

  constructor(ctx: DoubleContext) {
    super(ctx);
    const set = (label: string, apply: (m: ChartModel) => void) => this.queue(label, [], () => apply(this.m()));
    const unread = (): never => {
      throw new Error(NOT_LOADED("chart"));
    };
    this.title = {
      set text(v: string) {
        set("ChartTitle.text", (m) => (m.title = v));
      },
      get text(): string {
        return unread();
      },
    };
    this.legend = {
      set visible(v: boolean) {
        set("ChartLegend.visible", (m) => (m.legendVisible = v));
      },
      get visible(): boolean {
        return unread();
      },
    };
    this.series = {
      getItemAt: (index: number) => new ChartSeriesProxy(ctx, this.id, index, () => this.m()),
      add: (name: string) => new AddedSeriesProxy(ctx, this.id, name, () => this.m()),
    };
  }
  m(): ChartModel {
    if (!this.model) throw new Error("Chart used before it was added.");
    return this.model;
  }
  setPosition(from: string, to?: string): void {
    this.queue("Chart.setPosition", [from, to ?? null], () => {
      const m = this.m();
      m.from = from;
      if (to !== undefined) m.to = to;
    });
  }
  protected applyLoad(): void {
    return undefined;
  }
}

export class ChartSeriesProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly index: number,
    private readonly chart: () => ChartModel,
  ) {
    super(ctx);
    ctx.enqueue(owner, "ChartSeriesCollection.getItemAt", [index], () => {
      if (index !== 0) fail("InvalidArgument", "The double models one series.");
    });
  }
  set name(v: string) {
    this.queue("ChartSeries.name", [v], () => (this.chart().seriesName = v));
  }
  setXAxisValues(range: RangeProxy): void {
    this.queue("ChartSeries.setXAxisValues", [range], () => (this.chart().xValues = range.place().area));
  }
  protected applyLoad(): void {
    return undefined;
  }
}

// ---- Frozen panes and page layout ----------------------------------------------------------

/** Worksheet.freezePanes (ExcelApi 1.7): a new freeze replaces the old one, as in Excel. */
export class WorksheetFreezePanesProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
    ctx.enqueue(owner, "Worksheet.freezePanes", [], () => undefined);
  }
  freezeRows(count = 1): void {
    this.queue("WorksheetFreezePanes.freezeRows", [count], () => (this.sheet().frozen = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.queue("WorksheetFreezePanes.freezeColumns", [count], () => (this.sheet().frozen = { rows: 0, columns: count }));
  }
  /** The range is the top-left block that stays in view; it starts at A1. */
  freezeAt(frozenRange: RangeProxy | string): void {
    this.queue("WorksheetFreezePanes.freezeAt", [frozenRange], () => {
      const sheet = this.sheet();
      const place = typeof frozenRange === "string" ? { sheet, area: parseArea(frozenRange) } : frozenRange.place();
      if (place.sheet !== sheet) fail("InvalidArgument", "The frozen range must be on the sheet whose panes are frozen.");
      if (place.area.r1 !== 1 || place.area.c1 !== 1) fail("InvalidArgument", `The double freezes from A1, not from ${areaAddress(place.area)}.`);
      sheet.frozen = { rows: place.area.r2, columns: place.area.c2 };
    });
  }
  unfreeze(): void {
    this.queue("WorksheetFreezePanes.unfreeze", [], () => (this.sheet().frozen = { rows: 0, columns: 0 }));
  }
  protected applyLoad(): void {
    return undefined;
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): write-only here, as the writer uses it. */
export class PageLayoutProxy extends ProxyBase {
  constructor(
    ctx: DoubleContext,
    private readonly owner: number,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
    ctx.enqueue(owner, "Worksheet.pageLayout", [], () => undefined);
  }
  set orientation(value: string) {
    this.queue("PageLayout.orientation", [value], () => {
      if (value !== "Portrait" && value !== "Landscape") fail("InvalidArgument", `Not a page orientation: ${value}`);
      this.sheet().pageLayout.orientation = value;
    });
  }
  get orientation(): string {
    return this.loadedValue("orientation");
  }
  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.queue("PageLayout.zoom", [value], () => {
      const { scale, horizontalFitToPages, verticalFitToPages } = value;
      if (scale !== undefined && (scale < 10 || scale > 400)) fail("InvalidArgument", `A print scale is 10 to 400, not ${scale}.`);
      for (const pages of [horizontalFitToPages, verticalFitToPages]) if (pages !== undefined && (!Number.isInteger(pages) || pages < 0)) fail("InvalidArgument", `Not a page count: ${pages}`);
      this.sheet().pageLayout.zoom = { ...value };
    });
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this.loadedValue("zoom");
  }
  /** Whole rows only ("$1:$5"), as Excel's print titles are. */
  setPrintTitleRows(rows: string): void {
    this.queue("PageLayout.setPrintTitleRows", [rows], () => {
      if (!/^\$?\d+:\$?\d+$/.test(rows)) fail("InvalidArgument", `Print title rows are whole rows ("$1:$3"), not ${rows}.`);
      this.sheet().pageLayout.printTitleRows = rows;
    });
  }
  protected applyLoad(): void {
    return undefined;
  }
}

// ---- Running batches ----------------------------------------------------------------------

/** The double's Excel: a workbook and Excel.run over it. */
export class ExcelDouble {
  readonly model: WorkbookModel;
  /** Every context made by run(), in order. */
  readonly contexts: DoubleContext[] = [];
  /** Runs that had to wait for the analyst to leave a cell. */
  delayedRuns = 0;

  constructor(
    sheetNames: readonly string[] = ["Sheet1"],
    readonly options: DoubleOptions = {},
  ) {
    this.model = new WorkbookModel(sheetNames);
  }

  context(): DoubleContext {
    const ctx = new DoubleContext(this.model, this.options);
    this.contexts.push(ctx);
    return ctx;
  }

  /** As Excel.run(options, batch). */
  async run<T>(options: { delayForCellEdit?: boolean }, batch: (context: DoubleContext) => Promise<T>): Promise<T> {
    const ctx = this.context();
    ctx.delayForCellEdit = options.delayForCellEdit === true;
    if (ctx.delayForCellEdit && this.model.cellEditMode) this.delayedRuns++;
    const result = await batch(ctx);
    // Excel.run sends whatever is still queued when the batch returns.
    if (ctx.pending > 0) await ctx.sync();
    return result;
  }

  /** All requests of all contexts. */
  get requests(): RequestRecord[] {
    return this.contexts.flatMap((c) => c.requests);
  }
}

/** A series added to a chart after its first (ChartSeriesCollection.add, ExcelApi 1.7): its values and categories set by range. */
export class AddedSeriesProxy extends ProxyBase {
  private readonly model: { name: string; values?: Area; xValues?: Area };
  constructor(ctx: DoubleContext, owner: number, name: string, chart: () => ChartModel) {
    super(ctx);
    this.model = { name };
    ctx.enqueue(owner, "ChartSeriesCollection.add", [name], () => {
      const m = chart();
      m.more = [...(m.more ?? []), this.model];
    });
  }
  setValues(range: RangeProxy): void {
    this.queue("ChartSeries.setValues", [range], () => (this.model.values = range.place().area));
  }
  setXAxisValues(range: RangeProxy): void {
    this.queue("ChartSeries.setXAxisValues", [range], () => (this.model.xValues = range.place().area));
  }
  protected applyLoad(): void {
    return undefined;
  }
}

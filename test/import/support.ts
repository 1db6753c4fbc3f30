/**
 * Helpers for the import tests: fixtures as bytes, loading a fixture into a table, and the
 * workbook settings (Excel.SettingCollection) the shared Excel double does not model, added
 * to a double's context with the double's own queue, so a setting is written and read only
 * at sync and its bytes are counted like every other action.
 */
import fs from "node:fs";
import path from "node:path";
import { loadLog, type LoadedLog } from "../../src/import";
import { importRefusalMessage } from "../../src/messages/import";
import type { DoubleContext } from "../support/excel-double";

export const FIXTURES = path.join(__dirname, "fixtures");

export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

/** A fixture loaded as the pane would load the chosen file; fails the test if it is refused. */
export async function loadFixture(name: string): Promise<LoadedLog> {
  const log = await loadLog({ name, bytes: fixtureBytes(name) });
  if (!("table" in log)) throw new Error(`${name} was refused: ${importRefusalMessage(log.problem)}`);
  return log;
}

export const asContext = (ctx: DoubleContext): Excel.RequestContext => ctx as unknown as Excel.RequestContext;

const notLoaded = (prop: string): Error => new Error(`PropertyNotLoaded: The property '${prop}' is not available.`);

/** One setting fetched with getItemOrNullObject: found or null at sync, its value after load and sync. */
class SettingDouble {
  private found: boolean | undefined;
  private loaded = false;
  private stored: unknown;
  readonly id: number;

  constructor(
    private readonly ctx: DoubleContext,
    owner: number,
    private readonly key: string,
    private readonly store: Map<string, unknown>,
  ) {
    this.id = ctx.id();
    ctx.enqueue(owner, "SettingCollection.getItemOrNullObject", [key], () => {
      this.found = store.has(key);
    });
  }

  load(props: string): this {
    this.ctx.enqueue(this.id, "Setting.load", [props], () => {
      if (!this.found) return;
      this.stored = this.store.get(this.key);
      this.loaded = true;
      this.ctx.addResponse(this.stored);
    });
    return this;
  }

  get isNullObject(): boolean {
    if (this.found === undefined) throw notLoaded("isNullObject");
    return !this.found;
  }

  get value(): unknown {
    if (!this.loaded) throw notLoaded("value");
    return this.stored;
  }
}

/** Gives a double's workbook the settings collection, backed by `store` (one per workbook, shared by its contexts). */
export function withSettings(ctx: DoubleContext, store: Map<string, unknown>): DoubleContext {
  const owner = ctx.id();
  const settings = {
    add(key: string, value: unknown): void {
      // Excel keeps a setting as JSON: what comes back is a copy, not the object given.
      ctx.enqueue(owner, "SettingCollection.add", [key, value], () => store.set(key, JSON.parse(JSON.stringify(value)) as unknown));
    },
    getItemOrNullObject(key: string): SettingDouble {
      return new SettingDouble(ctx, owner, key, store);
    },
  };
  Object.defineProperty(ctx.workbook, "settings", { value: settings });
  return ctx;
}

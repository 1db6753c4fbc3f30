/**
 * DuckDB for the warehouse test and bench: the statements of docs/warehouse.md, read by their
 * `<!-- warehouse:NAME -->` markers (so the page and the tests cannot drift apart), run on an
 * in-memory database through `@duckdb/node-api`.
 *
 * The package is loaded at run time, by name, with a small local type: the type check and the
 * unit tests do not need it installed. A missing DuckDB fails the test with how to install it,
 * never skips it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const DUCKDB_PACKAGE = "@duckdb/node-api";
export const DUCKDB_INSTALL = "npm install --save-dev --save-exact @duckdb/node-api@1.5.6-r.1";

const ROOT = path.resolve(__dirname, "../..");
export const WAREHOUSE_DOC = path.join(ROOT, "docs", "warehouse.md");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The part of @duckdb/node-api these tests use. */
interface DuckDbApi {
  DuckDBInstance: {
    create(path?: string, options?: Record<string, string>): Promise<{
      connect(): Promise<DuckDbConnection>;
      closeSync(): void;
    }>;
  };
}
interface DuckDbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJson(): Record<string, Json>[] }>;
  closeSync(): void;
}

/** The package, from the repository's node_modules (or NODE_PATH), or an error that says how to install it. */
export function duckDbApi(): DuckDbApi {
  const requireHere = createRequire(path.join(ROOT, "package.json"));
  try {
    return requireHere(DUCKDB_PACKAGE) as DuckDbApi;
  } catch (error) {
    throw new Error(`DuckDB is not installed (${DUCKDB_PACKAGE}: ${(error as Error).message.split("\n")[0]}): ${DUCKDB_INSTALL}`, { cause: error });
  }
}

/** The DuckDB version the package runs, e.g. "v1.5.6". */
export async function duckDbVersion(db: DuckDb): Promise<string> {
  const [row] = await db.rows("SELECT version() AS v");
  return String(row?.v);
}

export interface DuckDb {
  /** Runs one or more statements. */
  run(sql: string): Promise<void>;
  /** Runs a query and returns its rows as JSON-safe objects (BIGINT and DECIMAL as text). */
  rows(sql: string): Promise<Record<string, Json>[]>;
  close(): void;
}

/** A fresh in-memory database. `threads` limits DuckDB's worker threads (default: every core). */
export async function openDuckDb(options: { threads?: number } = {}): Promise<DuckDb> {
  const api = duckDbApi();
  const instance = await api.DuckDBInstance.create(":memory:", options.threads ? { threads: String(options.threads) } : {});
  const connection = await instance.connect();
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson(),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The fenced SQL block right after `<!-- warehouse:NAME -->` in docs/warehouse.md. */
export function warehouseSql(name: string, doc = fs.readFileSync(WAREHOUSE_DOC, "utf8")): string {
  const marker = `<!-- warehouse:${name} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/warehouse.md has no ${marker}`);
  if (doc.indexOf(marker, at + marker.length) >= 0) throw new Error(`docs/warehouse.md has ${marker} twice`);
  const block = /^\s*```sql\n([\s\S]*?)\n```/.exec(doc.slice(at + marker.length));
  if (!block) throw new Error(`${marker} in docs/warehouse.md is not followed by a \`\`\`sql block`);
  return block[1] as string;
}

/** A SQL string literal naming a file (DuckDB reads paths with forward slashes everywhere). */
export const sqlPath = (file: string): string => `'${file.replace(/\\/g, "/").replace(/'/g, "''")}'`;

/** The statement with one quoted file name replaced by another, which must occur exactly once. */
export function withFile(sql: string, from: string, to: string): string {
  const quoted = `'${from}'`;
  const parts = sql.split(quoted);
  if (parts.length !== 2) throw new Error(`expected ${quoted} once in the statement, found it ${parts.length - 1} times`);
  return parts.join(sqlPath(to));
}

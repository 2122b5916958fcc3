/**
 * PostgreSQL text and jsonb cannot hold U+0000: a value with one fails the whole statement ("invalid byte sequence
 * for encoding UTF8: 0x00"), so a NUL pasted or posted into any form field answered 500 wherever the value reached a
 * query. No person means a NUL, so every string a query sends is stripped of them here, the one door all values go
 * through — including JSON text, where the NUL travels as the escape `\u0000`.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';

// An escape is live when an even number of backslashes (none included) stands before it.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `value` without NUL characters (and, in JSON text, without `\u0000` escapes); other values as they are. */
export function withoutNul(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let out = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (out.includes('\\u0000') && /^\s*[[{"]/.test(out)) out = out.replace(JSON_NUL, '$1');
  return out;
}

/**
 * The query with its parameters stripped. At the driver, where the values are a flat list: a plugin rewriting the
 * query's tree rebuilt every node of every query (3–4 % of a page's CPU in a profile) to change one in a million.
 */
function stripped(query: CompiledQuery): CompiledQuery {
  const parameters = query.parameters.map(withoutNul);
  return parameters.some((p, i) => p !== query.parameters[i]) ? { ...query, parameters } : query;
}

function nulFreeConnection(inner: DatabaseConnection): DatabaseConnection {
  return {
    executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => inner.executeQuery<R>(stripped(query)),
    streamQuery: <R>(query: CompiledQuery, chunkSize: number) => inner.streamQuery<R>(stripped(query), chunkSize),
  };
}

/** `dialect` with every query's string parameters stripped of NUL (see the module comment). */
export function nulFree(dialect: Dialect): Dialect {
  return {
    createDriver: () => {
      const inner: Driver = dialect.createDriver();
      // The inner driver releases and runs transactions on the connections it made: hand those back to it.
      const innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const unwrap = (c: DatabaseConnection) => innerOf.get(c) ?? c;
      const driver: Driver = {
        init: () => inner.init(),
        acquireConnection: async () => {
          const connection = await inner.acquireConnection();
          const outer = nulFreeConnection(connection);
          innerOf.set(outer, connection);
          return outer;
        },
        beginTransaction: (c, settings) => inner.beginTransaction(unwrap(c), settings),
        commitTransaction: (c) => inner.commitTransaction(unwrap(c)),
        rollbackTransaction: (c) => inner.rollbackTransaction(unwrap(c)),
        releaseConnection: (c) => inner.releaseConnection(unwrap(c)),
        destroy: () => inner.destroy(),
      };
      if (inner.savepoint) driver.savepoint = (c, name, compile) => inner.savepoint!(unwrap(c), name, compile);
      if (inner.rollbackToSavepoint) driver.rollbackToSavepoint = (c, name, compile) => inner.rollbackToSavepoint!(unwrap(c), name, compile);
      if (inner.releaseSavepoint) driver.releaseSavepoint = (c, name, compile) => inner.releaseSavepoint!(unwrap(c), name, compile);
      return driver;
    },
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

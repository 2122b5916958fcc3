/**
 * Reference data (agencies with their contact details, the working-day calendar) kept in the process, because
 * nearly every citizen page reads it and it changes a few times a year.
 *
 * A copy is only kept while the process is told about every change: a trigger on each table sends
 * `pg_notify('thads_reference', <table>)` in the writing transaction (migration 20261203T0900), delivered at commit to
 * every instance's listening connection, which drops that table's copies (here) and the pages built from them (the
 * page cache, through `onReferenceChange`). Any writer is covered: an administrator's edit, the seed, another
 * instance, a tool. While the listening connection is down a change could go unnoticed, so nothing is cached until
 * it is back, and what was cached before is dropped.
 *
 * Copies are kept per database handle (a test's own database never sees another's), and only for handles the boot
 * registered; anything else, a transaction included, reads the table. Loads in flight are shared; a failed load is
 * not kept; a change drops the copy even while its load is running, so the old rows are never kept past a change.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const REFERENCE_CHANNEL = 'thads_reference';
/** The tables the notifications name, and what each one's copies are called. */
export const REFERENCE_TABLES = ['agencies', 'calendar_days'] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];

type Listener = (table: ReferenceTable | 'all') => void;

interface State {
  /** Handles whose changes this process hears about; their copies. */
  copies: WeakMap<Kysely<Database>, Map<string, Promise<unknown>>>;
  /** Whether the listening connection is up (else nothing is kept). */
  live: boolean;
  listeners: Set<Listener>;
}

// On globalThis: the start script and the server bundle each load this module, and must share one state.
const KEY = Symbol.for('thads.referenceCache');
const state: State = ((globalThis as { [KEY]?: State })[KEY] ??= { copies: new WeakMap(), live: false, listeners: new Set() });

/** `load()`'s value for `table` (and `key`, for a part of it), from the process's copy when there is one. */
export function cachedReference<T>(db: Kysely<Database>, table: ReferenceTable, key: string, load: () => Promise<T>): Promise<T> {
  const copies = state.live ? state.copies.get(db) : undefined;
  if (!copies) return load();
  const name = `${table}\n${key}`;
  const kept = copies.get(name);
  if (kept) return kept as Promise<T>;
  const loading = load();
  copies.set(name, loading);
  loading.catch(() => {
    if (copies.get(name) === loading) copies.delete(name);
  });
  return loading;
}

function drop(table: ReferenceTable | 'all', handles: Iterable<Kysely<Database>>) {
  for (const db of handles) {
    const copies = state.copies.get(db);
    if (!copies) continue;
    for (const name of [...copies.keys()]) if (table === 'all' || name.startsWith(`${table}\n`)) copies.delete(name);
  }
  for (const listener of state.listeners) listener(table);
}

/** Called for every change heard (a table, or 'all' when changes may have been missed). Returns the unsubscriber. */
export function onReferenceChange(listener: Listener): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/**
 * How a database handle delivers the channel's notifications: `subscribe` starts listening and calls `heard` per
 * notification, `lost` when the listening connection fails (then `subscribe` is called again after `retryMs`).
 */
export interface ReferenceNotifications {
  subscribe(heard: (payload: string) => void, lost: (err: unknown) => void): Promise<() => Promise<void>>;
}

/**
 * Starts keeping copies for `handles` (the primary and, when there is one, the read replica's handle) while the
 * notifications of the primary are heard. Returns a function that stops listening and keeps nothing more.
 */
export async function watchReference(
  notifications: ReferenceNotifications,
  handles: Kysely<Database>[],
  opts: { retryMs?: number; warn?: (message: string, err: unknown) => void } = {},
): Promise<() => Promise<void>> {
  const retryMs = opts.retryMs ?? 1000;
  let stopped = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | undefined;
  const all = () => handles;
  const heard = (payload: string) => {
    const table = (REFERENCE_TABLES as readonly string[]).includes(payload) ? (payload as ReferenceTable) : 'all';
    drop(table, all());
  };
  const lost = (err: unknown) => {
    if (stopped || !state.live) return;
    state.live = false;
    drop('all', all());
    opts.warn?.('reference data: the listening connection was lost; nothing is cached until it is back', err);
    unsubscribe?.().catch(() => {});
    unsubscribe = null;
    retry = setTimeout(start, retryMs);
    retry.unref();
  };
  async function start() {
    if (stopped) return;
    try {
      unsubscribe = await notifications.subscribe(heard, lost);
      for (const db of handles) if (!state.copies.has(db)) state.copies.set(db, new Map());
      // Changes made while nobody listened: start from the tables.
      drop('all', all());
      state.live = true;
    } catch (err) {
      opts.warn?.('reference data: cannot listen for changes; trying again', err);
      retry = setTimeout(start, retryMs);
      retry.unref();
    }
  }
  await start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    state.live = false;
    drop('all', all());
    for (const db of handles) state.copies.delete(db);
    await unsubscribe?.();
  };
}

/** Whether copies are being kept (the listening connection is up): what is built from them may be kept too. */
export function referenceCacheLive(): boolean {
  return state.live;
}

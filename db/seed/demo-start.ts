// The demo data a start loads, in the order it needs; scripts/start.ts hands it to boot() (src/server/boot.ts).
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../src/server/config.ts';
import type { Database } from '../../src/server/schema.ts';
import { seedDemoData, type DemoDossier } from './demo.ts';
import { seedDemoHistory, type HistoryReport } from './history/index.ts';
import { seedRegistryDemo } from './registry-demo.ts';
import { seedVaultDemo } from './vault-demo.ts';

export interface DemoReport {
  /** Demo dossiers loaded by this start (first start only). */
  demo: DemoDossier[];
  /** The year of demo history this start added (first start only; null otherwise). */
  history: HistoryReport | null;
}

/**
 * Loads what the configuration asks for of the demo data; each part loads once, on the first start. `now` is the
 * clock every part's times are counted back from (a test's; a start's own clock otherwise).
 */
export async function seedDemoOnStart(
  db: Kysely<Database>,
  cfg: Pick<Config, 'demoData' | 'demoHistory' | 'publicUrl' | 'dataDir'>,
  now: Date = new Date(),
): Promise<DemoReport> {
  const demo = cfg.demoData ? await seedDemoData(db, { publicUrl: cfg.publicUrl, dataDir: cfg.dataDir, now }) : [];
  // After the demo seed: its Hà Nội accounts handle the history's dossiers there.
  const history = cfg.demoHistory ? await seedDemoHistory(db, { now }) : null;
  if (cfg.demoData) await seedRegistryDemo(db, now);
  if (cfg.demoData) await seedVaultDemo(db, cfg.publicUrl, now);
  // The embedded database has no autovacuum to gather statistics after a seed: without them its planner guesses
  // (a public-list search took 4.3 ms instead of 3.5 on the demo list).
  if (demo.length > 0 || history) await sql`analyze`.execute(db);
  return { demo, history };
}

/**
 * Ports of the fault tests: from the environment when set (a shared machine hands each user a range:
 * FAULTS_HTTP_PORT, FAULTS_PG_PORT, FAULTS_SMTP_PORT, each the first of a few consecutive ports), else free ports.
 */
import { freePort } from '../support/pg-cluster.ts';

export async function port(kind: 'HTTP' | 'PG' | 'SMTP', offset = 0): Promise<number> {
  const base = Number(process.env[`FAULTS_${kind}_PORT`]);
  return base > 0 ? base + offset : freePort();
}

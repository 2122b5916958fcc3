/**
 * Every abuse limit of the portal, keyed by the client's address unless said otherwise: generous for people, tight
 * for scripts. Shared by every instance (ratelimit.ts). The README's table of limits is this list.
 */
import { createRateLimiter } from './ratelimit.ts';

const MINUTE = 60_000;

export const abuseLimits = {
  /** Form saves and submissions of applications, supplements, withdrawals and surveys. */
  submission: createRateLimiter({ name: 'submission', limit: 120, windowMs: 10 * MINUTE }),
  /** Dossier look-ups by code and PIN: each is a guess at a PIN. */
  lookup: createRateLimiter({ name: 'lookup', limit: 20, windowMs: 10 * MINUTE }),
  /** Anonymous general feedback: nothing else stands between the form and the table. */
  feedback: createRateLimiter({ name: 'feedback', limit: 5, windowMs: 60 * MINUTE }),
  /** Searches of the public list (no bulk dump). */
  registrySearch: createRateLimiter({ name: 'registry-search', limit: 60, windowMs: 10 * MINUTE }),
  /** Entry pages of the public list: a person opens a few per search, far from a walk through the list. */
  registryEntry: createRateLimiter({ name: 'registry-entry', limit: 120, windowMs: 10 * MINUTE }),
  /**
   * Public statistics nobody asked for in the last minutes: each costs a pass over the period's dossiers. Figures
   * already computed are never limited.
   */
  statistics: createRateLimiter({ name: 'statistics', limit: 30, windowMs: 10 * MINUTE }),
  /** Second-factor codes, per staff account. */
  secondFactor: createRateLimiter({ name: 'second-factor', limit: 5, windowMs: 15 * MINUTE }),
};

export type AbuseLimit = keyof typeof abuseLimits;

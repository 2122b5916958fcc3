/**
 * Small-count suppression for published tables. A count from 1 to `threshold - 1` could point at a person, so it is
 * not published (primary suppression); zero is published, as it points at nobody. Published tables also carry sums
 * (a column's total, received = online + at the counter …): whenever exactly one cell of such a sum is hidden, the
 * others give it away, so a second cell of that sum is hidden too — the smallest one still shown (secondary
 * suppression). Hiding a cell can expose another sum, so this repeats until no sum has exactly one hidden cell.
 */

/** Cells by id, and the sums between them: each equation lists the cell ids whose values add up (the total included). */
export interface SuppressionProblem {
  values: ReadonlyMap<string, number>;
  /** Each equation is a set of cells tied by one linear sum (e.g. the rows of a column and its total). */
  equations: readonly (readonly string[])[];
  /** Counts below this (and above zero) are hidden. Default 10. */
  threshold?: number;
}

export const SUPPRESSION_THRESHOLD = 10;

/** The ids of the cells to hide. Deterministic: ties between equally small cells go to the one listed first. */
export function suppressedCells({ values, equations, threshold = SUPPRESSION_THRESHOLD }: SuppressionProblem): Set<string> {
  const hidden = new Set<string>();
  for (const [id, v] of values) if (v > 0 && v < threshold) hidden.add(id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const cells = equation.filter((id) => values.has(id));
      if (cells.filter((id) => hidden.has(id)).length !== 1) continue;
      let pick: string | undefined;
      for (const id of cells) if (!hidden.has(id) && (pick === undefined || values.get(id)! < values.get(pick)!)) pick = id;
      if (pick === undefined) continue;
      hidden.add(pick);
      changed = true;
    }
  }
  return hidden;
}

/** A link given as its address and its words, for a component to render: a page's way back, an error summary entry. */
export type TextLink = { href: string; text: string };

/** One entry of the error summary (components/ErrorSummary.astro): the problem in words, linking to its field. */
export type ErrorLink = TextLink;

/**
 * The problems of a filter's or a form's fields as a page shows them: the error summary, each entry linking to its
 * field's input (`#f-<field>-input`, as components/Field.astro names it), and the message under each field.
 */
export function fieldProblems() {
  const errors: ErrorLink[] = [];
  const fieldErrors: Record<string, string> = {};
  return {
    errors,
    fieldErrors,
    add(field: string, text: string) {
      errors.push({ href: `#f-${field}-input`, text });
      fieldErrors[field] = text;
    },
  };
}

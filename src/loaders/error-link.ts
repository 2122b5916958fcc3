/** A link given as its address and its words, for a component to render: a page's way back, an error summary entry. */
export type TextLink = { href: string; text: string };

/** One entry of the error summary (components/ErrorSummary.astro): the problem in words, linking to its field. */
export type ErrorLink = TextLink;

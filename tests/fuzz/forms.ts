/**
 * The forms a rendered page offers, read from its HTML: where each posts to, how it is encoded, its fields with the
 * values the page gives them (hidden values, options, checkboxes). The fuzzer starts every case from such a form, so
 * its field names and good values are the portal's own, not guessed.
 */

export interface FormField {
  name: string;
  /** input type, or 'select' / 'textarea'. */
  type: string;
  /** The values a person could send: the default, the options of a select, each radio's or checkbox's value. */
  values: string[];
}

export interface PageForm {
  method: 'GET' | 'POST';
  /** Resolved against the page: path and query. */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const unescape = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}(?:=(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=[\\s>/])`, 'i').exec(tag);
  if (!m) return undefined;
  return unescape(m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every form of `html`, its action resolved against `pagePath` (path + query of the page). */
export function formsOf(html: string, pagePath: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const block = m[0];
    const open = /<form\b[^>]*>/i.exec(block)![0];
    const method = (attr(open, 'method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const url = new URL(attr(open, 'action') ?? '', `http://portal${pagePath}`);
    const fields = new Map<string, FormField>();
    const add = (name: string | undefined, type: string, value: string | undefined) => {
      if (!name) return;
      const f = fields.get(name) ?? { name, type, values: [] };
      if (value !== undefined && !f.values.includes(value)) f.values.push(value);
      fields.set(name, f);
    };
    for (const t of block.matchAll(/<input\b[^>]*>/gi)) {
      const type = (attr(t[0], 'type') ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
      add(attr(t[0], 'name'), type, type === 'file' ? undefined : (attr(t[0], 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')));
    }
    for (const t of block.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/gi)) {
      const name = attr(/<select\b[^>]*>/i.exec(t[0])![0], 'name');
      for (const o of t[1]!.matchAll(/<option\b[^>]*>([^<]*)/gi)) add(name, 'select', attr(o[0], 'value') ?? unescape(o[1]!.trim()));
    }
    for (const t of block.matchAll(/<textarea\b[^>]*>([\s\S]*?)<\/textarea>/gi)) add(attr(t[0], 'name'), 'textarea', unescape(t[1]!));
    for (const t of block.matchAll(/<button\b[^>]*>/gi)) {
      const name = attr(t[0], 'name');
      if (name) add(name, 'button', attr(t[0], 'value') ?? '');
    }
    forms.push({
      method,
      action: url.pathname + url.search,
      multipart: (attr(open, 'enctype') ?? '').toLowerCase() === 'multipart/form-data',
      fields: [...fields.values()],
    });
  }
  return forms;
}

/** The Astro action a form posts to (`?_action=<name>`), or null for a plain form. */
export function actionOf(form: PageForm): string | null {
  return new URL(form.action, 'http://portal').searchParams.get('_action');
}

// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

/**
 * `astro dev` has no start script: its first request boots (src/server/boot.ts), and it is given the demo step here
 * as scripts/start.ts gives it, so a development database gets the demo data as before.
 * @type {import('astro').AstroIntegration}
 */
const demoDataInDev = {
  name: 'thads-demo-data-in-dev',
  hooks: {
    'astro:server:setup': ({ server }) => {
      /** @type {Promise<unknown> | undefined} */
      let booting;
      server.middlewares.use((_req, _res, next) => {
        booting ??= Promise.all([server.ssrLoadModule('/src/server/boot.ts'), server.ssrLoadModule('/db/seed/demo-start.ts')]).then(([{ boot }, { seedDemoOnStart }]) =>
          boot({ seedDemo: seedDemoOnStart }),
        );
        // A failed boot is tried again by the next request, as getDb() would.
        booting.then(() => next(), (err) => ((booting = undefined), next(err)));
      });
    },
  },
};

export default defineConfig({
  output: 'server',
  // The start script serves (scripts/start.ts): the adapter's handler renders the pages, src/server/static-files.ts the
  // built files.
  adapter: node({ mode: 'middleware' }),
  integrations: [preact(), demoDataInDev],
  i18n: {
    locales: ['vi', 'en'],
    defaultLocale: 'vi',
    routing: { prefixDefaultLocale: false },
  },
  // Staff sessions live in PostgreSQL (our own session module); Astro's file-backed session store stays off.
  session: false,
  // No Markdown code blocks: Shiki's inline styles would break the strict CSP.
  markdown: { syntaxHighlight: false },
  trailingSlash: 'ignore',
  // Staff accounts were at /can-bo/quan-tri/can-bo, the back office's own root word; bookmarks keep working.
  // The staff accounts' old address; and the dossiers' folder, which a trimmed dossier address lands on, is the queue.
  redirects: {
    '/can-bo/quan-tri/can-bo': { status: 301, destination: '/can-bo/quan-tri/nguoi-dung' },
    '/can-bo/ho-so': { status: 301, destination: '/can-bo' },
  },
  // Pages the same for everyone are rendered once until what they show changes (src/page-cache-provider.ts).
  cache: { provider: { name: 'thads-pages', entrypoint: new URL('./src/page-cache-provider.ts', import.meta.url), config: { max: 500 } } },
  build: { inlineStylesheets: 'never' },
  security: {
    checkOrigin: true,
    // Five attachments of up to 10 MB (src/server/dossiers/files.ts) plus the form fields; larger bodies are
    // refused before they are read, with a 413 the form explains.
    actionBodySizeLimit: 51 * 1024 * 1024,
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
      ],
    },
  },
  server: { host: '127.0.0.1', port: 4321 },
});

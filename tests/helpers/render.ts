// Renders .astro components in a node:test through Astro's container API: a Vite server (middleware mode, no port)
// compiles them with the project's own Astro config, as the build would.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getViteConfig } from 'astro/config';
import { createServer, type ViteDevServer } from 'vite';
import path from 'node:path';

export interface Renderer {
  /** The HTML of `component` (a path under src/, e.g. "components/TimeLimit.astro") with these props. */
  render(component: string, props: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startRenderer(): Promise<Renderer> {
  const root = path.resolve(import.meta.dirname, '../..');
  const config = await getViteConfig({ logLevel: 'silent', server: { middlewareMode: true, hmr: false } }, { root, logLevel: 'silent' })({
    command: 'serve',
    mode: 'test',
  });
  const vite: ViteDevServer = await createServer({ ...config, configFile: false });
  const container = await AstroContainer.create();
  return {
    async render(component, props) {
      const mod = await vite.ssrLoadModule(`/src/${component}`);
      return container.renderToString(mod.default, { props });
    },
    close: () => vite.close(),
  };
}

/** The text of some HTML, tags removed and white space collapsed. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

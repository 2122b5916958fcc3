// The floor the portal is measured against (`npm run bench`): a minimal app built by the project's own Astro and
// node adapter, with no middleware, integrations or layout. Built into bench/floor/dist by bench/floor.ts.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  session: false,
  // The portal's own security defaults, which Astro applies to every request it renders.
  security: { checkOrigin: true },
});

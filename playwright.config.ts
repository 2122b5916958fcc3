import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4399);
export const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded browser; these flags keep it off the (closed) network.
const chromiumArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'off',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The built server exactly as `npm start` runs it (security headers included), on a throw-away data directory.
    command: 'rm -rf test-results/e2e-data && node tests/e2e/server.ts',
    // TRUST_PROXY lets each test present its own client address (X-Forwarded-For), so per-IP rate limits apply
    // per test as they would per citizen.
    env: {
      SKIP_BUILD: '1',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATA_DIR: 'test-results/e2e-data',
      E2E_MAIL_DIR: 'test-results/e2e-mail',
      TRUST_PROXY: '1',
      // Demo dossiers (also on PostgreSQL in CI): the tracking tests follow them through supplement and withdrawal.
      DEMO_DATA: 'yes',
      // Not the year of history unless asked (DEMO_HISTORY=yes): the suite's queue and log checks are written against
      // the small demo above.
      DEMO_HISTORY: process.env.DEMO_HISTORY ?? 'no',
      // One log line per request would bury the test report; warnings and errors still show.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
  },
});

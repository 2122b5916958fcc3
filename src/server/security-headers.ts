import type { ServerResponse } from 'node:http';

/**
 * Headers sent with every response, static or rendered. Astro's own CSP (script and style hashes) arrives in a
 * <meta> tag, which cannot carry frame-ancestors; this header policy adds what a meta tag cannot, and browsers
 * enforce both policies together.
 */
export function securityHeaders(publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (publicUrl.startsWith('https:')) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/**
 * Sets the headers on a Node response. Astro sends its own Content-Security-Policy header on rendered pages;
 * both policies are kept (comma-joined, each enforced) instead of one replacing the other.
 */
export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const ours = headers['Content-Security-Policy'];
  if (!ours) return;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    if (last && typeof last === 'object' && !Array.isArray(last)) {
      const given = last as Record<string, unknown>;
      const key = Object.keys(given).find((k) => k.toLowerCase() === 'content-security-policy');
      if (key && given[key] !== ours) given[key] = `${String(given[key])}, ${ours}`;
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

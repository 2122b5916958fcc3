/**
 * The log as a person at a terminal reads it (`npm start`): one short line per entry instead of JSON. The same
 * fields, nothing more; a service manager (stdout not a terminal) gets the JSON lines.
 */
import type { DestinationStream } from 'pino';

const LABELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: '', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

export function terminalLine(json: string): string {
  const { level, time, msg, reqId, method, route, path, status, ms, err, ...rest } = JSON.parse(json) as Record<string, unknown>;
  const head = `${String(time).slice(11, 19)} ${LABELS[level as number] ?? ''}`.trimEnd();
  const text =
    msg === 'request' ? `${method} ${route ?? path} ${status} ${ms} ms` : [msg, ...Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`)].join(' ');
  const failure = err ? `\n  ${(err as { stack?: string; message?: string }).stack ?? (err as { message?: string }).message}` : '';
  return `${head} ${text}${reqId && msg !== 'request' ? ` [${reqId}]` : ''}${failure}\n`;
}

export function terminalStream(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return { write: (line: string) => void out.write(terminalLine(line)) };
}

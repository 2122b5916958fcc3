/**
 * A stored file as a download: never displayed inline (the bytes come from citizens), never cached. Should a browser
 * render it anyway (a viewer extension, a "open" click), the sandbox policy keeps its scripts from running with the
 * portal's origin.
 */
export function attachmentResponse(file: { file_name: string; content_type: string; size_bytes: number; content: Uint8Array }): Response {
  const ascii = file.file_name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'tep';
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.content_type,
      'Content-Length': String(file.size_bytes),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * A stored customer or agent file as an HTTP answer. Only images, audio and video (never SVG) are
 * shown inline with their declared type; anything else is a download, never sniffed into HTML.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { stream: Readable; size: number; mimeType: string; fileName: string | null },
): FastifyReply {
  const inline = /^(image|audio|video)\//.test(file.mimeType) && !file.mimeType.includes('svg');
  const name = file.fileName ?? 'file';
  return reply
    .header('content-type', inline ? file.mimeType : 'application/octet-stream')
    .header('content-length', file.size)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=86400')
    .send(file.stream);
}

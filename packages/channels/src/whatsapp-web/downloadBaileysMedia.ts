import { pino } from 'pino';
import { downloadMediaMessage, type WAMessage } from './baileys.js';

const quiet = pino({ level: 'silent' });

/**
 * Downloads and decrypts a message's media from WhatsApp's CDN. With `reupload` (only the node that
 * holds the socket has it), media already deleted from the CDN is requested again from the phone.
 */
export async function downloadBaileysMedia(
  message: WAMessage,
  reupload: ((m: WAMessage) => Promise<WAMessage>) | undefined,
): Promise<Buffer> {
  return downloadMediaMessage(
    message,
    'buffer',
    {},
    {
      logger: quiet,
      reuploadRequest: reupload ?? (async () => Promise.reject(new Error('media expired and no socket to request a re-upload'))),
    },
  );
}

import type { Logger } from '../../infra/logger.js';
import type { Mailer } from '../../infra/mailer.js';

/** Who opened a session: stored on the session row as a login stores it. */
export interface Client {
  userAgent: string | null;
  ip: string | null;
}

export interface MailSender {
  send(to: string, mail: { subject: string; text: string }): Promise<void>;
}

/**
 * A refused mail never fails the request that caused it: the account exists either way, and every
 * link can be asked for again (resend, forgot password, resend invitation). The failure is logged.
 */
export function mailSender(mailer: Mailer, logger: Logger): MailSender {
  return {
    async send(to, mail) {
      try {
        await mailer.send({ to, ...mail });
      } catch (error) {
        logger.error({ err: error, to, subject: mail.subject }, 'account mail not sent');
      }
    },
  };
}

import { appendFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { Logger } from './logger.js';

interface Mail {
  to: string;
  subject: string;
  /** Plain text, always: every mail must read well without HTML. */
  text: string;
  html?: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the mail (or it was written to the log); throws when it refused. */
  send(mail: Mail): Promise<void>;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Tests and demos: every mail is also appended here as one JSON line, so a browser test can open the link. */
  logFile?: string;
  logger: Logger;
}

/**
 * Outgoing mail. With `SMTP_URL`, through that server (nodemailer); without it, each mail is written
 * to the log at info level, links included, so a self-hosted trial still gets its verification link.
 */
export function createMailer(options: MailerOptions): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      if (options.logFile) {
        await appendFile(options.logFile, `${JSON.stringify({ at: new Date().toISOString(), from: options.from, ...mail })}\n`);
      }
      if (!transport) {
        options.logger.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          'mail (no SMTP_URL set: written here instead of sent)',
        );
        return;
      }
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}

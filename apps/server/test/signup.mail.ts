import { existsSync, readFileSync } from 'node:fs';

export interface LoggedMail {
  to: string;
  subject: string;
  text: string;
}

/** Every mail the server wrote to MAIL_LOG_FILE so far. */
export function mailsIn(file: string): LoggedMail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedMail);
}

/**
 * The token of the newest mail to `to` whose link has `path`; waits a little, because the
 * enumeration-safe routes (resend, forgot password) mail after they answered.
 */
export async function tokenMailedTo(file: string, to: string, path: string, after = 0): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const mails = mailsIn(file)
      .slice(after)
      .filter((m) => m.to === to && m.text.includes(`${path}?token=`));
    const last = mails.at(-1);
    if (last) {
      const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_%-]+)`).exec(last.text);
      if (match?.[1]) return decodeURIComponent(match[1]);
    }
    if (Date.now() > deadline) throw new Error(`no mail with ${path} to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Sends email through SMTP (nodemailer) when SMTP_URL is set; otherwise
// writes each message as an .eml file under <dataDir>/outbox so a fresh
// install works without a mail server. Never logs message bodies: they hold
// single-use links that are as good as passwords.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Email } from './templates.ts';

export interface Mailer {
  /** Never rejects: failures are logged. Callers usually do not await it (see transaction afterCommit). */
  send(to: string, email: Email): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; dataDir: string; log: Logger }): Mailer {
  const outbox = path.join(options.dataDir, 'outbox');
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(to, email) {
      try {
        const info = await transport.sendMail({ from: options.from, to, subject: email.subject, text: email.text });
        if (!options.smtpUrl) {
          await mkdir(outbox, { recursive: true, mode: 0o700 });
          const file = path.join(outbox, `${Date.now()}-${info.messageId.replace(/[^a-zA-Z0-9.-]/g, '')}.eml`);
          await writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
          options.log.info({ file }, 'email written to outbox (SMTP_URL is not set)');
        } else {
          options.log.info({ messageId: info.messageId }, 'email sent');
        }
      } catch (err) {
        // A mail failure must not undo the committed change: log it, the user can ask again.
        options.log.error({ err }, 'email could not be sent');
      }
    },
    close() {
      transport.close();
    },
  };
}

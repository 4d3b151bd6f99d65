// A real SMTP server on loopback (smtp-server) that keeps what it receives,
// so tests read the emails Ruche sends exactly as a mail server would get them.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface MailSink {
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first email to `to` matching `predicate`, waiting up to 5 s. */
  waitFor(to: string, predicate?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, predicate = () => true) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const mail = received.find((m) => m.to.includes(to) && predicate(m));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no email to ${to} within 5 s (received: ${received.map((m) => m.to.join(',')).join('; ')})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a text email. */
export function linkIn(mail: ReceivedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in email "${mail.subject}"`);
  return new URL(match[0]);
}

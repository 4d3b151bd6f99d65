// The publisher: an open loop that sends `rate` messages a second through the
// server's HTTP API, whatever the answers' speed (a closed loop would slow
// down with the server and hide its queueing). Message k goes to conversation
// k mod C, sent by its members in turn; its body carries k and the send time:
// the moment the request is handed to Node's HTTP client (which queues it if
// all its sockets are busy: that wait is part of the measured latency).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { benchBody, clockMs, tally, type Phase, type Tally } from './protocol.ts';

export interface Conversation {
  /** The path of its POST …/messages. */
  path: string;
  /** Request headers of each member who sends to it (authentication). */
  senders: Array<Record<string, string>>;
}

export interface PublishPlan {
  base: string;
  conversations: Conversation[];
  /** The number of this plan's first message (numbers go on from one step to the next). */
  firstNumber: number;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  sockets: number;
  /** Called once, when the warm-up ends and the measured window starts. */
  onMeasureStart(): void;
}

export interface Published {
  firstNumber: number;
  sent: number;
  /** Per message, from firstNumber on: the HTTP answer was 2xx. */
  accepted: Uint8Array;
  /** Measured messages: publish latency (send → HTTP answer), ms. */
  ackMs: number[];
  statuses: Tally;
  /** Up to 5 error answers, as received. */
  samples: string[];
  skipped: number;
  /** 2xx answers (warm-up messages included) that came back inside the measured window: the throughput. */
  answeredInWindow: number;
  window: { from: number; to: number };
}

const TICK_MS = 5;
export const MAX_IN_FLIGHT = 2000;
const REQUEST_TIMEOUT_MS = 30_000;

export function publish(plan: PublishPlan): Promise<Published> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.sockets });
  const total = Math.ceil(plan.rate * (plan.warmupSeconds + plan.seconds));
  const out: Published = { firstNumber: plan.firstNumber, sent: 0, accepted: new Uint8Array(total), ackMs: [], statuses: {}, samples: [], skipped: 0, answeredInWindow: 0, window: { from: 0, to: 0 } };
  let inFlight = 0;
  let started = 0;

  const send = (k: number, phase: Phase) => {
    const n = plan.firstNumber + k;
    const conversation = plan.conversations[n % plan.conversations.length]!;
    const headers = conversation.senders[Math.floor(n / plan.conversations.length) % conversation.senders.length]!;
    const sentAt = clockMs();
    const payload = JSON.stringify({ body: benchBody(n, sentAt, phase), clientId: randomUUID() });
    inFlight++;
    const done = (status: string, detail?: string) => {
      inFlight--;
      tally(out.statuses, status);
      if (status.startsWith('2')) {
        const now = clockMs();
        out.accepted[k] = 1;
        if (phase === 'm') out.ackMs.push(now - sentAt);
        if (out.window.from > 0 && now >= out.window.from && (out.window.to === 0 || now <= out.window.to)) out.answeredInWindow++;
      } else if (detail && out.samples.length < 5) out.samples.push(`${status} ${detail.slice(0, 300)}`);
    };
    const req = http.request(`${plan.base}${conversation.path}`, {
      method: 'POST', agent, timeout: REQUEST_TIMEOUT_MS,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      const status = String(res.statusCode);
      if (status.startsWith('2')) {
        res.resume();
        res.on('end', () => done(status));
      } else {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => done(status, text));
      }
      res.on('error', () => undefined);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: Error & { code?: string }) => done(error.code ?? error.message, error.message));
    req.end(payload);
  };

  return new Promise((resolve) => {
    started = clockMs();
    let measuring = false;
    const ticker = setInterval(() => {
      const elapsed = clockMs() - started;
      if (!measuring && elapsed >= plan.warmupSeconds * 1000) {
        measuring = true;
        out.window.from = started + plan.warmupSeconds * 1000;
        plan.onMeasureStart();
      }
      const due = Math.min(total, Math.floor((elapsed / 1000) * plan.rate));
      while (out.sent < due) {
        const k = out.sent++;
        const phase: Phase = k < plan.rate * plan.warmupSeconds ? 'w' : 'm';
        if (inFlight >= MAX_IN_FLIGHT) out.skipped++;
        else send(k, phase);
      }
      if (out.sent >= total) {
        clearInterval(ticker);
        out.window.to = clockMs();
        // Then wait for the answers still in flight (each has its timeout).
        const wait = setInterval(() => {
          if (inFlight > 0) return;
          clearInterval(wait);
          agent.destroy();
          resolve(out);
        }, 20);
      }
    }, TICK_MS);
  });
}

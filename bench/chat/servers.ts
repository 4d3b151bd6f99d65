// The servers under test, each in a child process of its own (so its CPU and
// RSS are its own, and it does not share an event loop with the load
// generator): the raw `ws` baseline, and Ruche's serve() on a database the
// benchmark seeded. Both answer the probe (probe.ts) over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import type { ProbeAsk } from './protocol.ts';

export interface ServerChild {
  pid: number;
  base: string;
  ask<T>(question: ProbeAsk): Promise<T>;
  /** Whether it exited by itself (a crash) before stop(). */
  exited(): string | null;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function wrap(child: ChildProcess, base: string): ServerChild {
  let exit: string | null = null;
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) exit = `exited with ${signal ?? `code ${code}`}`;
  });
  // One question at a time: answers come back in order.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(question: ProbeAsk): Promise<T> => {
    const answered = queue.then(() => new Promise<T>((resolve, reject) => {
      const onMessage = (message: { answer?: T; error?: string }) => {
        if (!('answer' in message) && !('error' in message)) return;
        child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message.answer as T);
      };
      child.on('message', onMessage);
      child.send(question);
    }));
    queue = answered.catch(() => undefined);
    return answered;
  };
  return {
    pid: child.pid!, base, ask,
    exited: () => exit,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not become ready (${url})`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startBaseline(): Promise<ServerChild> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, 'baseline-server.ts'), [], {
    execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, PORT: String(port) },
  });
  const [message] = await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [null])]) as [unknown];
  if (!message) throw new Error('the baseline server did not start');
  return wrap(child, `http://127.0.0.1:${port}`);
}

export interface RucheOptions {
  ownerUrl: string;
  appPassword: string;
  dataDir: string;
  /** Extra settings (e.g. DATABASE_POOL_SIZE, REDIS_URL), applied last. */
  env: Record<string, string>;
}

export async function startRuche(o: RucheOptions): Promise<ServerChild> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = fork(path.join(import.meta.dirname, 'ruche-server.ts'), [], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env, DATABASE_URL: o.ownerUrl, DATABASE_APP_PASSWORD: o.appPassword, HOST: '127.0.0.1', PORT: String(port),
      PUBLIC_URL: base, DATA_DIR: o.dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false', ...o.env,
    },
  });
  await waitReady(child, `${base}/readyz`);
  return wrap(child, base);
}

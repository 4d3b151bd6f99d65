// A real clamd (ClamAV's daemon, Debian's clamav-daemon package) on a Unix
// socket in a temporary directory. ClamAV's own signature database cannot be
// downloaded here, so the daemon loads a one-line database of our own that
// recognises the EICAR test file, the standard harmless "virus" antivirus
// vendors provide for exactly this purpose.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLAMD = '/usr/sbin/clamd';

/** The EICAR test file, assembled so that the source file itself is not flagged. */
export const EICAR = Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join(''));
/** clamd marks signatures of databases not signed by ClamAV as UNOFFICIAL. */
export const EICAR_SIGNATURE = 'Ruche-Test-EICAR.UNOFFICIAL';

export interface Clamd {
  socket: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startClamd(): Promise<Clamd> {
  if (!existsSync(CLAMD)) throw new Error(`${CLAMD} is missing: install Debian's clamav-daemon package (.ci/run does)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'ruche-clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  await mkdir(path.join(dir, 'db'));
  const md5 = createHash('md5').update(EICAR).digest('hex');
  await writeFile(path.join(dir, 'db', 'ruche.hdb'), `${md5}:${EICAR.length}:Ruche-Test-EICAR\n`);
  await writeFile(path.join(dir, 'clamd.conf'), [
    `LocalSocket ${socket}`, `DatabaseDirectory ${path.join(dir, 'db')}`, 'Foreground yes', `PidFile ${path.join(dir, 'clamd.pid')}`,
    'StreamMaxLength 50M', 'LogSyslog no', `TemporaryDirectory ${dir}`,
  ].join('\n'));
  const child: ChildProcess = spawn(CLAMD, ['-c', path.join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => { stderr += String(data); });
  const deadline = Date.now() + 60_000;
  while (!(await answersPing(socket))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    socket,
    env: { CLAMAV_SOCKET: socket },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function answersPing(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(false);
    const connection = net.createConnection(socket, () => connection.end('zPING\0'));
    let reply = '';
    connection.on('data', (data) => { reply += String(data); });
    connection.on('close', () => resolve(reply.startsWith('PONG')));
    connection.on('error', () => resolve(false));
  });
}

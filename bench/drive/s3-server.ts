// A real S3 server (s3rver) on loopback for the drive benchmark, in a process
// of its own so its CPU and memory are not counted as Ruche's. It sends the
// environment that points Ruche at its bucket over IPC, then serves until it
// is told to stop (SIGTERM) or its parent goes away, and removes its objects.
// Forked by bench/drive/servers.ts.
import { startS3Server } from '../../server/test/support/s3.ts';

const s3 = await startS3Server();
let closing = false;
async function stop(): Promise<void> {
  if (closing) return;
  closing = true;
  await s3.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.send!({ env: s3.env });

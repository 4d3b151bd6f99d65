// A client of clamd, ClamAV's daemon, over its socket (a Unix socket or TCP).
// It speaks the daemon's INSTREAM command: the content is sent as
// length-prefixed chunks ending with a zero length, and clamd answers one
// line, "stream: OK" or "stream: <signature> FOUND". The protocol is a dozen
// lines, documented in clamd(8); the npm wrappers around it also drive the
// command-line scanners and need them installed, which Ruche does not.
import net from 'node:net';
import type { Readable } from 'node:stream';

export interface ClamdConfig {
  /** Unix socket path (clamd's LocalSocket), or a TCP host and port (TCPSocket). */
  socket: string | undefined;
  host: string | undefined;
  port: number;
  timeoutMs: number;
}

export type ScanResult = { infected: false } | { infected: true; signature: string };

/** clamd could not give an answer (down, too slow, or the stream exceeded its StreamMaxLength). */
export class ScanUnavailable extends Error {}

const MAX_CHUNK = 64 * 1024;

export async function scanStream(config: ClamdConfig, content: Readable): Promise<ScanResult> {
  const socket = config.socket ? net.createConnection(config.socket) : net.createConnection(config.port, config.host);
  socket.setTimeout(config.timeoutMs);
  const answer = new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    socket.on('data', (data: Buffer) => parts.push(data));
    socket.on('end', () => resolve(Buffer.concat(parts).toString('utf8').replace(/\0/g, '').trim()));
    socket.on('timeout', () => socket.destroy(new ScanUnavailable(`clamd did not answer within ${config.timeoutMs} ms`)));
    socket.on('error', (error) => reject(error instanceof ScanUnavailable ? error : new ScanUnavailable(`clamd: ${error.message}`, { cause: error })));
  });
  // The answer promise settles on every path; without a handler here an early rejection would be reported as unhandled.
  answer.catch(() => undefined);
  try {
    await write(socket, Buffer.from('zINSTREAM\0'));
    for await (const chunk of content as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; offset += MAX_CHUNK) {
        const piece = chunk.subarray(offset, offset + MAX_CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(piece.length);
        await write(socket, Buffer.concat([length, piece]));
      }
    }
    await write(socket, Buffer.alloc(4));
  } catch (error) {
    // clamd closes the connection early when the stream passes its StreamMaxLength: its answer says so.
    const said = await answer.catch(() => '');
    socket.destroy();
    throw new ScanUnavailable(said ? `clamd: ${said}` : `clamd: ${(error as Error).message}`, { cause: error });
  }
  const reply = await answer;
  socket.destroy();
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { infected: true, signature: found[1] as string };
  if (reply === 'stream: OK') return { infected: false };
  throw new ScanUnavailable(`clamd: ${reply || 'no answer'}`);
}

function write(socket: net.Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

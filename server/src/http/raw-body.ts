// Request bodies that are streamed, not parsed (file uploads). The handler
// reads a pass-through fed by the request rather than the request itself: a
// store that stops reading (a body past its limit) destroys the pass-through,
// not the socket, so the client still receives the 413 that explains why. A
// refused upload is answered with `Connection: close` so that Node does not
// read the rest of a large body just to reuse the connection, and a client
// hanging up mid-body is a 400 for nobody, not a server error.
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Routes registered in a scope of this plugin receive raw, unparsed bodies of any type. */
export function acceptRawBodies(scope: { removeAllContentTypeParsers(): void; addContentTypeParser(type: string, parser: (request: FastifyRequest, payload: unknown, done: (error: Error | null) => void) => void): void }): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
}

export function rawBody(request: FastifyRequest): Readable {
  const raw = request.raw;
  const body = new PassThrough();
  raw.on('error', (error) => body.destroy(error));
  raw.on('close', () => {
    if (!raw.readableEnded) body.destroy(new UploadInterrupted());
  });
  // A client that hung up before the handler got here has already closed: waiting for its bytes would never end.
  if (raw.destroyed && !raw.readableEnded) body.destroy(new UploadInterrupted());
  // The handler may await other work (permission checks) before it reads: an error in that
  // window is kept by the stream (body.errored) and surfaces when it is read, not as an uncaught event.
  body.on('error', () => undefined);
  raw.pipe(body);
  return body;
}

export function declaredLength(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

class UploadInterrupted extends AppError {
  constructor() {
    super(400, 'upload_interrupted', 'The upload was interrupted before the whole file arrived.');
  }
}

/** Runs an upload handler: see the header comment for what happens when it fails. */
export async function receiving<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!request.raw.readableEnded) {
      reply.header('connection', 'close');
      if (request.raw.destroyed && !(error instanceof AppError)) throw new UploadInterrupted();
    }
    throw error;
  }
}

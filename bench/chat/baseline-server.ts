// The baseline: a bare `ws` server doing the same fan-out as Ruche's chat,
// and nothing else (no authentication, no database, no Markdown, no
// sequence store). It speaks the subset of docs/realtime.md the benchmark
// uses: `hello`, `subscribe` → `subscribed`, `ping` → `pong`, and
// POST /conversations/:id/messages → one `message.created` event to every
// subscriber of `conversation:<id>`, serialised once.
// Run by bench/chat.ts as a child process: PORT in the environment.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { installProbe } from './probe.ts';

const streams = new Map<string, { seq: number; sockets: Set<WebSocket> }>();
const stream = (name: string) => streams.get(name) ?? streams.set(name, { seq: 0, sockets: new Set() }).get(name)!;

const server = http.createServer((req, res) => {
  const match = /^\/conversations\/([\w-]+)\/messages$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { body, clientId } = JSON.parse(Buffer.concat(chunks).toString()) as { body: string; clientId: string };
    const name = `conversation:${match[1]}`;
    const target = stream(name);
    const message = { id: randomUUID(), conversationId: match[1], seq: ++target.seq, clientId, body, createdAt: new Date().toISOString() };
    const frame = JSON.stringify({ type: 'event', stream: name, seq: message.seq, event: 'message.created', data: { message } });
    for (const socket of target.sockets) socket.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(message));
  });
});

new WebSocketServer({ server, path: '/realtime' }).on('connection', (socket) => {
  const mine = new Set<string>();
  socket.send(JSON.stringify({ type: 'hello', userId: 'anonymous', heartbeatSeconds: 25 }));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; stream?: string; ref?: string };
    if (frame.type === 'ping') return socket.send('{"type":"pong"}');
    if (frame.type !== 'subscribe' || !frame.stream) return socket.send('{"type":"error","code":"unknown_frame_type"}');
    const target = stream(frame.stream);
    target.sockets.add(socket);
    mine.add(frame.stream);
    socket.send(JSON.stringify({ type: 'subscribed', stream: frame.stream, seq: target.seq, ref: frame.ref }));
  });
  socket.on('close', () => {
    for (const name of mine) streams.get(name)?.sockets.delete(socket);
  });
});

installProbe();
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send!({ ready: true }));
process.on('SIGTERM', () => process.exit(0));

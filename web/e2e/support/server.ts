// A real Ruche listening on a loopback port, serving the built web client,
// on its own test database and SMTP sink: what a browser test talks to.
import { startHarness, type Harness } from '../../../server/test/support/harness.ts';

export interface RunningRuche extends Harness {
  url: string;
}

export async function startRuche(): Promise<RunningRuche> {
  const h = await startHarness({}, { serveWeb: true });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = h.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // Links in emails must point at this server.
  h.s.config.publicUrl = new URL(url);
  return { ...h, url };
}

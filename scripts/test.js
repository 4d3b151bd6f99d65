// `npm test`: the whole suite. Thin wrapper so an old Node.js gets a clear message.
import '../bin/require-node.js';

await import('./run-tests.ts');

#!/usr/bin/env node
// Entry point of the `ruche` command.
import './require-node.js';

const { main } = await import('../server/src/cli.ts');
await main(process.argv.slice(2));

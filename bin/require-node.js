// Imported first by every entry point. Plain JavaScript on purpose: it must
// run on an old Node.js long enough to say that Ruche needs Node.js 24+.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `ruche: Node.js ${process.versions.node} is too old; Ruche needs Node.js 24 or newer.\n` +
    'Run it through npm (`npm start`, `npm test`, `npx ruche …`), which use the Node.js 24 that `npm install` brings,\n' +
    'or install Node.js 24 LTS.');
  process.exit(1);
}

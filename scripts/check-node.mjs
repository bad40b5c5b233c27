// Plain JavaScript on purpose: it must run, and explain itself, on a Node too old for TypeScript.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `\nThe SEND Partnership Platform needs Node.js 22.18 or newer (24 recommended; see .nvmrc). This is ${process.version}.\n` +
      'Install Node 24, for example with nvm (`nvm install`), then run the command again.\n',
  );
  process.exit(1);
}

// Checks a packaged VSIX: under the size budget, and holding only what a user needs (no sources, tests, maps or
// node_modules). Reads the zip's central directory itself, so it needs no dependency.
import { readFileSync, statSync } from 'node:fs';

const file = process.argv[2] ?? 'sql-transport-guard.vsix';
const LIMIT = 400 * 1024;
const size = statSync(file).size;
const buf = readFileSync(file);

// End of central directory record: signature 0x06054b50, within the last 64 KiB.
let eocd = -1;
for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
  if (buf.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
}
if (eocd < 0) throw new Error(`${file} is not a zip archive`);
const count = buf.readUInt16LE(eocd + 10);
let at = buf.readUInt32LE(eocd + 16);
const names = [];
for (let n = 0; n < count; n++) {
  const nameLength = buf.readUInt16LE(at + 28);
  const extra = buf.readUInt16LE(at + 30);
  const comment = buf.readUInt16LE(at + 32);
  names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
  at += 46 + nameLength + extra + comment;
}

const forbidden = names.filter((n) => /(^|\/)(node_modules|test|client\/src|server\/src|out)\//.test(n) || /\.(ts|map)$/.test(n));
const required = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/server-main.js', 'extension/dist/cli.js'];
const missing = required.filter((r) => !names.includes(r));

console.log(`${file}: ${(size / 1024).toFixed(1)} KB, ${names.length} entries`);
const problems = [];
if (size > LIMIT) problems.push(`larger than ${LIMIT / 1024} KB`);
if (forbidden.length > 0) problems.push(`contains files a user does not need: ${forbidden.join(', ')}`);
if (missing.length > 0) problems.push(`is missing ${missing.join(', ')}`);
if (problems.length > 0) {
  console.error(`VSIX check failed: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('VSIX check passed: within budget, no sources, tests, source maps or node_modules.');

/** Reading one file for a scan: too large, unreadable and binary files are skipped with a reason, never fatal. */
import { readFileSync, statSync } from 'node:fs';
import { reasonOf } from './files';

export type ReadOutcome = { readonly text: string } | { readonly skipped: string } | { readonly binary: true };

/** `shown`: the path as messages name it; `limit`: the config's maxFileSize in bytes. */
export function readSource(absolute: string, shown: string, limit: number): ReadOutcome {
  let buffer: Buffer;
  try {
    // The size is checked before reading: a multi-gigabyte dump must not be loaded only to be skipped.
    const size = statSync(absolute).size;
    if (size > limit) return { skipped: `skipped '${shown}': ${size} bytes is over the ${limit}-byte limit (maxFileSize)` };
    buffer = readFileSync(absolute);
  } catch (error) {
    return { skipped: `skipped '${shown}': ${reasonOf(error)}` };
  }
  // The file may have grown between stat and read.
  if (buffer.length > limit) return { skipped: `skipped '${shown}': ${buffer.length} bytes is over the ${limit}-byte limit (maxFileSize)` };
  // A UTF-16LE file (SSMS saves scripts as "Unicode") has a NUL byte in every ASCII character: its BOM says it is
  // text, so it must not be taken for binary and skipped without a word (decode() reads it).
  const utf16 = buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe;
  return !utf16 && isBinary(buffer) ? { binary: true } : { text: decode(buffer) };
}

function isBinary(buffer: Buffer): boolean {
  const n = Math.min(buffer.length, 8000);
  for (let i = 0; i < n; i++) if (buffer[i] === 0) return true;
  return false;
}

function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

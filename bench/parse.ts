/**
 * Lexer/parser throughput on realistic T-SQL, against the floor (one bare charCodeAt pass over the same text in the
 * same process). Prints what it measured; no pass/fail.
 */
import { cpus } from 'node:os';
import { lex } from '../server/src/tsql/lexer';
import { parseSql } from '../server/src/tsql/parser';
import { AnalysisService } from '../server/src/service/service';
import { generateTsql } from './workload';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

function floor(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

export function parseBenchmark(sizesMb: readonly number[], runs = 5): string[] {
  const lines: string[] = [];
  lines.push(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, node ${process.version}`);
  lines.push('| size | floor (charCodeAt) | lex | lex+parse | full analysis | analysis / floor |');
  lines.push('|---|---|---|---|---|---|');
  for (const mb of sizesMb) {
    const text = generateTsql(mb * 1024 * 1024);
    const mbReal = text.length / (1024 * 1024);
    const tFloor = time(() => floor(text), runs);
    const tLex = time(() => lex(text), runs);
    const tParse = time(() => parseSql(text), runs);
    const tFull = time(() => {
      const s = new AnalysisService();
      s.update({ uri: 'file:///bench/big.sql', text });
      return s.analyze('file:///bench/big.sql');
    }, runs);
    const rate = (ms: number): string => `${(mbReal / (ms / 1000)).toFixed(0)} MB/s (${ms.toFixed(1)} ms)`;
    lines.push(`| ${mbReal.toFixed(1)} MB | ${rate(tFloor)} | ${rate(tLex)} | ${rate(tParse)} | ${rate(tFull)} | ${(tFull / tFloor).toFixed(1)}× |`);
  }
  return lines;
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const line of parseBenchmark(sizes.length > 0 ? sizes : [1, 2, 5, 10])) console.log(line);
}

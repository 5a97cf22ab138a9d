/** Loading fixture folders into an AnalysisService, the way the CLI does. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConfig, type AnalysisConfig } from '../../server/src/service/config';
import { AnalysisService } from '../../server/src/service/service';

export const FIXTURES = resolve('test/fixtures');

export function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n !== '.sqlguard.json' && statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => join(dir, n));
}

export function subfolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort()
    .map((n) => join(dir, n));
}

/** A service over every file of `dir`, configured by its `.sqlguard.json` when present. */
export function serviceFor(dir: string): { service: AnalysisService; uris: Map<string, string> } {
  let config: AnalysisConfig | undefined;
  try {
    const raw: unknown = JSON.parse(readFileSync(join(dir, '.sqlguard.json'), 'utf8'));
    const r = readConfig(raw);
    if (r.errors.length > 0) throw new Error(`${dir}/.sqlguard.json: ${r.errors.join('; ')}`);
    config = r.config;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const service = new AnalysisService({
    config,
    onRuleError: (rule, uri, e) => {
      throw new Error(`rule ${rule} threw on ${uri}: ${String(e)}`);
    },
  });
  const uris = new Map<string, string>();
  for (const file of filesIn(dir)) {
    const uri = pathToFileURL(file).href;
    uris.set(file, uri);
    service.update({ uri, text: readFileSync(file, 'utf8') });
  }
  return { service, uris };
}

export function serviceWithText(text: string, name = 'test.sql', config?: AnalysisConfig): { service: AnalysisService; uri: string } {
  const service = new AnalysisService({
    config,
    onRuleError: (rule, uri, e) => {
      throw new Error(`rule ${rule} threw on ${uri}: ${String(e)}`);
    },
  });
  const uri = `file:///work/${name}`;
  service.update({ uri, text });
  return { service, uri };
}

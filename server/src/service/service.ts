/**
 * The facade both front ends call: documents in, plain findings / hovers / fixes out. No I/O, no editor types.
 */
import type { Finding, Fix, Span } from '../core/types';
import { RULES } from '../rules';
import { finding, type Report, type Rule } from '../rules/rule';
import { Workspace } from '../workspace/workspace';
import { DEFAULT_CONFIG, type AnalysisConfig } from './config';
import type { SourceDocument } from './documents';
import { hoverAt, type Hover } from './hover';
import { definition, documentSymbols, references, type DocumentSymbol, type Location } from './navigation';

export interface ServiceOptions {
  readonly config?: AnalysisConfig;
  /** called when a rule throws; the other rules still run. Front ends log it. */
  readonly onRuleError?: (rule: string, uri: string, error: unknown) => void;
}

export interface CodeFix {
  readonly finding: Finding;
  readonly fix: Fix;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

export class AnalysisService {
  readonly workspace = new Workspace();
  private config: AnalysisConfig;
  private readonly cache = new Map<string, { generation: number; findings: Finding[] }>();

  constructor(private readonly options: ServiceOptions = {}) {
    this.config = options.config ?? DEFAULT_CONFIG;
  }

  getConfig(): AnalysisConfig {
    return this.config;
  }

  setConfig(config: AnalysisConfig): void {
    this.config = config;
    this.cache.clear();
  }

  update(source: SourceDocument): void {
    this.workspace.set(source);
  }

  remove(uri: string): void {
    this.workspace.delete(uri);
    this.cache.delete(uri);
  }

  analyze(uri: string): Finding[] {
    const doc = this.workspace.get(uri);
    if (!doc) return [];
    const cached = this.cache.get(uri);
    if (cached && cached.generation === this.workspace.generation) return cached.findings;
    const findings: Finding[] = [];
    for (const rule of RULES) {
      const setting = this.config.rules[rule.id];
      if (setting === 'off') continue;
      const report = (r: Report): void => {
        const f = finding(rule, r);
        findings.push(setting ? { ...f, severity: setting } : f);
      };
      this.runRule(rule, uri, () => rule.check({ document: doc, workspace: this.workspace, config: this.config, report }));
    }
    findings.sort((a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule));
    this.cache.set(uri, { generation: this.workspace.generation, findings });
    return findings;
  }

  hover(uri: string, offset: number): Hover | undefined {
    const doc = this.workspace.get(uri);
    return doc ? hoverAt(doc, this.workspace, this.config, offset) : undefined;
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    return documentSymbols(this.workspace, uri);
  }

  definition(uri: string, offset: number): Location[] {
    return definition(this.workspace, uri, offset);
  }

  references(uri: string, offset: number, includeDeclaration = true): Location[] {
    return references(this.workspace, uri, offset, includeDeclaration);
  }

  /** Quick fixes for the findings that touch `span`. */
  fixes(uri: string, span: Span): CodeFix[] {
    const out: CodeFix[] = [];
    for (const f of this.analyze(uri)) {
      if (f.span.start > span.end || f.span.end < span.start) continue;
      for (const fix of f.fixes ?? []) out.push({ finding: f, fix });
    }
    return out;
  }

  private runRule(rule: Rule, uri: string, run: () => void): void {
    if (!this.options.onRuleError) {
      run();
      return;
    }
    try {
      run();
    } catch (error) {
      this.options.onRuleError(rule.id, uri, error);
    }
  }
}

/**
 * What a rule is: stable id, default severity, one-line summary, and a check over one document with the workspace
 * beside it. Rules report plain findings; the service applies severity overrides.
 */
import type { Finding, Fix, RelatedInfo, Severity, Span } from '../core/types';
import type { AnalysisConfig } from '../service/config';
import type { AnalyzedDocument } from '../service/documents';
import type { Workspace } from '../workspace/workspace';

export interface RuleMeta {
  /** kebab-case, stable once released; docs at docs/rules/<id>.md */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** one line, used in SARIF and the docs index */
  readonly summary: string;
  /** the seed the rule comes from */
  readonly seed: string;
  /** GitHub code scanning's 0–10 security severity */
  readonly securitySeverity: number;
}

export interface Report {
  readonly span: Span;
  readonly message: string;
  /** when the rule's severity depends on the case (e.g. a hint on new versions, a warning on old ones) */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedInfo[];
}

export interface RuleContext {
  readonly document: AnalyzedDocument;
  readonly workspace: Workspace;
  readonly config: AnalysisConfig;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export function finding(rule: RuleMeta, report: Report): Finding {
  return {
    rule: rule.id,
    severity: report.severity ?? rule.defaultSeverity,
    span: report.span,
    message: report.message,
    fixes: report.fixes,
    related: report.related,
  };
}

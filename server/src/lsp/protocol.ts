/** The custom messages between the VS Code client and the server, declared once for both sides. */
export const ReportRequest = 'sqlTransportGuard/report';
export interface ReportResult {
  readonly markdown: string;
}

/** Sent after each analysis round: what the language status item shows. */
export const StatusNotification = 'sqlTransportGuard/status';
export interface StatusParams {
  readonly files: number;
  readonly openFiles: number;
  readonly rules: number;
  readonly sqlServerVersion: string;
  readonly drivers: Readonly<Record<string, string>>;
  readonly scanning: boolean;
  readonly skipped: number;
}

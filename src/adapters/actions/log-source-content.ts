/** What one evidence source gave: its text (cut at its limit) and how the read went. */
export interface LogSourceContent {
  readonly ok: boolean;
  readonly detail: string;
  readonly isTruncated: boolean;
  readonly content: string;
}

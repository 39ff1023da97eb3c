/** The logging the paging engine needs (pino's shape). */
export interface EngineLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const NOOP_LOG: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An error as one line for the log. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

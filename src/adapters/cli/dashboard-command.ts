import type { Command } from 'commander';

/** The dashboard opened on the local database or a server (wired by src/main with the terminal renderer). */
export interface OpenedDashboard {
  /** The view as JSON text. */
  json(): Promise<string>;
  /** The view as plain text, once. */
  once(): Promise<string>;
  /** Runs the live dashboard until the user quits. */
  live(): Promise<void>;
  close(): Promise<void>;
}

export interface DashboardDeps {
  openDashboard(cmd: Command): Promise<OpenedDashboard>;
  out(text: string): void;
  /** Standard output is a terminal: the dashboard runs live; otherwise it prints once. */
  readonly isTty: boolean;
}

/** `incident-response dashboard`: the live incident monitoring dashboard in the terminal. */
export function registerDashboardCommand(program: Command, deps: DashboardDeps): void {
  program
    .command('dashboard')
    .description('the live incident monitoring dashboard: active incidents, system health against baseline, recent anomalies, active remediation (q quits)')
    .option('--once', 'print the dashboard once and exit (the default when output is not a terminal)')
    .option('--json', 'print the dashboard once as JSON')
    .action(async (opts: { once?: boolean; json?: boolean }, cmd: Command) => {
      const opened = await deps.openDashboard(cmd);
      try {
        if (opts.json === true) deps.out(await opened.json());
        else if (opts.once === true || !deps.isTty) deps.out(await opened.once());
        else await opened.live();
      } finally {
        await opened.close();
      }
    });
}

import type { Command } from 'commander';
import type { Finding } from '../../app/readiness/index.js';

export interface DoctorDeps {
  runDoctor(cmd: Command): Promise<readonly Finding[]>;
  out(text: string): void;
  setExitCode(code: number): void;
}

const LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

/** `incident-response doctor`: readiness findings, most urgent first; exit 1 when one is critical. */
export function registerDoctorCommand(program: Command, deps: DoctorDeps): void {
  program
    .command('doctor')
    .description('check readiness: paging coverage, reachable people, integrations, audit signing, follow-up, backups; exit 1 when something is critical')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const findings = await deps.runDoctor(cmd);
      const critical = findings.filter((f) => f.level === 'critical').length;
      if (critical > 0) deps.setExitCode(1);
      if (opts.json) return deps.out(JSON.stringify({ ok: critical === 0, findings }, null, 2));
      deps.out(renderDoctor(findings));
    });
}

export function renderDoctor(findings: readonly Finding[]): string {
  const count = (level: Finding['level']) => findings.filter((f) => f.level === level).length;
  if (findings.length === 0) return 'Ready: nothing to recommend.';
  const lines = [`Readiness: ${count('critical')} critical, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info`];
  for (const f of findings) lines.push('', `${LABEL[f.level].padEnd(9)}${f.problem}`, `${' '.repeat(9)}→ ${f.fix}`);
  return lines.join('\n');
}

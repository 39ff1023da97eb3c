import type { Command } from 'commander';
import type { CreateIntegrationInput, CreateSilenceInput, CreatedIntegration, IntegrationDto, SilenceDto } from '../../app/alerts/index.js';
import { terminalText as line } from './render/terminal-text.js';

/** Integration keys and silences as the CLI sees them (the acting principal is bound by the backend). */
export interface AlertAdmin {
  createIntegration(input: CreateIntegrationInput): Promise<CreatedIntegration>;
  listIntegrations(): Promise<IntegrationDto[]>;
  revokeIntegration(idOrName: string): Promise<IntegrationDto>;
  createSilence(input: CreateSilenceInput): Promise<SilenceDto>;
  listSilences(): Promise<SilenceDto[]>;
  expireSilence(id: string): Promise<SilenceDto>;
}

export interface AlertAdminCommandDeps {
  withAlertAdmin<T>(cmd: Command, work: (admin: AlertAdmin) => Promise<T>): Promise<T>;
  out(text: string): void;
  err(text: string): void;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** `integration create|list|revoke` and `silence create|list|expire`, on the local store. */
export function registerAlertAdminCommands(program: Command, deps: AlertAdminCommandDeps): void {
  const json = (value: unknown) => deps.out(JSON.stringify(value, null, 2));

  const integration = program.command('integration').description('integration keys for alert senders (PagerDuty routing_key, GenieKey, URL keys): create, list, revoke');
  integration
    .command('create')
    .description('create a key for one ingest source; it is printed once and never shown again')
    .requiredOption('--source <source>', 'pagerduty-events, pagerduty-change, alertmanager-webhook, alertmanager-api, opsgenie, sns-cloudwatch, datadog, newrelic')
    .requiredOption('--name <name>', 'what the key is for (unique among live keys), e.g. prom')
    .option('--service <service>', 'the service its alerts belong to, e.g. checkout')
    .option('--json', 'print JSON')
    .action(async (opts: { source: string; name: string; service?: string; json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const created = await admin.createIntegration({ source: opts.source, name: opts.name, ...(opts.service !== undefined ? { service: opts.service } : {}) });
        if (opts.json) return json(created);
        deps.out(`Created ${created.integration.source} integration '${created.integration.name}'${created.integration.service ? ` for service ${created.integration.service}` : ''}:`);
        deps.out('');
        deps.out(`  ${created.key}`);
        deps.out('');
        deps.err('Copy it now: it is not shown again (only its hash is stored). Where it goes per sender: docs/ingest.md.');
      });
    });
  integration
    .command('list')
    .description('integration keys, newest first, revoked ones included (never the keys)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const items = await admin.listIntegrations();
        if (opts.json) return json(items);
        if (items.length === 0) return deps.out('No integrations. Create one with "incident-response integration create --source pagerduty-events --name NAME".');
        for (const i of items) deps.out(`${i.name}  ${i.source}  ${i.service ?? '-'}  ${i.prefix}…  ${i.revokedAt ? `revoked ${i.revokedAt}` : 'live'}`);
      });
    });
  integration
    .command('revoke')
    .description('revoke a key by name or id; senders using it are refused within seconds')
    .argument('<nameOrId>')
    .option('--json', 'print JSON')
    .action(async (nameOrId: string, opts: { json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const r = await admin.revokeIntegration(nameOrId);
        if (opts.json) return json(r);
        deps.out(`Revoked integration '${r.name}' (${r.id}, ${r.prefix}…).`);
      });
    });

  const silence = program.command('silence').description('silences: hold alerts matching labels for a while (audited)');
  silence
    .command('create')
    .description('silence alerts matching every --match until it expires')
    .requiredOption('--match <matcher>', 'label matcher (repeatable), e.g. alertname=Foo or severity=~"warn|info"', collect, [] as string[])
    .requiredOption('--for <duration>', 'how long, e.g. 2h or "30 minutes"')
    .requiredOption('--reason <text>', 'why, for whoever sees the silence')
    .option('--json', 'print JSON')
    .action(async (opts: { match: string[]; for: string; reason: string; json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const s = await admin.createSilence({ matchers: opts.match, duration: opts.for, reason: opts.reason });
        if (opts.json) return json(s);
        deps.out(`Created silence ${s.id} (${s.matchers.join(', ')}) until ${s.endsAt}: ${s.reason}`);
      });
    });
  silence
    .command('list')
    .description('silences, newest first, expired ones included')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const items = await admin.listSilences();
        if (opts.json) return json(items);
        if (items.length === 0) return deps.out('No silences.');
        for (const s of items) deps.out(`${s.id}  ${s.state}  ${line(s.matchers.join(', '))}  ${s.startsAt} → ${s.endsAt}  by ${line(s.createdBy)}: ${line(s.reason)}`);
      });
    });
  silence
    .command('expire')
    .description('end a silence now')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await deps.withAlertAdmin(cmd, async (admin) => {
        const s = await admin.expireSilence(id);
        if (opts.json) return json(s);
        deps.out(`Silence ${s.id} is ${s.state} (ends ${s.endsAt}).`);
      });
    });
}

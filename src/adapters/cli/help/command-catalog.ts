// What the help adds to the command definitions: the job each top-level verb belongs to, and real
// invocations of each verb. Everything else (usage, flags, values) is read from the definitions.

/** The jobs the top-level help groups verbs by, in the order it lists them. */
export const JOB_GROUPS = [
  'Declare & work an incident',
  'Follow-up',
  'Paging & on-call',
  'Alerts & detection',
  'Status page',
  'Server',
  'Admin & audit',
  'Help and shell',
] as const;
export type JobGroup = (typeof JOB_GROUPS)[number];

/** A verb missing here is listed under this job (a new verb shows up before anyone files it). */
export const DEFAULT_JOB_GROUP: JobGroup = 'Admin & audit';

export const JOB_OF_VERB: Readonly<Record<string, JobGroup>> = {
  list: 'Declare & work an incident', show: 'Declare & work an incident', ack: 'Declare & work an incident',
  mitigate: 'Declare & work an incident', update: 'Declare & work an incident', assign: 'Declare & work an incident',
  step: 'Declare & work an incident', severity: 'Declare & work an incident', type: 'Declare & work an incident',
  resolve: 'Declare & work an incident', reopen: 'Declare & work an incident', close: 'Declare & work an incident',
  note: 'Declare & work an incident', timeline: 'Declare & work an incident', demo: 'Declare & work an incident',
  pir: 'Follow-up', actions: 'Follow-up', ticket: 'Follow-up', rca: 'Follow-up', report: 'Follow-up',
  oncall: 'Paging & on-call', escalation: 'Paging & on-call',
  integration: 'Alerts & detection', silence: 'Alerts & detection', rules: 'Alerts & detection',
  publish: 'Status page', unpublish: 'Status page', 'status-page': 'Status page', maintenance: 'Status page',
  serve: 'Server', token: 'Server', config: 'Server', backup: 'Server', restore: 'Server',
  audit: 'Admin & audit', compliance: 'Admin & audit', import: 'Admin & audit',
  help: 'Help and shell', completion: 'Help and shell', man: 'Help and shell',
};

/**
 * Real invocations of each verb, by command path; 1-3 each. A group without its own (audit, token)
 * shows the first example of each of its verbs; a verb with none shows its usage line.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'incident-response critical outage production --title "Checkout API down" --service checkout',
    'incident-response high security production',
    'incident-response list --status open',
  ],
  list: ['incident-response list --status open', 'incident-response list --severity critical,high --since 24h', 'incident-response list --service checkout --json'],
  show: ['incident-response show INC-2026-1128-001', 'incident-response show 001', 'incident-response show SEC-007 --json'],
  ack: ['incident-response ack INC-2026-1128-001', 'incident-response ack 001'],
  mitigate: ['incident-response mitigate 001 --note "Traffic moved to eu-west"'],
  update: ['incident-response update 001 --status identified --message "Connection pool exhausted"', 'incident-response update 001 --status monitoring -m "Fix deployed, watching error rates"'],
  assign: ['incident-response assign 001 --role commander --to alice', 'incident-response assign 001 --role scribe --to bob'],
  step: ['incident-response step 001 confirm-scope done', 'incident-response step 001 1.2 undo'],
  severity: ['incident-response severity 001 high --reason "EU customers only"'],
  type: ['incident-response type 001 performance --reason "Slow, not down"'],
  resolve: ['incident-response resolve 001 --summary "Pool size restored"'],
  reopen: ['incident-response reopen 001 --reason "Errors are back"'],
  close: ['incident-response close 1127-003'],
  note: ['incident-response note 001 "Rolled back deploy 4812"', 'incident-response note 001 Paged the database team'],
  timeline: ['incident-response timeline 001', 'incident-response timeline INC-2026-1128-001 --json'],
  demo: ['incident-response demo', 'incident-response demo --db /tmp/demo.db'],

  'audit verify': ['incident-response audit verify', 'incident-response audit verify --checkpoints checkpoints.jsonl'],
  'audit checkpoint': ['incident-response audit checkpoint'],
  'audit checkpoints export': ['incident-response audit checkpoints export --out checkpoints.jsonl'],
  'audit keygen': ['incident-response audit keygen --out /etc/incident-response/audit-signing.key'],
  'audit log': ['incident-response audit log --since 24h', 'incident-response audit log --limit 200 --json'],

  'compliance flag': ['incident-response compliance flag SEC-001 gdpr --aware-at "2h ago" --individuals 1200 --high-risk'],
  'compliance notify': ['incident-response compliance notify SEC-001 gdpr --to CNIL --note "Ref 2026-4711"'],
  'compliance export': ['incident-response compliance export SEC-001 --out evidence/SEC-001'],
  'compliance soc2': ['incident-response compliance soc2 --since 90d'],
  'compliance reminders': ['incident-response compliance reminders'],

  'config validate': ['incident-response config validate', 'incident-response config validate incident-response.yaml --json'],
  'config explain': ['incident-response config explain', 'incident-response config explain incident-response.yaml --json'],
  doctor: ['incident-response doctor', 'incident-response doctor --json'],
  'rules test': ['incident-response rules test rules.yaml --series checkout-errors.csv'],

  'token create': ['incident-response token create --name ci --role responder', 'incident-response token create --name secops --role commander --team security'],
  'token list': ['incident-response token list'],
  'token revoke': ['incident-response token revoke ci'],

  publish: ['incident-response publish 001 --impact major --component api --title "Checkout errors"'],
  unpublish: ['incident-response unpublish 001'],
  'status-page export': ['incident-response status-page export --out public/status'],
  serve: ['incident-response serve', 'incident-response serve --port 8080 --host 0.0.0.0'],
  backup: ['incident-response backup --out backups/incident-response-2026-11-28.db'],
  restore: ['incident-response restore backups/incident-response-2026-11-28.db --db restored.db'],

  'pir schedule': ['incident-response pir schedule 1127-003 --at 2026-12-01T15:00Z --attendee "Alice <alice@example.com>" --ics review.ics'],
  'pir show': ['incident-response pir show 1127-003'],
  'pir notes': ['incident-response pir notes 1127-003 "Alerting fired 9 minutes late"'],
  'pir decide': ['incident-response pir decide 1127-003 "Page on pool saturation above 80%"'],
  'pir done': ['incident-response pir done 1127-003 --summary "Three action items agreed"'],
  'actions list': ['incident-response actions list --overdue', 'incident-response actions list --owner alice'],
  'actions add': ['incident-response actions add 001 --title "Alert on pool saturation" --owner alice --due 2026-12-05'],
  'actions update': ['incident-response actions update 001-A1 --status in-progress --owner bob'],
  'actions done': ['incident-response actions done 001-A1 --note "Alert rule merged"'],
  'actions from-rca': ['incident-response actions from-rca 1127-003'],
  'ticket create': ['incident-response ticket create 001 --system jira', 'incident-response ticket create 001 --system servicenow --action 001-A1'],
  'ticket sync': ['incident-response ticket sync'],
  report: ['incident-response report', 'incident-response report --month 2026-11 --out november.html'],
  rca: ['incident-response rca 1127-003', 'incident-response rca 1127-003 --root-cause "Pool too small for Black Friday" --factor "No saturation alert"', 'incident-response rca 1127-003 --out rca.pdf'],

  'integration create': ['incident-response integration create --source alertmanager-webhook --name prom --service checkout'],
  'integration list': ['incident-response integration list'],
  'integration revoke': ['incident-response integration revoke prom'],
  'silence create': ['incident-response silence create --match alertname=DiskFull --for 2h --reason "Disk replacement"'],
  'silence list': ['incident-response silence list'],
  'silence expire': ['incident-response silence expire sil_Xy3kP9aQ2mZt'],
  'maintenance schedule': ['incident-response maintenance schedule --title "Database upgrade" --starts 2026-11-29T02:00Z --ends +90m --components api,db'],
  'maintenance list': ['incident-response maintenance list'],
  'maintenance cancel': ['incident-response maintenance cancel mnt_Hq7LsV2cW8nB'],

  oncall: ['incident-response oncall', 'incident-response oncall --at 2026-12-24T22:00Z --schedule primary'],
  'oncall ical': ['incident-response oncall ical --person alice --days 60 > alice.ics'],
  'escalation preview': ['incident-response escalation preview checkout --severity high', 'incident-response escalation preview checkout --minutes 60 --json'],
  'escalation lint': ['incident-response escalation lint --days 30'],

  help: ['incident-response help', 'incident-response help ack', 'incident-response help audit verify'],
  completion: ['incident-response completion bash > /etc/bash_completion.d/incident-response', 'incident-response completion zsh > "${fpath[1]}/_incident-response"', 'incident-response completion fish > ~/.config/fish/completions/incident-response.fish'],
  man: ['incident-response man > incident-response.1 && man -l incident-response.1'],
};

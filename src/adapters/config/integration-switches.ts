import { z } from 'zod';
import type { IntegrationSwitchNote, ResponseConfig, StakeholderContact } from '../../app/config/index.js';
import { SEVERITIES, type Severity } from '../../domain/classification/index.js';
import type { CommsChannel, StakeholderGroup } from '../../domain/comms/index.js';
import { expectedError } from './config-error-map.js';

// The product description's integration example (`integrations: { slack: { incident_channel … },
// jira: …, statuspage: …, email: …, sms: … }`), accepted as written: each switch is mapped onto the
// real settings (channels, the communication matrix and stakeholders, tickets, the status page,
// paging) and leaves a note saying what it became and what it still needs.

const flag = (description: string) => z.boolean({ error: expectedError('true or false') }).meta({ description }).optional();
const SLACK_CHANNEL = /^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,})$/;

/** Keys merged into `integrations.slack` beside the slash command's. */
export const slackSwitchKeys = {
  incident_channel: z
    .string({ error: expectedError('a Slack channel such as "#incidents"') })
    .regex(SLACK_CHANNEL, 'expected a Slack channel: "#" and a lowercase name such as "#incidents", or a channel id such as C0123ABCD')
    .meta({ description: 'Channel every declaration, status update and resolution is posted to (a Slack contact of the engineering-leads stakeholder group; needs channels.slack).' })
    .optional(),
  war_room_creation: flag('Open a Slack war-room channel for each SEV-1/SEV-2 incident (paging.war_room_severities; false sets it to []). Needs channels.slack.'),
  status_updates: flag('Post status updates to incident_channel as well as declarations and resolutions. Default: true.'),
};

export const jiraSwitchesSchema = z
  .strictObject({
    project_key: z.string({ error: expectedError('a Jira project key such as INC') }).regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key is 2-10 capital letters, digits or "_", starting with a letter (e.g. INC)')
      .meta({ description: 'Must match tickets.jira.project_key, where the Jira site and token are configured.' }).optional(),
    auto_ticket_creation: flag('Open a Jira issue when a SEV-1 or SEV-2 incident is declared (tickets.jira.auto_create), link it back and close it when the incident resolves.'),
    priority_mapping: flag('Jira priority from severity (tickets.jira.priority_mapping).'),
  })
  .meta({ description: 'The product description\'s Jira switches; the connection itself is tickets.jira.' });

export const statusPageSwitchesSchema = z
  .strictObject({
    auto_updates: flag('With page_id: what is published on our page is mirrored to statuspage.io (publishing stays a person\'s decision, "incident-response publish").'),
    component_mapping: flag('With components: our components set their statuspage.io components\' status.'),
  })
  .meta({ description: 'The product description\'s status page switches; the page itself is status_page.' });

export const emailSwitchesSchema = z
  .strictObject({
    executive_notifications: flag('Inform the executive team (SEV-1 and SEV-2) by e-mail; false never informs them. Needs channels.email and an email contact under communication.stakeholders.executive-team.'),
    customer_updates: flag('E-mail external customers; false (the default) leaves customers to the status page.'),
  })
  .meta({ description: 'The product description\'s e-mail switches.' });

export const smsSwitchesSchema = z
  .strictObject({
    critical_only: flag('Stakeholder groups informed by phone/SMS are informed only for SEV-1 (communication.matrix).'),
    on_call_contacts: flag('Page on-call people on the sms contact methods under people (the default). Needs channels.twilio.'),
  })
  .meta({ description: 'The product description\'s SMS switches.' });

export interface IntegrationSwitches {
  readonly slack?: { readonly incidentChannel?: string | undefined; readonly warRoomCreation?: boolean | undefined; readonly statusUpdates?: boolean | undefined };
  readonly jira?: z.output<typeof jiraSwitchesSchema>;
  readonly statuspage?: z.output<typeof statusPageSwitchesSchema>;
  readonly email?: z.output<typeof emailSwitchesSchema>;
  readonly sms?: z.output<typeof smsSwitchesSchema>;
}

export interface SwitchProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

const SEV_WORDS: Record<Severity, string> = { critical: 'SEV-1', high: 'SEV-2', medium: 'SEV-3', low: 'SEV-4' };
const sevList = (list: readonly Severity[]) => {
  const words = list.map((s) => SEV_WORDS[s]);
  return words.length === 0 ? 'no' : words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
};
const informedAt = (pred: (s: Severity) => boolean) => Object.fromEntries(SEVERITIES.map((s) => [s, pred(s)])) as Record<Severity, boolean>;
const yamlInformed = (at: Readonly<Record<Severity, boolean>>) => `{ ${SEVERITIES.map((s) => `${s}: ${at[s]}`).join(', ')} }`;

/**
 * Lays the switches over the configuration built from the rest of the file. Returns the changed
 * configuration, a note per switch, and problems (a switch that contradicts the real setting).
 */
export function applyIntegrationSwitches(base: ResponseConfig, sw: IntegrationSwitches): { config: ResponseConfig; notes: IntegrationSwitchNote[]; problems: SwitchProblem[] } {
  let config = base;
  const notes: IntegrationSwitchNote[] = [];
  const problems: SwitchProblem[] = [];
  const note = (n: IntegrationSwitchNote) => notes.push(n);
  const slackBot = config.channels?.slack !== undefined ? undefined : 'add channels.slack with bot_token_env (the bot token, scopes chat:write, channels:manage)';
  const setMatrix = (group: StakeholderGroup, at: Record<Severity, boolean>, channel?: CommsChannel) => {
    const row = { ...config.paging.matrix[group], informedAt: at, ...(channel === undefined ? {} : { channel }) };
    config = { ...config, paging: { ...config.paging, matrix: { ...config.paging.matrix, [group]: row } } };
  };
  const addContact = (group: StakeholderGroup, contact: StakeholderContact) => {
    const existing = config.paging.stakeholders[group] ?? [];
    if (existing.some((c) => c.channel === contact.channel && c.address === contact.address)) return;
    config = { ...config, paging: { ...config.paging, stakeholders: { ...config.paging.stakeholders, [group]: [...existing, contact] } } };
  };

  // ---- slack
  const slack = sw.slack;
  if (slack?.incidentChannel !== undefined) {
    const channel = slack.incidentChannel;
    if (slack.statusUpdates !== false) addContact('engineering-leads', { channel: 'slack', address: channel, name: channel });
    const leads = config.paging.matrix['engineering-leads'].informedAt;
    note({
      key: 'integrations.slack.incident_channel', value: channel, effect: slack.statusUpdates === false ? 'recorded-only' : 'applied',
      became: slack.statusUpdates === false
        ? `nothing is posted to ${channel}: status_updates is false, and a channel that gets only some messages is not supported; set status_updates: true, or leave incident_channel out`
        : `declarations, status updates and resolutions of ${sevList(SEVERITIES.filter((s) => leads[s]))} incidents are posted to ${channel}`,
      setting: `communication.stakeholders.engineering-leads: [{ channel: slack, address: "${channel}" }]`,
      ...(slackBot ? { needs: slackBot } : {}),
    });
  }
  if (slack?.warRoomCreation !== undefined) {
    const severities = slack.warRoomCreation ? config.paging.warRoomSeverities : [];
    config = { ...config, paging: { ...config.paging, warRoomSeverities: severities } };
    note({
      key: 'integrations.slack.war_room_creation', value: slack.warRoomCreation, effect: slack.warRoomCreation ? 'default' : 'applied',
      became: slack.warRoomCreation ? `a Slack war-room channel opens when a ${sevList(severities)} incident is declared` : 'no war-room channel is opened',
      setting: `paging.war_room_severities: [${severities.join(', ')}]`,
      ...(slack.warRoomCreation && slackBot ? { needs: slackBot } : {}),
    });
  }
  if (slack?.statusUpdates !== undefined) {
    note({
      key: 'integrations.slack.status_updates', value: slack.statusUpdates, effect: slack.statusUpdates ? 'default' : 'applied',
      became: slack.incidentChannel === undefined
        ? 'no channel to post to: add integrations.slack.incident_channel'
        : slack.statusUpdates ? `status updates go to ${slack.incidentChannel} with the declaration and resolution` : `${slack.incidentChannel} is not posted to`,
      setting: 'communication.stakeholders.engineering-leads',
      ...(slack.incidentChannel === undefined ? { needs: 'add integrations.slack.incident_channel, e.g. "#incidents"' } : {}),
    });
  }

  // ---- jira
  const jira = sw.jira;
  const ticketsJira = config.tickets?.jira;
  const jiraNeeds = ticketsJira === undefined
    ? `add tickets.jira with base_url, email, api_token_env and project_key${jira?.project_key ? `: ${jira.project_key}` : ''} (the Jira site, its account and the variable holding the API token)`
    : undefined;
  if (jira?.project_key !== undefined) {
    if (ticketsJira !== undefined && ticketsJira.projectKey !== jira.project_key) {
      problems.push({ path: ['integrations', 'jira', 'project_key'], message: `'${jira.project_key}' differs from tickets.jira.project_key '${ticketsJira.projectKey}'; give one project key in both places, or leave this one out` });
    }
    note({
      key: 'integrations.jira.project_key', value: jira.project_key, effect: 'default',
      became: `tickets are created in the Jira project ${jira.project_key}`, setting: `tickets.jira.project_key: ${jira.project_key}`,
      ...(jiraNeeds ? { needs: jiraNeeds } : {}),
    });
  }
  if (jira?.auto_ticket_creation !== undefined) {
    const current = config.tickets?.jira;
    // On: SEV-1 and SEV-2 incidents get an issue, unless tickets.jira.auto_create names the severities.
    const severities: readonly Severity[] = current !== undefined && current.autoCreateFor.length > 0 ? current.autoCreateFor : ['critical', 'high'];
    if (jira.auto_ticket_creation && current !== undefined) config = { ...config, tickets: { ...config.tickets, jira: { ...current, autoCreateFor: severities } } };
    if (!jira.auto_ticket_creation && current !== undefined) config = { ...config, tickets: { ...config.tickets, jira: { ...current, autoCreateFor: [] } } };
    note({
      key: 'integrations.jira.auto_ticket_creation', value: jira.auto_ticket_creation, effect: jira.auto_ticket_creation ? 'applied' : 'default',
      became: jira.auto_ticket_creation
        ? `a Jira issue is opened when a ${severities.map((s) => SEV_WORDS[s]).join(' or ')} incident is declared, linked back to it and closed when it resolves`
        : 'tickets are opened only with "incident-response ticket create"',
      setting: `tickets.jira.auto_create: [${severities.join(', ')}]`,
      ...(jira.auto_ticket_creation && jiraNeeds ? { needs: jiraNeeds } : {}),
    });
  }
  if (jira?.priority_mapping !== undefined) {
    if (ticketsJira !== undefined && !jira.priority_mapping) config = { ...config, tickets: { ...config.tickets, jira: { ...ticketsJira, priorities: {} } } };
    const priorities = config.tickets?.jira?.priorities;
    note({
      key: 'integrations.jira.priority_mapping', value: jira.priority_mapping, effect: jira.priority_mapping ? 'default' : 'applied',
      became: jira.priority_mapping
        ? `Jira priority follows severity (${priorities && Object.keys(priorities).length > 0 ? SEVERITIES.map((s) => `${SEV_WORDS[s]} ${priorities[s] ?? '-'}`).join(', ') : 'SEV-1 Highest, SEV-2 High, SEV-3 Medium, SEV-4 Low'})`
        : 'tickets get Jira\'s default priority',
      setting: `tickets.jira.priority_mapping: ${jira.priority_mapping}`,
      ...(jiraNeeds ? { needs: jiraNeeds } : {}),
    });
  }

  // ---- statuspage
  const page = sw.statuspage;
  const mirror = config.integrations?.statuspage;
  const pageNeeds = config.statusPage === undefined ? 'add a status_page section with name, url and components (docs/status-page.md)' : undefined;
  const mirrorNeeds = mirror === undefined ? 'add integrations.statuspage.page_id and api_key_env to mirror the page to statuspage.io (docs/integrations.md)' : undefined;
  if (mirror !== undefined) {
    const ours = new Set((config.statusPage?.components ?? []).map((c) => c.id));
    for (const id of Object.keys(mirror.components)) {
      if (!ours.has(id)) problems.push({ path: ['integrations', 'statuspage', 'components', id], message: `'${id}' is not a component of status_page.components${ours.size > 0 ? ` (${[...ours].join(', ')})` : ''}; map our component ids to statuspage.io's` });
    }
  }
  if (page?.auto_updates !== undefined) {
    const isMirrored = page.auto_updates && mirror !== undefined;
    note({
      key: 'integrations.statuspage.auto_updates', value: page.auto_updates, effect: isMirrored ? 'applied' : page.auto_updates ? 'recorded-only' : 'default',
      became: isMirrored
        ? `what is published on our page ("incident-response publish", status updates, resolution) is mirrored to the statuspage.io page ${mirror.pageId}; publishing stays a person's decision`
        : page.auto_updates
          ? 'recorded only: the public page changes when a person publishes ("incident-response publish ID --impact …"); update_status_page() in a trigger rule is written on the timeline as a request'
          : 'the public page changes only when a person publishes',
      setting: isMirrored ? `integrations.statuspage.page_id: ${mirror.pageId}` : 'status_page',
      ...(pageNeeds ? { needs: pageNeeds } : page.auto_updates && mirrorNeeds ? { needs: mirrorNeeds } : {}),
    });
  }
  if (page?.component_mapping !== undefined) {
    const mapped = Object.keys(mirror?.components ?? {});
    const isMapped = page.component_mapping && mapped.length > 0;
    note({
      key: 'integrations.statuspage.component_mapping', value: page.component_mapping, effect: isMapped ? 'applied' : page.component_mapping ? 'recorded-only' : 'default',
      became: isMapped
        ? `${mapped.length === 1 ? `our component ${mapped[0]!} sets its statuspage.io component's` : `our components ${mapped.join(', ')} set their statuspage.io components'`} status from the incident's impact`
        : page.component_mapping
          ? 'recorded only: there is no component map; name the components when publishing ("publish ID --component api") and map them under integrations.statuspage.components'
          : 'components are named when publishing',
      setting: isMapped ? 'integrations.statuspage.components' : 'status_page.components',
      ...(pageNeeds ? { needs: pageNeeds } : page.component_mapping && !isMapped ? { needs: 'add integrations.statuspage.components: { <our component id>: <statuspage.io component id> }' } : {}),
    });
  }

  // ---- email
  const email = sw.email;
  const emailChannel = config.channels?.email === undefined ? 'channels.email (host, from and the SMTP credentials\' variables)' : undefined;
  if (email?.executive_notifications !== undefined) {
    const defaults = config.paging.matrix['executive-team'].informedAt;
    const at = email.executive_notifications ? informedAt((s) => defaults[s] || s === 'critical' || s === 'high') : informedAt(() => false);
    // E-mail, so the executive team's row no longer reads as phone/SMS (which sms.critical_only narrows).
    setMatrix('executive-team', at, email.executive_notifications ? 'slack-email' : undefined);
    const hasContact = (config.paging.stakeholders['executive-team'] ?? []).some((c) => c.channel === 'email');
    const missing = [emailChannel, hasContact ? undefined : 'communication.stakeholders.executive-team: [{ channel: email, address: … }]'].filter((x) => x !== undefined);
    note({
      key: 'integrations.email.executive_notifications', value: email.executive_notifications, effect: 'applied',
      became: email.executive_notifications ? `the executive team is e-mailed about ${sevList(SEVERITIES.filter((s) => at[s]))} incidents` : 'the executive team is not informed',
      setting: `communication.matrix.executive-team: { channel: ${config.paging.matrix['executive-team'].channel}, informed_at: ${yamlInformed(at)} }`,
      ...(email.executive_notifications && missing.length > 0 ? { needs: `add ${missing.join(' and ')}` } : {}),
    });
  }
  if (email?.customer_updates !== undefined) {
    const customers = config.paging.stakeholders['external-customers'] ?? [];
    const hasContact = customers.some((c) => c.channel === 'email');
    if (!email.customer_updates && hasContact) {
      // false means what it says: customer addresses listed for e-mail are not written to.
      config = { ...config, paging: { ...config.paging, stakeholders: { ...config.paging.stakeholders, 'external-customers': customers.filter((c) => c.channel !== 'email') } } };
    }
    const missing = [emailChannel, hasContact ? undefined : 'communication.stakeholders.external-customers: [{ channel: email, address: … }]'].filter((x) => x !== undefined);
    note({
      key: 'integrations.email.customer_updates', value: email.customer_updates, effect: email.customer_updates || hasContact ? 'applied' : 'default',
      became: email.customer_updates
        ? `external customers are e-mailed declarations, status updates and resolutions of ${sevList(SEVERITIES.filter((s) => config.paging.matrix['external-customers'].informedAt[s]))} incidents (communication.matrix.external-customers; never security incidents)`
        : hasContact
          ? 'customers are not e-mailed (the e-mail contacts under communication.stakeholders.external-customers are left out); they read the public status page'
          : 'customers are not e-mailed; they read the public status page',
      setting: 'communication.stakeholders.external-customers',
      ...(email.customer_updates && missing.length > 0 ? { needs: `add ${missing.join(' and ')}` } : {}),
    });
  }

  // ---- sms
  const sms = sw.sms;
  const twilio = config.channels?.twilio === undefined ? 'add channels.twilio (account_sid, auth_token_env, from)' : undefined;
  if (sms?.critical_only !== undefined) {
    const groups = (Object.keys(config.paging.matrix) as StakeholderGroup[]).filter((g) => config.paging.matrix[g].channel === 'phone-sms' || (config.paging.stakeholders[g] ?? []).some((c) => c.channel === 'sms'));
    if (sms.critical_only) for (const g of groups) setMatrix(g, informedAt((s) => s === 'critical' && config.paging.matrix[g].informedAt[s]));
    note({
      key: 'integrations.sms.critical_only', value: sms.critical_only, effect: sms.critical_only && groups.length > 0 ? 'applied' : 'default',
      became: sms.critical_only
        ? `SMS reaches stakeholders only for SEV-1 (${groups.length > 0 ? groups.join(', ') : 'no stakeholder group is informed by SMS now; an sms contact under communication.stakeholders would be'}); pages to on-call people follow their escalation policy at every severity`
        : 'stakeholders informed by SMS are informed at the severities of the communication matrix',
      setting: groups.map((g) => `communication.matrix.${g}.informed_at: ${yamlInformed(config.paging.matrix[g].informedAt)}`).join('; ') || 'communication.matrix',
      ...(sms.critical_only && twilio ? { needs: twilio } : {}),
    });
  }
  if (sms?.on_call_contacts !== undefined) {
    const smsPeople = config.people.filter((p) => p.contactMethods.some((m) => m.kind === 'sms' && m.isVerified)).length;
    note({
      key: 'integrations.sms.on_call_contacts', value: sms.on_call_contacts, effect: sms.on_call_contacts ? 'default' : 'recorded-only',
      became: sms.on_call_contacts
        ? `on-call people are paged by SMS on the verified sms contact methods under people (${smsPeople} ${smsPeople === 1 ? 'person has' : 'people have'} one)`
        : 'recorded only: to stop SMS pages, remove the sms contact methods (or notification rules) of the people concerned',
      setting: 'people.<id>.contact_methods: [{ kind: sms, … }]',
      ...(sms.on_call_contacts && twilio ? { needs: twilio } : {}),
    });
  }

  return { config: notes.length > 0 ? { ...config, integrationSwitches: notes } : config, notes, problems };
}

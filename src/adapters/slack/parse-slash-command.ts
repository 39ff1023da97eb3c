import {
  ENVIRONMENTS, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES, findEnvironment, findIncidentType, findSeverity,
  parseEnvironment, parseIncidentType, parsePublicStatus, parseSeverity,
  type Environment, type IncidentType, type PublicStatus, type Severity,
} from '../../domain/classification/index.js';
import { AppError, didYouMean, unknownValueMessage } from '../../domain/errors/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { WordScanner, type Word } from './word-scanner.js';

export type SlashCommand =
  | {
    readonly kind: 'declare';
    readonly severity: Severity;
    readonly type: IncidentType;
    readonly environment: Environment;
    readonly title?: string;
    readonly service?: string;
  }
  | { readonly kind: 'status'; readonly id: string }
  | { readonly kind: 'ack'; readonly id: string }
  | { readonly kind: 'update'; readonly id: string; readonly status: PublicStatus; readonly message: string }
  | { readonly kind: 'resolve'; readonly id: string; readonly summary: string }
  | {
    readonly kind: 'oncall-override';
    readonly scheduleId: string;
    readonly personId: string;
    readonly from: string;
    readonly to: string;
    readonly replacesPersonId?: string;
    readonly note?: string;
  }
  | { readonly kind: 'oncall-override-list'; readonly scheduleId?: string }
  | { readonly kind: 'oncall-override-delete'; readonly id: string }
  | { readonly kind: 'help' };

export type SlashCommandKind = SlashCommand['kind'];

const VERBS: Record<string, SlashCommandKind> = {
  declare: 'declare', status: 'status', show: 'status', ack: 'ack', acknowledge: 'ack',
  update: 'update', resolve: 'resolve', help: 'help', oncall: 'oncall-override',
};
const EXAMPLE_ID = 'INC-2026-1128-001';

/**
 * Reads the text after the slash command:
 *   critical outage production --title "Checkout API down" --service checkout
 *   critical outage production Checkout API down        (the words after the environment are the title)
 *   status ID · ack ID · help
 *   update ID --status identified --message "…"  ·  update ID identified: the message
 *   resolve ID --summary "…"  ·  resolve ID the summary
 * Mistakes throw AppError VALIDATION with the domain's did-you-mean wording and a usage hint.
 */
export function parseSlashCommand(text: string, command = '/incident-response'): SlashCommand {
  const usage = (m: string) => new AppError('VALIDATION', m, { hint: `Try "${command} help".` });
  const scanner = new WordScanner(decodeSlackEntities(text));
  const first = scanner.next();
  if (first === undefined) return { kind: 'help' };
  const verb = first.quoted ? undefined : VERBS[first.value.toLowerCase()];
  try {
    switch (verb) {
      case 'help':
        return { kind: 'help' };
      case 'status':
      case 'ack': {
        const id = readId(scanner, verb, command);
        const extra = scanner.next();
        if (extra !== undefined) throw usage(`unexpected '${extra.value}' after the incident id; ${command} ${first.value} takes only the id`);
        return { kind: verb, id };
      }
      case 'update':
        return readUpdate(scanner, command);
      case 'resolve':
        return readResolve(scanner, command);
      case 'declare':
        return readDeclare(scanner.words(), command);
      case 'oncall-override':
        return readOnCallOverride(scanner, command);
      case undefined: {
        if (!first.quoted && !isClassificationWord(first.value)) {
          const guess = didYouMean(first.value, [...Object.keys(VERBS), ...SEVERITIES, ...INCIDENT_TYPES, ...ENVIRONMENTS]);
          if (guess !== undefined && VERBS[guess] !== undefined) {
            throw usage(`unknown command '${first.value}' — did you mean '${guess}'?`);
          }
        }
        return readDeclare([first, ...scanner.words()], command);
      }
      default:
        // The list and delete forms are read after `oncall override`, never as a first word.
        throw usage(`unknown command '${first.value}'`);
    }
  } catch (e) {
    // The domain parsers' messages are right; add how to get help where they do not say it.
    if (e instanceof AppError && e.hint === undefined) throw new AppError(e.code, e.message, { issues: e.issues, hint: `Try "${command} help".` });
    throw e;
  }
}

/** Slack sends `&`, `<` and `>` in `text` as HTML entities. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function isClassificationWord(w: string): boolean {
  return findSeverity(w) !== undefined || findIncidentType(w) !== undefined || findEnvironment(w) !== undefined;
}

function readId(scanner: WordScanner, verb: string, command: string): string {
  const w = scanner.next();
  if (w === undefined) {
    throw new AppError('VALIDATION', `${verb} needs an incident id, e.g. ${command} ${verb} ${EXAMPLE_ID}`, { issues: [{ path: 'id', message: 'missing' }] });
  }
  return parseIncidentId(w.value);
}

const OPTION = /^(?:--|—|–)([a-z][a-z-]*)(?:=([\s\S]*))?$/i;

/** Options (`--name value`, `--name=value`, and `—name` as phones type it) and the other words. */
function readOptions(words: readonly Word[], allowed: readonly string[], verb: string): { options: Map<string, string>; rest: string[] } {
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = w.quoted ? null : OPTION.exec(w.value);
    if (m === null) {
      rest.push(w.value);
      continue;
    }
    const name = m[1]!.toLowerCase();
    if (!allowed.includes(name)) {
      throw new AppError('VALIDATION', unknownValueMessage(`option for ${verb}`, `--${name}`, allowed.map((a) => `--${a}`)), {
        issues: [{ path: name, message: 'unknown option' }],
      });
    }
    if (options.has(name)) throw new AppError('VALIDATION', `--${name} is given twice`, { issues: [{ path: name, message: 'given twice' }] });
    let value = m[2];
    if (value === undefined) {
      const next = words[i + 1];
      if (next === undefined || (!next.quoted && OPTION.test(next.value))) {
        throw new AppError('VALIDATION', `--${name} needs a value, e.g. --${name} "…"`, { issues: [{ path: name, message: 'missing value' }] });
      }
      value = next.value;
      i++;
    }
    options.set(name, value);
  }
  return { options, rest };
}

function readDeclare(words: readonly Word[], command: string): SlashCommand {
  const { options, rest } = readOptions(words, ['title', 'service'], 'declare');
  let severity: Severity | undefined;
  let type: IncidentType | undefined;
  let environment: Environment | undefined;
  const titleWords: string[] = [];
  for (const w of rest) {
    if (titleWords.length === 0 && severity === undefined && findSeverity(w) !== undefined) severity = findSeverity(w);
    else if (titleWords.length === 0 && type === undefined && findIncidentType(w) !== undefined) type = findIncidentType(w);
    else if (titleWords.length === 0 && environment === undefined && findEnvironment(w) !== undefined) environment = findEnvironment(w);
    else if (severity === undefined) parseSeverity(w); // throws with its did-you-mean
    else if (type === undefined) parseIncidentType(w);
    else if (environment === undefined) parseEnvironment(w);
    else titleWords.push(w);
  }
  if (severity === undefined || type === undefined || environment === undefined) {
    const missing = [
      severity === undefined ? `a severity (${SEVERITIES.join(', ')})` : undefined,
      type === undefined ? `a type (${INCIDENT_TYPES.join(', ')})` : undefined,
      environment === undefined ? `an environment (${ENVIRONMENTS.join(', ')})` : undefined,
    ].filter((m) => m !== undefined);
    throw new AppError('VALIDATION', `to declare an incident give ${missing.join(', ')}, e.g. ${command} critical outage production --title "Checkout API down"`, {
      issues: [{ path: 'text', message: `missing ${missing.join(', ')}` }],
    });
  }
  const optionTitle = options.get('title');
  if (optionTitle !== undefined && titleWords.length > 0) {
    throw new AppError('VALIDATION', `the title is given twice: as --title and as '${titleWords.join(' ')}'; use one`, { issues: [{ path: 'title', message: 'given twice' }] });
  }
  const title = (optionTitle ?? titleWords.join(' ')).trim();
  const service = options.get('service')?.trim();
  return {
    kind: 'declare', severity, type, environment,
    ...(title === '' ? {} : { title }),
    ...(service === undefined || service === '' ? {} : { service }),
  };
}

function readUpdate(scanner: WordScanner, command: string): SlashCommand {
  const id = readId(scanner, 'update', command);
  const example = `${command} update ${id} identified: the cause is a bad deploy`;
  const first = scanner.next();
  if (first === undefined) {
    throw new AppError('VALIDATION', `update needs a status (${PUBLIC_STATUSES.join(', ')}) and a message, e.g. ${example}`, { issues: [{ path: 'message', message: 'missing' }] });
  }
  let status: PublicStatus;
  let message: string;
  if (!first.quoted && OPTION.test(first.value)) {
    const { options, rest } = readOptions([first, ...scanner.words()], ['status', 'message'], 'update');
    const statusWord = options.get('status');
    if (statusWord === undefined) throw new AppError('VALIDATION', `update needs --status (${PUBLIC_STATUSES.join(', ')})`, { issues: [{ path: 'status', message: 'missing' }] });
    status = parsePublicStatus(statusWord);
    message = oneOf(options.get('message'), rest, 'message');
  } else {
    // "identified: the message", "identified:the message" or "identified the message".
    const colon = first.quoted ? -1 : first.value.indexOf(':');
    status = parsePublicStatus(colon === -1 ? first.value : first.value.slice(0, colon));
    message = scanner.rawFrom(colon === -1 ? first.end : first.start + colon + 1);
  }
  if (message === '') throw new AppError('VALIDATION', `update needs a message after the status, e.g. ${example}`, { issues: [{ path: 'message', message: 'missing' }] });
  return { kind: 'update', id, status, message };
}

function readResolve(scanner: WordScanner, command: string): SlashCommand {
  const id = readId(scanner, 'resolve', command);
  const first = scanner.next();
  let summary = '';
  if (first !== undefined && !first.quoted && OPTION.test(first.value)) {
    const { options, rest } = readOptions([first, ...scanner.words()], ['summary'], 'resolve');
    summary = oneOf(options.get('summary'), rest, 'summary');
  } else if (first !== undefined) {
    summary = scanner.rawFrom(first.start);
  }
  if (summary === '') {
    throw new AppError('VALIDATION', `resolve needs a summary of what fixed it, e.g. ${command} resolve ${id} rolled back the deploy`, { issues: [{ path: 'summary', message: 'missing' }] });
  }
  return { kind: 'resolve', id, summary };
}

/**
 *   oncall override --schedule primary --person bob --from "2026-11-28 22:00" --to "2026-11-29 08:00" [--replaces alice] [--note "…"]
 *   oncall override list [--schedule primary]  ·  oncall override delete ovr_…
 */
function readOnCallOverride(scanner: WordScanner, command: string): SlashCommand {
  const example = `${command} oncall override --schedule primary --person bob --from "2026-11-28 22:00" --to "2026-11-29 08:00"`;
  const sub = scanner.next();
  if (sub === undefined || sub.quoted || sub.value.toLowerCase() !== 'override') {
    throw new AppError('VALIDATION', `oncall takes 'override', e.g. ${example}`, { issues: [{ path: 'text', message: 'expected override' }] });
  }
  const words = scanner.words();
  const action = words[0] !== undefined && !words[0].quoted ? words[0].value.toLowerCase() : undefined;
  if (action === 'list') {
    const { options, rest } = readOptions(words.slice(1), ['schedule'], 'oncall override list');
    if (rest.length > 0) throw new AppError('VALIDATION', `unexpected '${rest.join(' ')}' after oncall override list`, { issues: [{ path: 'text', message: 'unexpected words' }] });
    const scheduleId = options.get('schedule')?.trim();
    return { kind: 'oncall-override-list', ...(scheduleId === undefined || scheduleId === '' ? {} : { scheduleId }) };
  }
  if (action === 'delete') {
    const id = words[1]?.value.trim();
    if (id === undefined || id === '' || words.length > 2) {
      throw new AppError('VALIDATION', `oncall override delete takes one override id, e.g. ${command} oncall override delete ovr_abc123`, { issues: [{ path: 'id', message: 'one id expected' }] });
    }
    return { kind: 'oncall-override-delete', id };
  }
  const { options, rest } = readOptions(words, ['schedule', 'person', 'from', 'to', 'replaces', 'note'], 'oncall override');
  if (rest.length > 0) throw new AppError('VALIDATION', `unexpected '${rest.join(' ')}'; quote times with spaces, e.g. ${example}`, { issues: [{ path: 'text', message: 'unexpected words' }] });
  const missing = (['schedule', 'person', 'from', 'to'] as const).filter((k) => (options.get(k) ?? '').trim() === '');
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `oncall override needs ${missing.map((m) => `--${m}`).join(', ')}, e.g. ${example}`, { issues: missing.map((m) => ({ path: m, message: 'required' })) });
  }
  const replaces = options.get('replaces')?.trim();
  const note = options.get('note')?.trim();
  return {
    kind: 'oncall-override', scheduleId: options.get('schedule')!.trim(), personId: options.get('person')!.trim(), from: options.get('from')!, to: options.get('to')!,
    ...(replaces === undefined || replaces === '' ? {} : { replacesPersonId: replaces }),
    ...(note === undefined || note === '' ? {} : { note }),
  };
}

function oneOf(option: string | undefined, words: readonly string[], name: string): string {
  if (option !== undefined && words.length > 0) {
    throw new AppError('VALIDATION', `the ${name} is given twice: as --${name} and as '${words.join(' ')}'; use one`, { issues: [{ path: name, message: 'given twice' }] });
  }
  return (option ?? words.join(' ')).trim();
}

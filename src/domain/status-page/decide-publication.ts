import { AppError, unknownValueMessage } from '../errors/index.js';
import { TITLE_MAX, type IncidentEventData, type IncidentState, type PublicImpact } from '../incident/index.js';

export interface PublishInput {
  /** The public title; defaults to the incident's title, except for security incidents (required there). */
  readonly title?: string;
  readonly componentIds: readonly string[];
  readonly impact: PublicImpact;
}

/**
 * Publishing puts a production incident on the public status page, or changes what it shows
 * there. Publishing the same thing again records nothing.
 */
export function decidePublish(state: IncidentState, input: PublishInput, knownComponentIds: readonly string[]): IncidentEventData[] {
  if (state.environment !== 'production') {
    throw new AppError('INVALID_TRANSITION', `Cannot publish ${state.id}: it is a ${state.environment} incident, and only production incidents appear on the status page.`);
  }
  if (state.status === 'closed') throw new AppError('INVALID_TRANSITION', `Cannot publish ${state.id}: it is closed.`);
  if (input.title === undefined && state.incidentType === 'security') {
    throw new AppError('VALIDATION', `${state.id} is a security incident: give the public title with --title, so the internal one is never shown.`, { issues: [{ path: 'title', message: 'required for security incidents' }] });
  }
  const title = (input.title ?? state.title).trim();
  if (title === '' || title.length > TITLE_MAX) {
    throw new AppError('VALIDATION', `the public title must be 1–${TITLE_MAX} characters`, { issues: [{ path: 'title', message: 'empty or too long' }] });
  }
  if (knownComponentIds.length === 0) {
    throw new AppError('VALIDATION', 'No status page is configured: add a status_page section with its components to incident-response.yaml (see docs/status-page.md).');
  }
  const componentIds = [...new Set(input.componentIds)];
  componentIds.forEach((id, i) => {
    if (!knownComponentIds.includes(id)) {
      throw new AppError('VALIDATION', unknownValueMessage('component', id, knownComponentIds), { issues: [{ path: `componentIds.${i}`, message: `unknown component '${id}'` }] });
    }
  });
  const current = state.publication;
  if (current !== undefined && current.title === title && current.impact === input.impact && sameSet(current.componentIds, componentIds)) return [];
  return [{ kind: 'published', title, componentIds, impact: input.impact }];
}

/** Taking an incident off the page; one that is not on it records nothing. */
export function decideUnpublish(state: IncidentState): IncidentEventData[] {
  return state.publication === undefined ? [] : [{ kind: 'unpublished' }];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

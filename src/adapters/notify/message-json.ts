import type { MessageIncident, OutboundMessage } from '../../app/ports/index.js';

/** The incident as JSON for structured channels: instants as ISO-8601. */
export function incidentJson(incident: MessageIncident): Record<string, unknown> {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    severity_label: incident.severityLabel,
    incident_type: incident.incidentType,
    environment: incident.environment,
    ...(incident.service === undefined ? {} : { service: incident.service }),
    status: incident.status,
    declared_at: new Date(incident.declaredAt).toISOString(),
    ...(incident.url === undefined ? {} : { url: incident.url }),
  };
}

/** The message as JSON; the attempt number is left out so the body is the same on every retry. */
export function messageJson(message: OutboundMessage): Record<string, unknown> {
  return {
    id: message.id,
    purpose: message.purpose,
    subject: message.subject,
    text: message.text,
    ...(message.recipientName === undefined ? {} : { recipient_name: message.recipientName }),
    ...(message.ack === undefined ? {} : { ack_url: message.ack.url }),
    created_at: new Date(message.createdAt).toISOString(),
  };
}

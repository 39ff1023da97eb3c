import type { WorkflowSet } from './workflow-template.js';

/**
 * The five response workflows. Outage and security follow the product description word for word;
 * performance, data and integration are written in the same spirit: a short first phase that stops
 * the damage and opens communication, a diagnosis phase, then recovery with verification.
 */
export const DEFAULT_WORKFLOWS: WorkflowSet = {
  outage: {
    type: 'outage',
    title: 'System Outage Response Workflow',
    phases: [
      {
        key: 'immediate', title: 'Immediate Actions', marker: 'OK', startMin: 0, endMin: 15,
        steps: [
          { key: 'confirm-scope', title: 'Confirm incident scope and impact' },
          { key: 'activate-team', title: 'Activate incident response team', action: 'page_oncall_engineer()' },
          { key: 'establish-comms', title: 'Establish communication channels', action: 'start_war_room()' },
          { key: 'emergency-procedures', title: 'Implement emergency procedures' },
          { key: 'status-page', title: 'Begin status page updates', action: "update_status_page('investigating')" },
        ],
      },
      {
        key: 'investigation', title: 'Investigation Phase', marker: 'SCAN', startMin: 15, endMin: 60,
        steps: [
          { key: 'gather-metrics', title: 'Gather system metrics and logs', action: 'begin_log_collection()' },
          { key: 'root-cause-hypothesis', title: 'Identify root cause hypothesis' },
          { key: 'test-quick-fixes', title: 'Test quick resolution strategies' },
          { key: 'escalate-teams', title: 'Escalate to additional teams if needed' },
          { key: 'document-findings', title: 'Document findings and actions' },
        ],
      },
      {
        key: 'resolution', title: 'Resolution Phase', marker: 'TOOLS', startMin: 60,
        steps: [
          { key: 'primary-fix', title: 'Implement primary fix' },
          { key: 'verify-functionality', title: 'Verify system functionality' },
          { key: 'monitor-secondary', title: 'Monitor for secondary issues' },
          { key: 'restore-traffic', title: 'Gradual traffic restoration' },
          { key: 'confirm-resolution', title: 'Confirm full resolution' },
        ],
      },
    ],
  },
  security: {
    type: 'security',
    title: 'Security Incident Response Workflow',
    phases: [
      {
        key: 'immediate', title: 'Immediate Response', marker: 'ALERT', startMin: 0, endMin: 30,
        steps: [
          { key: 'isolate-systems', title: 'Isolate affected systems', action: 'isolate_suspicious_sources()' },
          { key: 'preserve-evidence', title: 'Preserve evidence and logs' },
          { key: 'notify-security', title: 'Notify security team and management', action: 'alert_security_team()' },
          { key: 'activate-procedures', title: 'Activate security incident procedures' },
          { key: 'forensic-collection', title: 'Begin forensic data collection', action: 'begin_log_collection()' },
        ],
      },
      {
        key: 'assessment', title: 'Assessment Phase', marker: 'SCAN', startMin: 30, endMin: 120,
        steps: [
          { key: 'assess-scope', title: 'Assess scope of compromise' },
          { key: 'attack-vectors', title: 'Identify attack vectors' },
          { key: 'data-exposure', title: 'Evaluate data exposure' },
          { key: 'legal-implications', title: 'Determine legal/regulatory implications' },
          { key: 'external-parties', title: 'Coordinate with external parties if needed' },
        ],
      },
      {
        key: 'containment', title: 'Containment & Recovery', marker: 'SECURITY', startMin: 120, endMin: 1440,
        steps: [
          { key: 'security-controls', title: 'Implement security controls' },
          { key: 'remove-malicious', title: 'Remove malicious elements' },
          { key: 'restore-clean-backups', title: 'Restore systems from clean backups' },
          { key: 'apply-patches', title: 'Apply security patches' },
          { key: 'enhance-monitoring', title: 'Enhance monitoring and detection' },
        ],
      },
    ],
  },
  performance: {
    type: 'performance',
    title: 'Performance Degradation Response Workflow',
    phases: [
      {
        key: 'triage', title: 'Triage', marker: 'OK', startMin: 0, endMin: 30,
        steps: [
          { key: 'confirm-degradation', title: 'Confirm the degradation against baseline (latency, errors, throughput)' },
          { key: 'identify-affected', title: 'Identify affected endpoints, regions and customers' },
          { key: 'recent-changes', title: 'Check recent deploys, configuration and traffic changes' },
          { key: 'protect-capacity', title: 'Protect capacity: shed load, rate-limit or scale out' },
          { key: 'status-page', title: 'Begin status page updates if customers notice', action: "update_status_page('investigating')" },
        ],
      },
      {
        key: 'diagnosis', title: 'Diagnosis Phase', marker: 'SCAN', startMin: 30, endMin: 120,
        steps: [
          { key: 'profile-hot-path', title: 'Profile the hot path (traces, slow queries, CPU and memory)', action: 'begin_log_collection()' },
          { key: 'check-saturation', title: 'Check resource saturation and downstream dependencies' },
          { key: 'root-cause-hypothesis', title: 'Identify root cause hypothesis' },
          { key: 'canary-mitigation', title: 'Test the mitigation on a canary' },
          { key: 'document-findings', title: 'Document findings and actions' },
        ],
      },
      {
        key: 'recovery', title: 'Optimization & Recovery', marker: 'TOOLS', startMin: 120,
        steps: [
          { key: 'apply-fix', title: 'Roll out the fix or roll back the change' },
          { key: 'verify-baseline', title: 'Verify latency and error rate are back to baseline' },
          { key: 'remove-mitigations', title: 'Remove temporary mitigations gradually' },
          { key: 'review-thresholds', title: 'Review capacity plans and alert thresholds' },
          { key: 'confirm-resolution', title: 'Confirm full resolution' },
        ],
      },
    ],
  },
  data: {
    type: 'data',
    title: 'Data Incident Response Workflow',
    phases: [
      {
        key: 'containment', title: 'Containment', marker: 'ALERT', startMin: 0, endMin: 30,
        steps: [
          { key: 'stop-writes', title: 'Stop the writes doing damage (pause jobs, feature flags, read-only mode)' },
          { key: 'snapshot', title: 'Snapshot affected stores before any repair' },
          { key: 'preserve-logs', title: 'Preserve audit, change and replication logs' },
          { key: 'notify-data-owners', title: 'Notify data owners' },
          { key: 'establish-comms', title: 'Establish communication channels', action: 'start_war_room()' },
        ],
      },
      {
        key: 'assessment', title: 'Assessment Phase', marker: 'SCAN', startMin: 30, endMin: 240,
        steps: [
          { key: 'assess-scope', title: 'Assess scope of corruption or loss (datasets, rows, time range)' },
          { key: 'identify-cause', title: 'Identify the cause (bad deploy, job, migration, manual change)' },
          { key: 'verify-backups', title: 'Verify backups and replication points are intact' },
          { key: 'regulated-data', title: 'Determine whether personal or regulated data is affected' },
          { key: 'recovery-plan', title: 'Agree the recovery plan with data owners' },
        ],
      },
      {
        key: 'recovery', title: 'Recovery & Reconciliation', marker: 'TOOLS', startMin: 240,
        steps: [
          { key: 'restore-backfill', title: 'Restore or backfill the affected data' },
          { key: 'reconcile', title: 'Reconcile against source systems and checksums' },
          { key: 'resume-writes', title: 'Re-enable writes and paused jobs' },
          { key: 'notify-outcome', title: 'Notify data owners and affected customers of the outcome' },
          { key: 'confirm-integrity', title: 'Confirm data integrity' },
        ],
      },
    ],
  },
  integration: {
    type: 'integration',
    title: 'Integration Failure Response Workflow',
    phases: [
      {
        key: 'triage', title: 'Triage', marker: 'OK', startMin: 0, endMin: 15,
        steps: [
          { key: 'identify-integration', title: 'Identify the failing integration and its direction (inbound or outbound)' },
          { key: 'provider-status', title: "Check the provider's status page and recent notices" },
          { key: 'confirm-impact', title: 'Confirm impact on dependent features and customers' },
          { key: 'enable-fallback', title: 'Enable fallback, circuit breaker or queueing' },
          { key: 'status-page', title: 'Begin status page updates if customers are affected', action: "update_status_page('investigating')" },
        ],
      },
      {
        key: 'diagnosis', title: 'Diagnosis Phase', marker: 'SCAN', startMin: 15, endMin: 60,
        steps: [
          { key: 'inspect-errors', title: 'Inspect error responses, timeouts and rate limits' },
          { key: 'check-credentials', title: 'Check credentials, certificates and API version changes' },
          { key: 'contact-vendor', title: 'Contact the vendor with request ids and timestamps' },
          { key: 'workaround', title: 'Test a workaround or alternate provider' },
          { key: 'document-findings', title: 'Document findings and actions' },
        ],
      },
      {
        key: 'recovery', title: 'Recovery Phase', marker: 'TOOLS', startMin: 60,
        steps: [
          { key: 'restore-integration', title: 'Restore the integration' },
          { key: 'replay-backlog', title: 'Replay queued or failed messages' },
          { key: 'reconcile', title: 'Reconcile records between the systems' },
          { key: 'disable-fallback', title: 'Disable the fallback' },
          { key: 'confirm-resolution', title: 'Confirm full resolution' },
        ],
      },
    ],
  },
};

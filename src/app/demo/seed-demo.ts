import { epochMs, MINUTE, type EpochMs } from '../../domain/time/index.js';
import type { ResponseConfig } from '../config/index.js';
import { IncidentService } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';

/**
 * A few incidents that show the product working: one critical outage in progress with an
 * overdue update, a performance incident being monitored, and a resolved data incident.
 * Seeds only an empty store, so running the demo twice changes nothing.
 */
export async function seedDemo(store: IncidentStore, config: ResponseConfig, now: EpochMs): Promise<number> {
  if ((await store.listIncidents({ limit: 1 })).length > 0) return 0;
  let at = now;
  const svc = new IncidentService(store, { now: () => at }, config);
  const when = (minutesAgo: number) => { at = epochMs(now - minutesAgo * MINUTE); };

  when(26 * 60);
  const data = await svc.declare({ severity: 'medium', incidentType: 'data', environment: 'production', service: 'billing', title: 'Duplicate invoice lines after nightly job' }, { name: 'dana' });
  const dataId = data.view.incident.id;
  when(26 * 60 - 20); await svc.acknowledge(dataId, { name: 'dana' });
  when(26 * 60 - 25); await svc.setStep(dataId, 'stop-writes', true, { name: 'dana' });
  when(26 * 60 - 30); await svc.setStep(dataId, 'snapshot', true, { name: 'dana' });
  when(22 * 60); await svc.postStatusUpdate(dataId, 'identified', 'The nightly invoicing job ran twice; duplicates are being removed.', { name: 'dana' });
  when(20 * 60); await svc.resolve(dataId, 'Duplicates removed and reconciled against the ledger; job made idempotent.', { name: 'dana' });

  when(2 * 60);
  const perf = await svc.declare({ severity: 'high', incidentType: 'performance', environment: 'production', service: 'search', title: 'Search p99 latency above 4 s' }, { name: 'priya' });
  const perfId = perf.view.incident.id;
  when(2 * 60 - 10); await svc.acknowledge(perfId, { name: 'priya' });
  await svc.assignRole(perfId, 'commander', 'priya', { name: 'priya' });
  when(90); await svc.postStatusUpdate(perfId, 'identified', 'A slow query after the index rebuild; rolling back.', { name: 'priya' });
  when(40); await svc.mitigate(perfId, 'Rolled back to the previous index', { name: 'priya' });
  await svc.postStatusUpdate(perfId, 'monitoring', 'Latency is back to normal; we are watching it.', { name: 'priya' });

  when(45);
  const outage = await svc.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout', title: 'Checkout API down', impactStartedAt: epochMs(now - 50 * MINUTE) }, { name: 'alice' });
  const outageId = outage.view.incident.id;
  when(42); await svc.acknowledge(outageId, { name: 'bob' });
  await svc.assignRole(outageId, 'commander', 'alice', { name: 'alice' });
  await svc.assignRole(outageId, 'communications', 'carol', { name: 'alice' });
  when(40); await svc.setStep(outageId, 'confirm-scope', true, { name: 'bob' });
  await svc.setStep(outageId, 'activate-team', true, { name: 'alice' });
  when(38); await svc.postStatusUpdate(outageId, 'investigating', 'Users cannot complete checkout. We are investigating.', { name: 'carol' });
  when(30); await svc.setStep(outageId, 'establish-comms', true, { name: 'alice' });
  return 3;
}

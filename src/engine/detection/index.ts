// Live detection: evaluates the trigger rules every interval on an injected clock and runs the
// actions of the rules that fire; pushed metrics are evaluated promptly. Tests drive tick() on a
// manual clock.
export { DETECTION_LEASE, DetectionEngine, PROMPT_DELAY_MS } from './detection-engine.js';
export type { DetectionEngineDeps, DetectionLeadership, EngineLog, TickReport, TickScheduler } from './detection-engine.js';

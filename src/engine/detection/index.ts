// Live detection: evaluates the trigger rules every interval on an injected clock and runs the
// actions of the rules that fire; pushed metrics are evaluated promptly. Tests drive tick() on a
// manual clock.
export { DetectionEngine, PROMPT_DELAY_MS } from './detection-engine.js';
export type { DetectionEngineDeps, EngineLog, TickReport, TickScheduler } from './detection-engine.js';

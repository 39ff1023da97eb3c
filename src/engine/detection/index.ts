// Live detection: evaluates the trigger rules every interval on an injected clock and runs the
// actions of the rules that fire. Tests drive tick() on a manual clock.
export { DetectionEngine } from './detection-engine.js';
export type { DetectionEngineDeps, EngineLog, TickReport } from './detection-engine.js';

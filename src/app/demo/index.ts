// Demonstration data for a first run.
export { seedDemo } from './seed-demo.js';

// Contact-method tests: a test message through the real channels, its outcome recorded, and the
// methods never tested or failing in the last 30 days.
export { ContactTests } from './contact-tests.js';
export type { ContactTestDto } from './contact-tests.js';

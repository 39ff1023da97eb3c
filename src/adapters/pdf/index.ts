// Documents as PDF: the RCA's HTML printed by headless Chromium (playwright-core, Debian's chromium).
export { printHtmlToPdf, DEFAULT_CHROMIUM_PATH, CHROMIUM_ARGS } from './print-html-to-pdf.js';
export type { PrintOptions } from './print-html-to-pdf.js';

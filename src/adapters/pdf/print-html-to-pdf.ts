import { AppError } from '../../domain/errors/index.js';

/** Debian's chromium; playwright-core drives it and downloads no browser of its own. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** A headless browser that reaches nothing: the document is self-contained and printed offline. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
] as const;

export interface PrintOptions {
  /** Default /usr/bin/chromium (env IR_CHROMIUM_PATH in src/main). */
  readonly executablePath?: string;
  readonly timeoutMs?: number;
}

/**
 * Prints a self-contained HTML document to an A4 PDF with headless Chromium. Every network
 * request the page would make is refused, so printing never fetches anything.
 */
export async function printHtmlToPdf(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const timeout = options.timeoutMs ?? 30_000;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true, timeout }).catch((e: unknown) => {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new AppError('INTERNAL', `Cannot start Chromium at ${executablePath} to print the PDF: ${why}`, {
      hint: 'Install it (Debian: apt-get install chromium) or point IR_CHROMIUM_PATH at a Chromium executable.',
    });
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

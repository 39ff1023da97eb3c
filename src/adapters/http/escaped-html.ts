// Small server-rendered pages of the public routes (acknowledgement links, status subscriptions),
// built with a tagged template that escapes every interpolated value unless it is already `Safe`.

/** Markup that is already escaped. */
export class Safe {
  constructor(readonly text: string) {}
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escapes every interpolated value: a forgotten call cannot become an injection. */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | Safe)[]): Safe {
  let out = strings[0] ?? '';
  values.forEach((v, i) => { out += (v instanceof Safe ? v.text : escapeHtml(String(v))) + (strings[i + 1] ?? ''); });
  return new Safe(out);
}

/** Text for XML (TwiML): the same escaping. */
export const escapeXml = escapeHtml;

/** A whole page: a heading and the body, readable on a phone, never indexed. */
export function htmlPage(title: string, body: Safe): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>:root{color-scheme:light dark}body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:36rem}@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}a{color:#9cc4ff}}h1{font-size:1.4rem}button{font:inherit;padding:.7rem 1.2rem;border-radius:.4rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`.text;
}

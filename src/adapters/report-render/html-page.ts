import { escapeHtml } from './escape-html.js';

/** A self-contained HTML page: inline CSS, no scripts, no external requests. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d232a; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c9d0d8; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #eef2f6; }
.muted { color: #5b6673; }
.annotation { color: #5b6673; font-style: italic; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

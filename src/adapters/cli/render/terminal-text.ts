// Text from users (titles, notes, alert text, names) on its way to a terminal: control characters
// and escape sequences are made visible or removed, so a title cannot recolour, move the cursor,
// retitle the window or break a table row; and widths are measured as the terminal displays them.
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

/**
 * `line`: one table cell or one-line field. Line breaks become `⏎`, a tab a space, every other
 * control character (C0, DEL, ESC, C1) and invisible bidirectional override a visible escape (`\x1b`,
 * `\x9b`, `\u202e`).
 *
 * `block`: multi-line text (notes, summaries). Line breaks stay (CR LF and lone CR become LF), tabs
 * stay, whole escape sequences are removed, and any control character left is made visible as above.
 */
export type TextShape = 'line' | 'block';

/** ESC / 8-bit CSI sequences (ECMA-48): CSI …final, OSC/DCS/SOS/PM/APC strings up to BEL or ST, and two-character escapes. */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|\x1b[ -/]*[0-~]/g;
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LAYOUT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The one function every renderer passes user-supplied text through before it reaches a terminal. */
export function terminalText(text: string, shape: TextShape = 'line'): string {
  if (shape === 'line') return text.replace(LINE_BREAK, '⏎').replace(/\t/g, ' ').replace(CONTROL, visible);
  return text.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAK, '\n').replace(CONTROL_BUT_LAYOUT, visible);
}

/** Multi-line text whose lines after the first are indented to line up under the first (`Summary     …`). */
export function terminalBlock(text: string, indent: number): string {
  return terminalText(text, 'block').split('\n').join('\n' + ' '.repeat(indent));
}

/** An SGR colour or style sequence exactly as picocolors writes them (`ESC[31m`, `ESC[39m`, `ESC[1m`, …). */
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /^\x1b\[\d{1,2}m/;

/**
 * The last guard on everything the CLI prints: any control character other than LF, CR LF and tab is written
 * as a `\u00XX` escape (valid inside a JSON string too), except the colour sequences our own styles
 * add when colour is on. Renderers neutralise user text themselves (terminalText); this catches any
 * text that reached the output without it, so nothing printed can drive the terminal.
 */
export function guardTerminalOutput(text: string, keepColour: boolean): string {
  return text.replace(CONTROL_BUT_LAYOUT, (c, offset: number) => {
    if (keepColour && c === '\x1b' && OWN_STYLE.test(text.slice(offset, offset + 5))) return c;
    // CR LF ends the lines of iCal and CSV output; only a lone CR could overwrite a line. The text is
    // one line or block that the CLI ends with LF, so a CR at its very end is a CR LF too.
    if (c === '\r' && (text[offset + 1] === '\n' || offset === text.length - 1)) return c;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Columns the text takes in a terminal (wide CJK and emoji count two, colour sequences none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cut to at most `width` columns, ending in `…` when something was cut. */
export function fitToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  return displayWidth(text) <= width ? text : cliTruncate(text, width, { position: 'end', truncationCharacter: '…' });
}

/** Pad with spaces to `width` columns (by displayed width, not string length). */
export function padToWidth(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

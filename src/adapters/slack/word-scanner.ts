import { AppError } from '../../domain/errors/index.js';

/** One word of slash-command text, with where it sat in the text. */
export interface Word {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The word began with a quote: never an option, even if it reads "--title". */
  readonly quoted: boolean;
}

// Slack (and phones) turn straight quotes into typographic ones, so each kind closes on any of
// its family: “Checkout down” and "Checkout down” both work.
const DOUBLE = ['"', '“', '”', '„'];
const SINGLE = ["'", '‘', '’'];
const closersFor = (c: string): readonly string[] | undefined =>
  DOUBLE.includes(c) ? DOUBLE.filter((q) => q !== '„') : SINGLE.includes(c) ? SINGLE : undefined;

/**
 * Shell-like words: whitespace separates, "double", 'single' and smart quotes group. A quote only
 * opens at the start of a word or right after `=` (`--title="…"`), so apostrophes inside words
 * ("Checkout's") stay literal. Words are read one at a time, so free text after a verb can be
 * taken raw (`rawFrom()`) without its apostrophes or quotes being interpreted.
 */
export class WordScanner {
  private pos = 0;

  constructor(readonly text: string) {}

  next(): Word | undefined {
    const t = this.text;
    while (this.pos < t.length && /\s/.test(t[this.pos]!)) this.pos++;
    if (this.pos >= t.length) return undefined;
    const start = this.pos;
    let value = '';
    let quoted = false;
    while (this.pos < t.length && !/\s/.test(t[this.pos]!)) {
      const c = t[this.pos]!;
      const closers = closersFor(c);
      if (closers !== undefined && (this.pos === start || t[this.pos - 1] === '=')) {
        const close = this.findClose(this.pos + 1, closers);
        if (close === -1) {
          throw new AppError('VALIDATION', `a quote is not closed: ${t.slice(this.pos, this.pos + 40)}${t.length - this.pos > 40 ? '…' : ''} — add the closing quote`, {
            issues: [{ path: 'text', message: 'unclosed quote' }],
          });
        }
        value += t.slice(this.pos + 1, close);
        quoted ||= this.pos === start;
        this.pos = close + 1;
        continue;
      }
      value += c;
      this.pos++;
    }
    return { value, start, end: this.pos, quoted };
  }

  /** All remaining words. */
  words(): Word[] {
    const out: Word[] = [];
    for (let w = this.next(); w !== undefined; w = this.next()) out.push(w);
    return out;
  }

  /**
   * The text from `from` to the end, uninterpreted and trimmed; when that is exactly one quoted
   * word, its contents (`"Fixed the pool"` → `Fixed the pool`).
   */
  rawFrom(from: number): string {
    const raw = this.text.slice(from).trim();
    try {
      const inner = new WordScanner(raw);
      const w = inner.next();
      if (w !== undefined && w.quoted && w.start === 0 && w.end === raw.length) return w.value;
    } catch {
      // An unbalanced quote in free text is just text.
    }
    return raw;
  }

  /** A closing quote ends the word, so ’ in ‘Checkout’s API’ is an apostrophe. */
  private findClose(from: number, closers: readonly string[]): number {
    for (let i = from; i < this.text.length; i++) {
      if (closers.includes(this.text[i]!) && (i + 1 === this.text.length || /\s/.test(this.text[i + 1]!))) return i;
    }
    return -1;
  }
}

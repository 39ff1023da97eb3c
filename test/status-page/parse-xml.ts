// A strict, minimal XML 1.0 well-formedness check for the feeds (no DTDs, no namespaces resolved):
// every tag closed in order, attributes quoted, only the five predefined and numeric entities.
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: number): string {
  if (/&/.test(raw.replace(ENTITY, ''))) throw new Error(`bad entity near offset ${where}`);
  if (/</.test(raw)) throw new Error(`stray '<' near offset ${where}`);
  return raw.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.startsWith('&#x') ? `0x${e.slice(3, -1)}` : e.slice(2, -1))));
}

/** Parses the document and returns its root element; throws on anything not well-formed. */
export function parseXml(text: string): XmlElement {
  let rest = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  let offset = text.length - rest.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const chunk = lt === -1 ? rest : rest.slice(0, lt);
    if (chunk.length > 0) {
      const current = stack[stack.length - 1];
      if (current === undefined) {
        if (chunk.trim() !== '') throw new Error(`text outside the root at offset ${offset}`);
      } else current.text += decode(chunk, offset);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    offset += lt;
    const m = tag.exec(rest);
    if (m === null) throw new Error(`malformed tag at offset ${offset}: ${rest.slice(0, 40)}`);
    const [whole, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}> at offset ${offset}`);
    } else {
      const attributes: Record<string, string> = {};
      for (const a of attrs.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
        if (a[1]! in attributes) throw new Error(`duplicate attribute ${a[1]} at offset ${offset}`);
        attributes[a[1]!] = decode(a[2] ?? a[3] ?? '', offset);
      }
      const element: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root === undefined) root = element;
      else throw new Error(`a second root element at offset ${offset}`);
      if (!selfClosing) stack.push(element);
    }
    rest = rest.slice(whole.length);
    offset += whole.length;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

export function findAll(e: XmlElement, name: string): XmlElement[] {
  return [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => findAll(c, name))];
}

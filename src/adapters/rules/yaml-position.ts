import { isMap, isNode, isScalar, Scalar, type Document, type LineCounter } from 'yaml';

type Path = readonly (string | number)[];

/**
 * Line and column (1-based) in the YAML source for a path into the document: the node at the
 * path, or with `isKey` the key itself; when the path does not exist (a missing key), the closest
 * enclosing node that does. `columnInValue` (1-based, in the scalar's text) moves the position
 * into a condition or action string, so the column points at the offending character.
 */
export function yamlPosition(doc: Document, lineCounter: LineCounter, path: Path, options: { isKey?: boolean; columnInValue?: number } = {}): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offsetOf(doc, path, options));
  return { line, column: col };
}

function offsetOf(doc: Document, path: Path, { isKey = false, columnInValue }: { isKey?: boolean; columnInValue?: number }): number {
  const last = path[path.length - 1];
  if (isKey && last !== undefined) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(last));
      if (isNode(pair?.key) && pair.key.range) return pair.key.range[0];
    }
  }
  const exact = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (columnInValue !== undefined && isScalar(exact) && exact.range) return exact.range[0] + valueStart(exact) + columnInValue - 1;
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}

/**
 * Characters between a scalar's start and its first character of text: the opening quote. Escapes
 * inside quoted strings ('' or \") would shift later columns by one each; conditions rarely have them.
 * Block scalars (| and >) have no simple mapping and point at their indicator.
 */
function valueStart(node: Scalar): number {
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE:
      return 1;
    default:
      return 0;
  }
}

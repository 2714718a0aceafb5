/** One leaf of a received payload, as the mapping screen lists it: its path and a preview of its value. */
export interface PayloadLeaf {
  path: string;
  depth: number;
  preview: string;
  /** A list of texts: only good for tags. */
  list: boolean;
}

const MAX_LEAVES = 200;

/**
 * The payload's fields, depth first, in the path syntax the server reads (`lead.contact.phone`,
 * `items[0].phone`). A list of plain values is one leaf (tags); a list of objects is walked by index.
 */
export function leavesOf(payload: unknown): PayloadLeaf[] {
  const leaves: PayloadLeaf[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (leaves.length >= MAX_LEAVES || depth > 8) return;
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) {
        leaves.push({ path, depth, preview: value.map(String).join(', ').slice(0, 80), list: true });
        return;
      }
      value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (path) leaves.push({ path, depth, preview: value === null ? 'null' : String(value).slice(0, 80), list: false });
  };
  walk(payload, '', 0);
  return leaves;
}

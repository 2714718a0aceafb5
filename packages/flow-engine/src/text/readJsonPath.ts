/**
 * Reads `$.order.items[0].name` (or `order.items.0.name`) from parsed JSON; undefined when any
 * step is missing. Only member and index access: enough to map an API's answer to variables.
 */
export function readJsonPath(data: unknown, path: string): unknown {
  const keys = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((key) => key !== '');
  let current = data;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Variables hold text: strings as they are, anything else as JSON. */
export function asVariableText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

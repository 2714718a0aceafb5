/**
 * Turns a node's JSON schema (zod's z.toJSONSchema of the engine's schema) into the list of fields
 * its form shows, so a field added to a node's schema appears in the builder without UI work.
 * Pure: the form components only render these specs.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

interface Base {
  key: string;
  required: boolean;
  defaultValue?: unknown;
}

interface Variant {
  /** The discriminator's value ("keyword"), or for a plain union its one required field ("url"). */
  key: string;
  fields: FieldSpec[];
}

export type FieldSpec =
  | (Base & { kind: 'text'; multiline: boolean; template: boolean; maxLength?: number; format?: string })
  | (Base & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'enum'; options: string[] })
  | (Base & { kind: 'stringList' })
  | (Base & { kind: 'objectList'; fields: FieldSpec[]; minItems: number; maxItems?: number })
  | (Base & { kind: 'object'; fields: FieldSpec[] })
  | (Base & { kind: 'variant'; discriminator: string | null; variants: Variant[] })
  | (Base & { kind: 'unsupported' });

// Long texts the customer reads (or the model does): a textarea instead of one line.
const MULTILINE = new Set(['text', 'prompt', 'message', 'caption', 'systemPrompt', 'body', 'userMessage', 'invalidMessage']);
// Names, ids and choices are not templates: a {{variable}} there would never be rendered.
const NOT_TEMPLATE = new Set([
  'id',
  'kind',
  'saveAs',
  'name',
  'variable',
  'path',
  'field',
  'tag',
  'queueId',
  'agentId',
  'flowId',
  'libraryId',
]);

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

function variantsOf(options: JsonSchema[]): { discriminator: string | null; variants: Variant[] } {
  const first = options[0]?.properties ?? {};
  // A discriminated union: a property every option fixes with `const`.
  const discriminator =
    Object.keys(first).find((name) => options.every((option) => option.properties?.[name]?.const !== undefined)) ?? null;
  const variants = options.map((option, index) => {
    const key = discriminator
      ? String(option.properties![discriminator]!.const)
      : (option.required?.[0] ?? Object.keys(option.properties ?? {})[0] ?? String(index));
    return { key, fields: fieldsOf(option).filter((field) => field.key !== discriminator) };
  });
  return { discriminator, variants };
}

function fieldSpec(key: string, schema: JsonSchema, required: boolean): FieldSpec {
  const base = { key, required, ...(schema.default !== undefined && { defaultValue: schema.default }) };
  const options = schema.oneOf ?? schema.anyOf;
  if (options && options.length > 0) return { ...base, kind: 'variant', ...variantsOf(options) };
  if (schema.enum) return { ...base, kind: 'enum', options: schema.enum.map(String) };
  switch (typeOf(schema)) {
    case 'string':
      return {
        ...base,
        kind: 'text',
        multiline: MULTILINE.has(key),
        template: !NOT_TEMPLATE.has(key),
        ...(schema.maxLength !== undefined && { maxLength: schema.maxLength }),
        ...(schema.format !== undefined && { format: schema.format }),
      };
    case 'integer':
    case 'number':
      return {
        ...base,
        kind: 'number',
        integer: typeOf(schema) === 'integer',
        ...(schema.minimum !== undefined && { min: schema.minimum }),
        // zod writes Number.MAX_SAFE_INTEGER for "no limit"; a form has no use for it.
        ...(schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER && { max: schema.maximum }),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const items = schema.items ?? {};
      if (typeOf(items) === 'object') {
        return {
          ...base,
          kind: 'objectList',
          fields: fieldsOf(items),
          minItems: schema.minItems ?? 0,
          ...(schema.maxItems !== undefined && { maxItems: schema.maxItems }),
        };
      }
      return typeOf(items) === 'string' ? { ...base, kind: 'stringList' } : { ...base, kind: 'unsupported' };
    }
    case 'object':
      return { ...base, kind: 'object', fields: fieldsOf(schema) };
    default:
      return { ...base, kind: 'unsupported' };
  }
}

/** The fields of an object schema, in the schema's order. */
export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => fieldSpec(key, property, required.has(key)));
}

/** The variant the current value is in: its discriminator, or the variant whose key field it has. */
export function variantIndex(spec: Extract<FieldSpec, { kind: 'variant' }>, value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const record = value as Record<string, unknown>;
  const index = spec.discriminator
    ? spec.variants.findIndex((variant) => variant.key === String(record[spec.discriminator!]))
    : spec.variants.findIndex((variant) => variant.key in record);
  return Math.max(0, index);
}

/** A starting value: a new list item, a switched variant, a field being filled for the first time. */
export function emptyValue(spec: FieldSpec): unknown {
  if (spec.defaultValue !== undefined) return spec.defaultValue;
  switch (spec.kind) {
    case 'text':
      return '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0] ?? '';
    case 'stringList':
      return [];
    case 'objectList':
      return Array.from({ length: spec.minItems }, () => emptyObject(spec.fields));
    case 'object':
      return emptyObject(spec.fields);
    case 'variant':
      return variantValue(spec, 0);
    case 'unsupported':
      return undefined;
  }
}

/** Only required fields and those with a default: optional ones stay absent until filled. */
export function emptyObject(fields: readonly FieldSpec[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.required || f.defaultValue !== undefined).map((f) => [f.key, emptyValue(f)]));
}

export function variantValue(spec: Extract<FieldSpec, { kind: 'variant' }>, index: number): Record<string, unknown> {
  const variant = spec.variants[index] ?? spec.variants[0]!;
  const value = emptyObject(variant.fields);
  if (spec.discriminator) value[spec.discriminator] = variant.key;
  else value[variant.key] ??= '';
  return value;
}

export type Path = readonly (string | number)[];

export function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** An immutable set; `undefined` removes an object's key (an optional field emptied). */
export function setIn(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list[head] = setIn(list[head], rest, next);
    return list;
  }
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const inner = setIn(record[head!], rest, next);
  if (inner === undefined) delete record[head!];
  else record[head!] = inner;
  return record;
}

export const pathKey = (path: Path): string => path.join('.');

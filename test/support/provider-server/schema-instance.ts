// The smallest plausible value that satisfies a JSON Schema (or Gemini's OpenAPI subset), for the default responder.

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;

function asSchema(value: unknown): Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

function resolveRef(ref: string, root: Schema): Schema {
  const match = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
  if (match === null) return {};
  const name = (match[2] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  return asSchema(asSchema(root[match[1] ?? ''])[name]);
}

function clamp(value: number, schema: Schema): number {
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + 1
        : -Infinity;
  const max =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - 1
        : Infinity;
  return Math.min(Math.max(value, min), max);
}

const FORMATS: Record<string, string> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '00:00:00',
  email: 'x@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
};

function stringInstance(schema: Schema): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format !== undefined) return format;
  const length = typeof schema.minLength === 'number' ? Math.max(1, schema.minLength) : 1;
  return 'x'.repeat(length);
}

function firstType(type: unknown): string | undefined {
  const types = Array.isArray(type) ? type : [type];
  const found = types.find((entry) => typeof entry === 'string' && entry.toLowerCase() !== 'null') ?? types[0];
  return typeof found === 'string' ? found.toLowerCase() : undefined;
}

function instanceOf(value: unknown, root: Schema, depth: number): unknown {
  if (value === true || depth > MAX_DEPTH) return depth > MAX_DEPTH ? null : 'x';
  const schema = asSchema(value);
  if (typeof schema.$ref === 'string') return instanceOf(resolveRef(schema.$ref, root), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const choices = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : []).map(
    asSchema,
  );
  if (choices.length > 0)
    return instanceOf(choices.find((choice) => firstType(choice.type) !== 'null') ?? choices[0], root, depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => instanceOf(part, root, depth + 1));
    return parts.every((part) => typeof part === 'object' && part !== null && !Array.isArray(part))
      ? Object.assign({}, ...parts)
      : parts[0];
  }
  const type =
    firstType(schema.type) ??
    (schema.properties !== undefined ? 'object' : schema.items !== undefined ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const properties = asSchema(schema.properties);
      const required = Array.isArray(schema.required)
        ? schema.required.filter((key): key is string => typeof key === 'string')
        : [];
      return Object.fromEntries(required.map((key) => [key, instanceOf(properties[key], root, depth + 1)]));
    }
    case 'array': {
      const count = typeof schema.minItems === 'number' ? Math.max(1, schema.minItems) : 1;
      const items = Array.isArray(schema.items)
        ? schema.items
        : Array.from({ length: count }, () => schema.items ?? { type: 'string' });
      return items.map((item) => instanceOf(item, root, depth + 1));
    }
    case 'string':
      return stringInstance(schema);
    case 'number':
      return clamp(0.5, schema);
    case 'integer':
      return Math.ceil(clamp(1, schema));
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** Required properties only, strings 'x', numbers 0.5, integers 1, arrays of one element, enums' first value. */
export function createSchemaInstance(schema: unknown): unknown {
  return instanceOf(schema, asSchema(schema), 0);
}

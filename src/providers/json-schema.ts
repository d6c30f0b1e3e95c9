// The JSON schema of an answer as the AI SDK sends it, without loading the SDK (git-ai prompt shows it, sends nothing).
import type * as z from 'zod';

type JsonSchema = Record<string, unknown>;

/** Objects get `additionalProperties: false` (strict structured output), at every depth, as the SDK does. */
function closeObjects(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  const schema = node as JsonSchema;
  const type = schema.type;
  if (type === 'object' || (Array.isArray(type) && type.includes('object'))) {
    const extra = schema.additionalProperties;
    schema.additionalProperties = extra != null && typeof extra !== 'boolean' ? closeObjects(extra) : false;
    const properties = schema.properties as JsonSchema | undefined;
    if (properties) for (const key of Object.keys(properties)) properties[key] = closeObjects(properties[key]);
  }
  if (schema.items != null)
    schema.items = Array.isArray(schema.items) ? schema.items.map(closeObjects) : closeObjects(schema.items);
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) schema[key] = list.map(closeObjects);
  }
  const definitions = schema.definitions as JsonSchema | undefined;
  if (definitions) for (const key of Object.keys(definitions)) definitions[key] = closeObjects(definitions[key]);
  return schema;
}

/** Same options as the SDK's zodSchema() for zod 4: draft-7, the input side of transforms, no $refs. */
export function toRequestJsonSchema(schema: z.ZodType): JsonSchema {
  // The schema's own method, as z.toJSONSchema: importing zod here would load it on every remote run (stage-prompts).
  return closeObjects(schema.toJSONSchema({ target: 'draft-7', io: 'input', reused: 'inline' })) as JsonSchema;
}

import { zodSchema } from 'ai';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toRequestJsonSchema } from '../../src/providers/json-schema.js';
import { analysisSchema } from '../../src/providers/schemas.js';

describe('toRequestJsonSchema', () => {
  it.each<[string, z.ZodType]>([
    ['analysis', analysisSchema],
    [
      'nested records and unions',
      z.object({ a: z.array(z.object({ b: z.union([z.string(), z.object({ c: z.number() })]) })) }),
    ],
  ])('gives exactly what the AI SDK sends for the %s schema', async (_name, schema) => {
    expect(toRequestJsonSchema(schema)).toEqual(await zodSchema(schema).jsonSchema);
  });
});

import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createSchemaInstance } from './schema-instance.js';

describe('createSchemaInstance', () => {
  it.each([
    ['a string', { type: 'string' }, 'x'],
    ['a string with minLength', { type: 'string', minLength: 3 }, 'xxx'],
    ['a date-time string', { type: 'string', format: 'date-time' }, '2025-01-01T00:00:00Z'],
    ['a number', { type: 'number' }, 0.5],
    ['a number with a minimum', { type: 'number', minimum: 2 }, 2],
    ['an integer', { type: 'integer' }, 1],
    ['an integer below an exclusive maximum', { type: 'integer', exclusiveMaximum: 0 }, -1],
    ['a boolean', { type: 'boolean' }, true],
    ['an enum', { type: 'string', enum: ['feat', 'fix'] }, 'feat'],
    ['a const', { const: 'fixed' }, 'fixed'],
    ['a nullable type list', { type: ['null', 'string'] }, 'x'],
    ['an anyOf with null', { anyOf: [{ type: 'null' }, { type: 'integer' }] }, 1],
    ['an array', { type: 'array', items: { type: 'number' } }, [0.5]],
    ['an array with minItems', { type: 'array', items: { type: 'string' }, minItems: 2 }, ['x', 'x']],
    ['a tuple', { type: 'array', items: [{ type: 'string' }, { type: 'boolean' }] }, ['x', true]],
    [
      'required properties only',
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] },
      { a: 'x' },
    ],
    ['an object without type', { properties: { a: { type: 'boolean' } }, required: ['a'] }, { a: true }],
    [
      'allOf merged',
      {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      },
      { a: 'x', b: 1 },
    ],
    [
      'a $ref',
      {
        $defs: { S: { type: 'string', enum: ['only'] } },
        type: 'object',
        properties: { s: { $ref: '#/$defs/S' } },
        required: ['s'],
      },
      { s: 'only' },
    ],
    [
      'Gemini OpenAPI upper-case types',
      { type: 'OBJECT', properties: { n: { type: 'INTEGER' } }, required: ['n'] },
      { n: 1 },
    ],
  ])('gives %s', (_name, schema, expected) => {
    expect(createSchemaInstance(schema)).toEqual(expected);
  });

  it('stops at a recursive $ref', () => {
    const schema = {
      $ref: '#/definitions/node',
      definitions: {
        node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } }, required: ['next'] },
      },
    };
    expect(JSON.stringify(createSchemaInstance(schema))).toContain('null');
  });

  it('satisfies the zod schema it was generated from', () => {
    const schema = z.object({
      type: z.enum(['feat', 'fix', 'docs']),
      scope: z.string().optional(),
      subject: z.string().min(1).max(72),
      breaking: z.boolean(),
      confidence: z.number().min(0).max(1),
      files: z.array(z.object({ path: z.string(), lines: z.number().int().nonnegative() })).min(1),
      note: z.string().nullable(),
    });
    expect(schema.safeParse(createSchemaInstance(z.toJSONSchema(schema))).success).toBe(true);
  });
});

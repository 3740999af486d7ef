import {
  findUnsafeContent,
  findUnsafeJsonBody,
  MAX_JSON_DEPTH,
  wasInspected,
} from './json-content.inspector';

const TOO_DEEP = `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`;

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

describe('findUnsafeContent', () => {
  it('bounds the nesting of objects and arrays, iteratively (no stack overflow at any depth)', () => {
    expect(findUnsafeContent(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findUnsafeContent(nested(MAX_JSON_DEPTH + 1))).toBe(TOO_DEEP);
    expect(findUnsafeContent(nested(100_000))).toBe(TOO_DEEP);
  });

  it('names the field that holds a NUL or a lone surrogate', () => {
    expect(findUnsafeContent({ a: { b: ['ok', 'x\u0000'] } })).toBe('a.b.1: must not contain NUL characters');
    expect(findUnsafeContent({ a: 'x\ud800' })).toBe('a: must be valid Unicode text (no lone surrogates)');
    expect(findUnsafeContent({ a: '\udc00x' })).toBe('a: must be valid Unicode text (no lone surrogates)');
    expect(findUnsafeContent('\ud800', 'model-name')).toBe(
      'model-name: must be valid Unicode text (no lone surrogates)',
    );
    expect(findUnsafeContent({ a: '\ud83d\ude00' })).toBeUndefined();
  });

  it('refuses prototype keys and property names that are not text, without echoing them', () => {
    expect(findUnsafeContent(JSON.parse('{"a":{"__proto__":{}}}'))).toBe(
      'a.__proto__: property should not exist',
    );
    // Names an instance inherits from Object.prototype: class-transformer would drop them silently.
    for (const key of ['toString', 'hasOwnProperty', 'valueOf', 'constructor', 'prototype']) {
      expect(findUnsafeContent({ a: { [key]: 'x' } })).toBe(`a.${key}: property should not exist`);
    }
    expect(findUnsafeContent({ a: { toStringx: 'x' } })).toBeUndefined();
    expect(findUnsafeContent({ a: { ['\ud800']: 1 } })).toBe(
      'a: property names must be valid Unicode text without NUL characters',
    );
  });

  it('remembers the bodies it passed, so the validation pipe does not walk them again', () => {
    const body = { a: 'fine' };
    expect(findUnsafeJsonBody(body)).toBeUndefined();
    expect(wasInspected(body)).toBe(true);
    const bad = { a: '\u0000' };
    expect(findUnsafeJsonBody(bad)).toBe('a: must not contain NUL characters');
    expect(wasInspected(bad)).toBe(false);
  });
});

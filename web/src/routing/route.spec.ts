import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './route';

describe('parseRoute', () => {
  it('maps each hash to its page, the empty hash to the models', () => {
    expect(parseRoute('')).toEqual({ page: 'models' });
    expect(parseRoute('#/models')).toEqual({ page: 'models' });
    expect(parseRoute('#/models/new')).toEqual({ page: 'register' });
    expect(parseRoute('#/models/abc')).toEqual({ page: 'model', id: 'abc' });
    expect(parseRoute('#/models/abc/edit')).toEqual({ page: 'edit', id: 'abc' });
    expect(parseRoute('#/assistant')).toEqual({ page: 'assistant' });
    expect(parseRoute('#/nothing')).toEqual({ page: 'not-found' });
  });

  it('decodes an id encoded by href', () => {
    expect(parseRoute(href.model('a/b c'))).toEqual({ page: 'model', id: 'a/b c' });
  });

  it('answers not-found for a malformed percent-encoding instead of throwing', () => {
    expect(parseRoute('#/models/%E0%A4')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/models/%')).toEqual({ page: 'not-found' });
  });
});

import { namedStatement } from './named-statement';

describe('namedStatement', () => {
  it('gives the name and text back, and accepts the same pair twice', () => {
    expect(namedStatement('spec-a', 'SELECT 1')).toEqual({ name: 'spec-a', text: 'SELECT 1' });
    expect(namedStatement('spec-a', 'SELECT 1')).toEqual({ name: 'spec-a', text: 'SELECT 1' });
  });

  it('refuses a name already given to another text (pg would fail on the connection)', () => {
    namedStatement('spec-b', 'SELECT 1');
    expect(() => namedStatement('spec-b', 'SELECT 2')).toThrow('Statement name spec-b is used twice');
  });
});

import { parseByteRange } from './byte-range.parser';

describe('parseByteRange', () => {
  it('reads first-last, first- and -suffix forms, clamped to the size', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=90-1000', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-1000', 100)).toEqual({ start: 0, end: 99 });
  });

  it('is unsatisfiable past the end, for an empty suffix, or for an empty representation', () => {
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=100-200', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores what it may ignore: no header, other units, bad syntax, several ranges', () => {
    for (const header of [undefined, '', 'items=0-1', 'bytes=a-b', 'bytes=5-1', 'bytes=-', 'bytes=0-1,5-6']) {
      expect(parseByteRange(header, 100)).toBeUndefined();
    }
  });
});

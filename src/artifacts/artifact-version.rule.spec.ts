import {
  ArtifactVersionsExhaustedError,
  compareArtifactVersions,
  nextArtifactVersion,
} from './artifact-version.rule';

describe('nextArtifactVersion (the Go service rule)', () => {
  it('starts at 1.0.0 and then bumps the minor number', () => {
    expect(nextArtifactVersion('0.0.0')).toBe('1.0.0');
    expect(nextArtifactVersion('1.0.0')).toBe('1.1.0');
    expect(nextArtifactVersion('1.9.0')).toBe('1.10.0');
    expect(nextArtifactVersion('2.3.1')).toBe('2.4.1');
  });

  it('treats an empty or unparsable current version as 0.0.0', () => {
    expect(nextArtifactVersion('')).toBe('1.0.0');
    expect(nextArtifactVersion('v1')).toBe('1.0.0');
    expect(nextArtifactVersion('1.2')).toBe('1.0.0');
  });

  it('counts from the latest recorded upload when the current version was moved back', () => {
    expect(nextArtifactVersion('1.0.0', '1.3.0')).toBe('1.4.0');
    expect(nextArtifactVersion('', '1.0.0')).toBe('1.1.0');
    expect(nextArtifactVersion('1.5.0', '1.3.0')).toBe('1.6.0');
    expect(nextArtifactVersion('1.2.0', null)).toBe('1.3.0');
  });
});

describe('nextArtifactVersion at the bound (each number at most 999999999)', () => {
  const exhaustedAfter = (current: string, recorded?: string | null) => {
    try {
      nextArtifactVersion(current, recorded);
    } catch (error) {
      expect(error).toBeInstanceOf(ArtifactVersionsExhaustedError);
      return (error as ArtifactVersionsExhaustedError).after;
    }
    throw new Error('no error');
  };

  it('reaches 999999999 and then refuses, never returning a version the rule cannot parse again', () => {
    expect(nextArtifactVersion('1.999999998.0')).toBe('1.999999999.0');
    expect(exhaustedAfter('1.999999999.0')).toBe('1.999999999.0');
    expect(exhaustedAfter('1.0.0', '2.999999999.5')).toBe('2.999999999.5');
    expect(nextArtifactVersion('999999999.0.999999999')).toBe('999999999.1.999999999');
  });

  it('refuses when the latest record is one the rule cannot parse (past the bound, from an older release)', () => {
    expect(exhaustedAfter('1.0.0', '1.1000000000.0')).toBe('1.1000000000.0');
    expect(exhaustedAfter('', '1.1000000000.0')).toBe('1.1000000000.0');
  });

  it('a current version past the bound counts as 0.0.0, like any unparsable one', () => {
    expect(nextArtifactVersion('1.1000000000.0')).toBe('1.0.0');
    expect(nextArtifactVersion('1.1000000000.0', '1.4.0')).toBe('1.5.0');
  });
});

describe('compareArtifactVersions', () => {
  it('orders numerically, not as text', () => {
    expect(['1.10.0', '1.9.0', '1.0.0', '2.0.0'].sort(compareArtifactVersions)).toEqual([
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ]);
  });
});

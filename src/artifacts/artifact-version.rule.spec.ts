import { compareArtifactVersions, nextArtifactVersion } from './artifact-version.rule';

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

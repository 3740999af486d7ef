import { outOfSpaceReason } from './artifact-store.exception';

describe('outOfSpaceReason', () => {
  it('names disk-full and quota errors of the filesystem and of S3 services', () => {
    expect(outOfSpaceReason(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe('ENOSPC');
    expect(outOfSpaceReason(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe('EDQUOT');
    expect(outOfSpaceReason({ name: 'XMinioStorageFull', $metadata: { httpStatusCode: 507 } })).toBe(
      'XMinioStorageFull',
    );
    expect(outOfSpaceReason({ name: 'Unknown', $metadata: { httpStatusCode: 507 } })).toBe(
      'S3 507 Insufficient Storage',
    );
  });

  it('is null for other errors', () => {
    expect(outOfSpaceReason(Object.assign(new Error('io'), { code: 'EIO' }))).toBeNull();
    expect(outOfSpaceReason({ $metadata: { httpStatusCode: 503 } })).toBeNull();
    expect(outOfSpaceReason(undefined)).toBeNull();
  });
});

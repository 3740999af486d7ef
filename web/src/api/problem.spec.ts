import { describe, expect, it } from 'vitest';
import { fieldErrors, problemOf, type Problem } from './problem';

const problem = (status: number, detail: string): Problem => ({
  type: 'about:blank',
  title: status === 400 ? 'Bad Request' : 'Conflict',
  status,
  detail,
  instance: '/ai-ml-model-registration/v1/model-registrations',
});

describe('fieldErrors', () => {
  it("maps each `path: message` of a 400's detail to its field, in order", () => {
    const errors = fieldErrors(
      problem(
        400,
        'modelInformation.targetEnvironment.1.environmentType: environmentType should not be empty; ' +
          'description: description should not be empty; ' +
          'modelInformation.targetEnvironment.1.environmentType: environmentType must be a string',
      ),
    );
    expect([...errors]).toEqual([
      [
        'modelInformation.targetEnvironment.1.environmentType',
        ['environmentType should not be empty', 'environmentType must be a string'],
      ],
      ['description', ['description should not be empty']],
    ]);
  });

  it('takes any custom metadata key as the field, also one the pattern refuses', () => {
    const errors = fieldErrors(
      problem(
        400,
        'modelInformation.metadata.x y: the key x y must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$; ' +
          'modelInformation.metadata: metadata must have at most 32 keys besides author and owner',
      ),
    );
    expect([...errors]).toEqual([
      ['modelInformation.metadata.x y', ['the key x y must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$']],
      ['modelInformation.metadata', ['metadata must have at most 32 keys besides author and owner']],
    ]);
  });

  it('keeps a detail naming no field, and every non-400, for the top of the form', () => {
    expect([...fieldErrors(problem(400, 'Unexpected token } in JSON at position 3'))]).toEqual([
      ['', ['Unexpected token } in JSON at position 3']],
    ]);
    expect([...fieldErrors(problem(409, 'A model named dup with version 1 is already registered'))]).toEqual([
      ['', ['A model named dup with version 1 is already registered']],
    ]);
  });
});

describe('problemOf', () => {
  it('passes problem details through and describes any other failure', () => {
    const conflict = problem(409, 'taken');
    expect(problemOf(conflict, undefined)).toBe(conflict);
    expect(
      problemOf('<html>bad gateway</html>', new Response(null, { status: 502, statusText: 'Bad Gateway' })),
    ).toEqual({ type: 'about:blank', title: 'HTTP 502', status: 502, detail: 'Bad Gateway', instance: '' });
    expect(problemOf(undefined, undefined)).toEqual({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'The service did not answer',
      instance: '',
    });
  });
});

import { MotifError } from '@motif/core-types';
import { problem, problemFromError, problemType } from './problem';

describe('problem details', () => {
  it('derives type URI, title and status from the code', () => {
    expect(problemType('INVALID_STRUCTURE')).toBe('https://motif.dev/problems/invalid-structure');
    expect(problem('METHOD_NOT_ALLOWED', 'no')).toMatchObject({ status: 405, title: 'Method not allowed', errors: [] });
  });

  it('keeps a MotifError code, message, field paths and details, but not its cause or stack', () => {
    const err = new MotifError('VALIDATION_FAILED', 'bad', { fieldErrors: [{ path: '/a/0', message: 'm', code: 'x' }], details: { hint: 'h', status: 999, inner: new Error('secret') }, cause: new Error('secret cause') });
    const p = problemFromError(err, 'req-1');
    expect(p).toEqual({ type: 'https://motif.dev/problems/validation-failed', title: 'Validation failed', status: 400, detail: 'bad', code: 'VALIDATION_FAILED', requestId: 'req-1', errors: [{ path: '/a/0', message: 'm' }], hint: 'h' });
  });

  it('hides anything that is not a MotifError behind an opaque INTERNAL problem', () => {
    const p = problemFromError(new TypeError('x is undefined at /srv/app.ts:3'));
    expect(p).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'internal error' });
    expect(JSON.stringify(p)).not.toContain('srv');
  });
});

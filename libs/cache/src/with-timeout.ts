import { MotifError } from '@motif/core-types';

/** Rejects after `ms` if `promise` has not settled: the hard budget no request exceeds on L2. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MotifError('BACKEND_UNAVAILABLE', `${what} timed out after ${ms} ms`, { details: { backend: what, timeoutMs: ms } })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

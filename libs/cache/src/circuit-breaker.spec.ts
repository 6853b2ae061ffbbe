import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

function breaker(threshold = 3, cooldownMs = 1000) {
  let t = 0;
  const b = new CircuitBreaker({ failureThreshold: threshold, cooldownMs, now: () => t });
  return { b, advance: (ms: number) => (t += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets on success', () => {
    const { b } = breaker(3);
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    const { b, advance } = breaker(3, 1000);
    for (let i = 0; i < 3; i++) b.onFailure();
    expect(b.state).toBe('open');
    expect(b.openCount).toBe(1);
    expect(b.tryAcquire()).toBe(false);
    advance(999);
    expect(b.tryAcquire()).toBe(false);
  });

  it('lets exactly one trial through after the cool-down; success closes', () => {
    const { b, advance } = breaker(1, 1000);
    b.onFailure();
    advance(1000);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    const { b, advance } = breaker(1, 1000);
    b.onFailure();
    advance(1500);
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.openCount).toBe(2);
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.tryAcquire()).toBe(true);
  });

  it('execute() refuses without calling fn while open', async () => {
    const { b } = breaker(1);
    await expect(b.execute('redis', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const fn = jest.fn(() => Promise.resolve(1));
    await expect(b.execute('redis', fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
  });
});

import { MotifError } from '@motif/core-types';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs?: number;
  /** Milliseconds since an arbitrary origin; injected so tests need no real waiting. */
  now?: () => number;
}

/**
 * Closed → (failureThreshold consecutive failures) → open → (cooldown) → half-open:
 * exactly one trial call; success closes, failure re-opens for another cool-down.
 * While open, callers are refused at once, so a dead server is not hammered and
 * no request waits on it.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private opens = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 2_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The state as of now (an open circuit whose cool-down elapsed reads as half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) return 'half-open';
    return this.current;
  }

  /** How many times the circuit has opened since creation. */
  get openCount(): number {
    return this.opens;
  }

  /** Whether a call may go out now; in half-open this admits one trial and refuses the rest. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.trialInFlight) return false;
    this.current = 'half-open';
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    this.current = 'closed';
  }

  onFailure(): void {
    this.trialInFlight = false;
    this.consecutiveFailures++;
    if (this.current === 'half-open' || (this.current === 'closed' && this.consecutiveFailures >= this.failureThreshold)) {
      this.current = 'open';
      this.openedAt = this.now();
      this.opens++;
    }
  }

  /** Runs `fn` through the breaker; refuses with BACKEND_UNAVAILABLE while open. */
  async execute<T>(backend: string, fn: () => Promise<T>): Promise<T> {
    if (!this.tryAcquire()) throw new CircuitOpenError(backend);
    try {
      const out = await fn();
      this.onSuccess();
      return out;
    } catch (err) {
      this.onFailure();
      throw err;
    }
  }
}

/** Raised (and swallowed by the tiered cache) when a call is refused because the circuit is open. */
export class CircuitOpenError extends MotifError {
  constructor(backend: string) {
    super('BACKEND_UNAVAILABLE', `${backend} circuit is open`, { details: { backend, circuit: 'open' } });
  }
}

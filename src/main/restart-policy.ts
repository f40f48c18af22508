export interface RestartPolicyOptions {
  /** Delay before the first restart; each further crash in the window doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up when this many crashes fall within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
  /** A run this long since the last crash counts as healthy: the crash history is forgotten. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxCrashes: 5,
  windowMs: 60_000,
  healthyAfterMs: 30_000,
};

export type RestartDecision = number | 'give-up';

/**
 * Back-off for restarting a crashed engine process: 0.5 s, 1 s, 2 s, 4 s … and 'give-up' at the
 * `maxCrashes`-th crash within `windowMs`, so a process that dies at start never loops forever.
 * Times are plain milliseconds supplied by the caller (pure: no clock, no timers).
 */
export class RestartPolicy {
  private crashTimes: number[] = [];
  private readonly options: RestartPolicyOptions;

  constructor(options: Partial<RestartPolicyOptions> = {}) {
    this.options = { ...DEFAULT_RESTART_POLICY, ...options };
  }

  /** Record a crash at `now` and say how long to wait before restarting, or to give up. */
  recordCrash(now: number): RestartDecision {
    const { baseDelayMs, maxDelayMs, maxCrashes, windowMs, healthyAfterMs } = this.options;
    const last = this.crashTimes.at(-1);
    if (last !== undefined && now - last >= healthyAfterMs) this.crashTimes = [];
    this.crashTimes = this.crashTimes.filter((time) => now - time < windowMs);
    this.crashTimes.push(now);
    const crashes = this.crashTimes.length;
    if (crashes >= maxCrashes) return 'give-up';
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (crashes - 1));
  }

  /** Forget every crash, e.g. when the user asks for a restart after main gave up. */
  reset(): void {
    this.crashTimes = [];
  }

  /** Crashes currently counted against the limit. */
  get recentCrashes(): number {
    return this.crashTimes.length;
  }
}

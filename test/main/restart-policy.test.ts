import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '../../src/main/restart-policy';

describe('RestartPolicy', () => {
  it('doubles the delay for crashes in quick succession and gives up at the 5th within 60 s', () => {
    const policy = new RestartPolicy();
    // Each restart crashes right after its delay.
    expect(policy.recordCrash(0)).toBe(500);
    expect(policy.recordCrash(1_000)).toBe(1_000);
    expect(policy.recordCrash(3_000)).toBe(2_000);
    expect(policy.recordCrash(6_000)).toBe(4_000);
    expect(policy.recordCrash(11_000)).toBe('give-up');
  });

  it('caps the delay', () => {
    const policy = new RestartPolicy({ maxCrashes: 100, maxDelayMs: 3_000 });
    const delays = [0, 1, 2, 3, 4].map((i) => policy.recordCrash(i * 100));
    expect(delays).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy({ healthyAfterMs: Infinity });
    for (const t of [0, 10_000, 20_000, 30_000]) policy.recordCrash(t);
    // At 65 s the crash at 0 s has left the 60 s window: 4 counted, not 5.
    expect(policy.recordCrash(65_000)).toBe(4_000);
    expect(policy.recentCrashes).toBe(4);
  });

  it('a healthy run since the last crash resets the back-off', () => {
    const policy = new RestartPolicy();
    policy.recordCrash(0);
    policy.recordCrash(1_000);
    policy.recordCrash(3_000);
    expect(policy.recordCrash(33_000)).toBe(500); // ran 30 s without crashing
    expect(policy.recentCrashes).toBe(1);
  });

  it('reset() lets a user restart after giving up', () => {
    const policy = new RestartPolicy({ maxCrashes: 2 });
    policy.recordCrash(0);
    expect(policy.recordCrash(600)).toBe('give-up');
    policy.reset();
    expect(policy.recordCrash(700)).toBe(500);
  });
});

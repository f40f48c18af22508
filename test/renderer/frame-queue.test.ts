/** The page's one queue of canvas redraws: a frame runs redraws until its budget is spent, the rest wait. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropFrameDraw, frameScheduler, queueFrameDraw } from '../../src/renderer/src/canvas/frame';

/** Animation frames run by hand, and a clock that the redraws advance. */
let frames: Array<() => void> = [];
let clock = 0;

function runFrame(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback();
}

/** A redraw that takes `ms` of the fake clock and records its name. */
function drawing(log: string[], name: string, ms: number): () => void {
  return () => {
    log.push(name);
    clock += ms;
  };
}

beforeEach(() => {
  frames = [];
  clock = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('frame queue', () => {
  it('runs cheap redraws in one frame and moves the rest to the next once a frame has spent its budget', () => {
    const log: string[] = [];
    queueFrameDraw(drawing(log, 'latent map', 8));
    queueFrameDraw(drawing(log, 'data space', 8));
    queueFrameDraw(drawing(log, 'loss chart', 8));
    expect(log).toEqual([]);
    runFrame();
    expect(log).toEqual(['latent map', 'data space']);
    runFrame();
    expect(log).toEqual(['latent map', 'data space', 'loss chart']);
    expect(frames).toHaveLength(0);
  });

  it('runs a redraw asked for twice before its frame once, and not at all once dropped', () => {
    const log: string[] = [];
    const map = drawing(log, 'map', 1);
    const bars = drawing(log, 'bars', 1);
    expect(queueFrameDraw(map)).toBe(true);
    expect(queueFrameDraw(map)).toBe(false);
    queueFrameDraw(bars);
    dropFrameDraw(bars);
    runFrame();
    expect(log).toEqual(['map']);
  });

  it('keeps drawing after a redraw that throws', () => {
    const log: string[] = [];
    const thrown: unknown[] = [];
    vi.stubGlobal('queueMicrotask', (run: () => void) => {
      try {
        run();
      } catch (e) {
        thrown.push(e);
      }
    });
    queueFrameDraw(() => {
      throw new Error('broken view');
    });
    queueFrameDraw(drawing(log, 'next view', 1));
    runFrame();
    expect(log).toEqual(['next view']);
    expect(String(thrown[0])).toContain('broken view');
  });

  it('a view scheduler coalesces its requests and can cancel them', () => {
    const log: string[] = [];
    const view = frameScheduler(drawing(log, 'view', 1));
    view.request();
    view.request();
    runFrame();
    expect(log).toEqual(['view']);
    view.request();
    view.cancel();
    runFrame();
    expect(log).toEqual(['view']);
  });
});

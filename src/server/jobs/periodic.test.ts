import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPeriodically } from './periodic.js';

describe('runPeriodically', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs first after the shorter of the first delay and the interval, then every interval', async () => {
    const done: number[] = [];
    let n = 0;
    const periodic = runPeriodically({
      task: () => Promise.resolve(++n),
      intervalMs: 1000,
      firstDelayMs: 100,
      onDone: (result) => done.push(result),
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual([1]);
    await vi.advanceTimersByTimeAsync(900);
    expect(done).toEqual([1, 2]);
    await periodic.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toEqual([1, 2]);
  });

  it('skips a tick while the last run is still going, and stop waits for that run', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    const finished: number[] = [];
    const periodic = runPeriodically({
      task: () => {
        started++;
        return new Promise<number>((resolve) => {
          release = () => resolve(started);
        });
      },
      intervalMs: 10,
      firstDelayMs: 50,
      onDone: (result) => finished.push(result),
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(35);
    expect(started).toBe(1);
    const stopped = periodic.stop();
    let stopDone = false;
    void stopped.then(() => {
      stopDone = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopDone).toBe(false);
    release();
    await stopped;
    expect(finished).toEqual([1]);
  });

  it('reports a failed run and keeps running', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const periodic = runPeriodically({
      task: () => (++n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(n)),
      intervalMs: 10,
      firstDelayMs: 5,
      onDone: () => undefined,
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(5);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(n).toBe(2);
    expect(errors).toHaveLength(1);
    await periodic.stop();
  });
});

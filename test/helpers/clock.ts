import type { Clock } from '../../src/core/index.js';

/** A Clock for tests: sleeping records the delay and moves time on at once. */
export interface FakeClock extends Clock {
  readonly sleeps: number[];
}

export function fakeClock(start = 1_000_000): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: (ms: number) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

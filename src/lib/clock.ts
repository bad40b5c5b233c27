/** Time comes from here, never from `new Date()` in services, so rules can be tested at any date. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests. */
export function fixedClock(
  start: Date | string,
): Clock & { advance: (ms: number) => void; set: (d: Date) => void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    set: (d) => {
      current = new Date(d);
    },
  };
}

/**
 * Real time moved to another day: for end-to-end tests only (TEST_CLOCK_CONTROL), so that one journey can
 * span the weeks of a statutory clock. Time keeps running from the moment the day is set.
 */
export function settableClock(): Clock & { setToday: (isoDate: string) => void; reset: () => void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    setToday: (isoDate) => {
      offset = new Date(`${isoDate}T10:00:00Z`).getTime() - Date.now();
    },
    /** Back to real time, to the millisecond, when a journey is done. */
    reset: () => {
      offset = 0;
    },
  };
}

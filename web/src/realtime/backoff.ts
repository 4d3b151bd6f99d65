// How long to wait before reconnecting: doubling from one second up to half
// a minute, with jitter so that a restarted server is not hit by every
// browser at the same instant.
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export const SLOWEST_RECONNECT_MS = MAX_DELAY_MS;

// How fast the machine is while a benchmark runs. The same code measured on
// this machine at different hours has run at speeds 1.5 to 2 times apart
// (the search benchmark's own Node.js CPU per search, which no database
// setting changes, moved that much): a figure read without the machine's
// speed beside it cannot be compared with another. The gauge times a fixed
// piece of work in Node.js and a fixed query in PostgreSQL, a few times,
// and keeps the median: lower is faster, and two runs compare by the ratio.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface Gauge { nodeMs: number; postgresMs: number }

const ROUNDS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Sorting and hashing a fixed series of numbers: the same work on every run (a linear congruential series, no randomness). */
function nodeWork(): number {
  const numbers = new Float64Array(400_000);
  let x = 12_345;
  for (let i = 0; i < numbers.length; i++) numbers[i] = x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  numbers.sort();
  const text = new Map<string, number>();
  for (let i = 0; i < 100_000; i++) text.set(numbers[i]!.toString(36), i);
  return text.size;
}

/** The same query on every run, computed in the backend alone (no table read): md5 of 100,000 numbers. */
const POSTGRES_WORK = 'SELECT count(DISTINCT md5(i::text)) FROM generate_series(1, 100000) i';

export async function gaugeMachine(db: pg.ClientBase): Promise<Gauge> {
  const node: number[] = [];
  const postgres: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = performance.now();
    nodeWork();
    node.push(performance.now() - t0);
    t0 = performance.now();
    await db.query(POSTGRES_WORK);
    postgres.push(performance.now() - t0);
  }
  return { nodeMs: median(node), postgresMs: median(postgres) };
}

export const GAUGE_ABOUT = `machine gauge (bench/gauge.ts: a fixed piece of work, median of ${ROUNDS}; lower is faster)`;
export const describeGauge = (g: Gauge) => `Node.js ${g.nodeMs.toFixed(0)} ms, PostgreSQL ${g.postgresMs.toFixed(0)} ms`;

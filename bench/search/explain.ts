// Plans of the search benchmark: the statements searchEverything really
// sends for one request (recorded on their way to PostgreSQL), each run
// again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters, in a
// transaction scoped as the application scopes it (app role, RLS on), and
// once more as the owner, whom RLS does not apply to: under RLS an operator
// that is not leakproof (tsvector @@ tsquery, pg_trgm's %) cannot be an
// index condition, and the difference shows what that costs.
import type pg from 'pg';
import { inTransaction } from '../../server/src/db/transaction.ts';
import { searchEverything } from '../../server/src/modules/search/reads.ts';
import type { Services } from '../../server/src/services.ts';
import type { Searcher, Shape } from './workload.ts';

export interface Statement { text: string; values: unknown[] }
interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Rows': number; 'Actual Loops': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number; Plans?: PlanNode[] }
export interface Explained { statement: Statement; label: string; executionMs: number; planningMs: number; buffers: number; scans: string[]; text: string }

const BOOKKEEPING = /^\s*(BEGIN|COMMIT|ROLLBACK|SELECT set_config)/;

/** A pool whose clients pass every statement on and note the ones that are not transaction bookkeeping. */
function recordingPool(pool: pg.Pool, sent: Statement[]): pg.Pool {
  const connect = async () => {
    const client = await pool.connect();
    return new Proxy(client, {
      get(target, property) {
        if (property === 'query') {
          return (text: string, values?: unknown[]) => {
            if (typeof text === 'string' && !BOOKKEEPING.test(text)) sent.push({ text, values: values ?? [] });
            return target.query(text, values);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { connect } as unknown as pg.Pool;
}

/** What a search statement looks for: it names the statement in the report. */
function labelOf(text: string): string {
  const kinds: Array<[RegExp, string]> = [[/FROM posts p\b/, 'posts + comments'], [/FROM messages m\b/, 'messages'], [/FROM drive_items i\b/, 'files'],
    [/FROM memberships m\b/, 'people'], [/FROM groups g\b/, 'groups']];
  return kinds.find(([pattern]) => pattern.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 40);
}

/** The scans of the plan, e.g. "Bitmap Index Scan on messages_search: 48,210 rows". */
function scansOf(node: PlanNode, found: string[] = []): string[] {
  if (/Scan/.test(node['Node Type']) && (node['Relation Name'] || node['Index Name'])) {
    const rows = Math.round(node['Actual Rows'] * node['Actual Loops']);
    found.push(`${node['Node Type']} on ${node['Index Name'] ?? node['Relation Name']}: ${rows.toLocaleString('en')} rows${node['Actual Loops'] > 1 ? ` (${node['Actual Loops']} loops)` : ''}`);
  }
  for (const child of node.Plans ?? []) scansOf(child, found);
  return found;
}

export async function recordStatements(s: Services, searcher: Searcher, shape: Shape, i: number): Promise<Statement[]> {
  const sent: Statement[] = [];
  await searchEverything({ ...s, pool: recordingPool(s.pool, sent) }, searcher.tenant, shape.request(searcher, i));
  return sent;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement on `pool`: the application's (RLS applies), or the owner's to see what RLS costs. */
export async function explainStatements(pool: pg.Pool, searcher: Searcher, statements: Statement[]): Promise<Explained[]> {
  const scope = { instanceId: searcher.tenant.instance.id, userId: searcher.tenant.membership.userId };
  return inTransaction(pool, scope, async (tx) => {
    const explained: Explained[] = [];
    for (const statement of statements) {
      const json = await tx.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`, statement.values);
      const text = await tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
      const root = (json.rows[0]!['QUERY PLAN'] as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>)[0]!;
      explained.push({
        statement, label: labelOf(statement.text), executionMs: root['Execution Time'], planningMs: root['Planning Time'],
        buffers: root.Plan['Shared Hit Blocks'] + root.Plan['Shared Read Blocks'], scans: scansOf(root.Plan),
        text: text.rows.map((r) => r['QUERY PLAN'] as string).join('\n'),
      });
    }
    return explained;
  });
}

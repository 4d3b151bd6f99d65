// Plans of the search benchmark: the statements searchEverything really
// sends for one request (recorded on their way to PostgreSQL), each run
// again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters, in a
// transaction scoped as the application scopes it, as the application role
// (RLS on). Since migration 0013 the words are matched inside SECURITY
// DEFINER functions (search_message_matches, search_post_matches,
// search_file_matches; the last two read their tiers through functions
// of their own since 0014), which the planner does not inline: EXPLAIN of the
// statement shows one Function Scan, so the matching's own plan is taken
// from auto_explain (nested statements, ANALYZE and BUFFERS, sent to the
// client as NOTICEs). Loading auto_explain takes a superuser: the explaining
// session logs in as the owner, loads it, and takes the application role
// with SET LOCAL ROLE in each transaction, so RLS applies as it does to the
// application (the bench's owner is a superuser, which RLS never applies to).
// Each statement is also explained as the owner: the matching runs as the
// functions' owner either way, so the difference is what RLS still costs the
// rest of the statement (the reader's conversations and groups, the page's
// documents), and a large one would mean the words are matched under RLS
// again, without the index.
import pg from 'pg';
import { inTransaction } from '../../server/src/db/transaction.ts';
import { searchEverything } from '../../server/src/modules/search/reads.ts';
import type { Services } from '../../server/src/services.ts';
import type { Searcher, Shape } from './workload.ts';

export interface Statement { text: string; values: unknown[] }
interface PlanNode {
  'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Function Name'?: string;
  'Actual Rows': number; 'Actual Loops': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number; Plans?: PlanNode[];
}
/** The plan of a statement run inside a search function, as auto_explain reported it. */
export interface Nested { ms: number; buffers: number; scans: string[]; text: string }
export interface Explained {
  statement: Statement; label: string; executionMs: number; planningMs: number; buffers: number; scans: string[]; text: string;
  /** The matching, inside the search function the statement calls. */
  nested: Nested[];
}

const BOOKKEEPING = /^\s*(BEGIN|COMMIT|ROLLBACK|SELECT set_config)/;
/** auto_explain's NOTICE: "duration: 1.234 ms  plan:" and the plan. */
const AUTO_EXPLAIN = /^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/;

/** A pool whose clients pass every statement on and note the ones that are not transaction bookkeeping. */
function recordingPool(pool: pg.Pool, sent: Statement[]): pg.Pool {
  const connect = async () => {
    const client = await pool.connect();
    return new Proxy(client, {
      get(target, property) {
        if (property === 'query') {
          return (query: string | pg.QueryConfig, values?: unknown[]) => {
            // Prepared statements (Tx.prepared) come as { name, text, values }.
            const text = typeof query === 'string' ? query : query.text;
            if (!BOOKKEEPING.test(text)) sent.push({ text, values: (typeof query === 'string' ? values : query.values) ?? [] });
            return target.query(query as string, values);
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
  const kinds: Array<[RegExp, string]> = [[/search_post_matches\(/, 'posts + comments'], [/search_message_matches\(/, 'messages'], [/search_file_matches\(/, 'files'],
    [/FROM memberships m\b/, 'people'], [/FROM groups g\b/, 'groups']];
  return kinds.find(([pattern]) => pattern.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 40);
}

/** The scans of the plan, e.g. "Bitmap Index Scan on search_entries_message_words: 218 rows". */
function scansOf(node: PlanNode, found: string[] = []): string[] {
  const on = node['Index Name'] ?? node['Relation Name'] ?? node['Function Name'];
  if (/Scan/.test(node['Node Type']) && on) {
    const rows = Math.round(node['Actual Rows'] * node['Actual Loops']);
    found.push(`${node['Node Type']} on ${on}: ${rows.toLocaleString('en')} rows${node['Actual Loops'] > 1 ? ` (${node['Actual Loops']} loops)` : ''}`);
  }
  for (const child of node.Plans ?? []) scansOf(child, found);
  return found;
}

export async function recordStatements(s: Services, searcher: Searcher, shape: Shape, i: number): Promise<Statement[]> {
  const sent: Statement[] = [];
  await searchEverything({ ...s, pool: recordingPool(s.pool, sent) }, searcher.tenant, shape.request(searcher, i));
  return sent;
}

/** A session that explains: one owner connection with auto_explain loaded, its plans of nested statements sent to it as NOTICEs. */
export interface Explainer { pool: pg.Pool; notices: string[] }

export async function explainer(ownerUrl: string): Promise<Explainer> {
  const notices: string[] = [];
  // One connection, kept: auto_explain is loaded in it once.
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1, idleTimeoutMillis: 0, application_name: 'ruche-bench-search-explain' });
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    client.on('notice', (notice) => void notices.push(notice.message ?? ''));
    // Every statement is explained; only the nested ones over search_entries are kept (nestedSince).
    await client.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
      SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_level = 'notice'; SET client_min_messages = 'notice'`);
  } finally {
    client.release();
  }
  return { pool, notices };
}

/** What auto_explain reported since `from` of the statements over search_entries (the search functions' matching). */
function nestedSince(notices: string[], from: number): Array<{ ms: number; plan: string }> {
  return notices.slice(from).flatMap((notice) => {
    const match = AUTO_EXPLAIN.exec(notice);
    return match && /\bsearch_entries\b/.test(match[2]!) ? [{ ms: Number(match[1]), plan: match[2]! }] : [];
  });
}

/** A text plan from auto_explain without its "Query Text:" (the whole function): from its first node on. */
const planOnly = (text: string) => text.slice(Math.max(0, text.search(/^.*\(cost=/m)));

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each statement, with the nested plans of the search functions: as `role` (the
 * application's: RLS applies), or as the owner when `role` is null. The JSON plans first, then the text ones.
 */
export async function explainStatements(x: Explainer, searcher: Searcher, statements: Statement[], role: string | null): Promise<Explained[]> {
  const scope = { instanceId: searcher.tenant.instance.id, userId: searcher.tenant.membership.userId };
  const run = async (format: 'json' | 'text') => {
    // auto_explain's settings are a superuser's to change: before the transaction takes the application role.
    const client = await x.pool.connect();
    try {
      await client.query(`SET auto_explain.log_format = '${format}'`);
    } finally {
      client.release();
    }
    return inTransaction(x.pool, scope, async (tx) => {
      if (role) await tx.query(`SET LOCAL ROLE ${pg.escapeIdentifier(role)}`);
      const answers: Array<{ plan: unknown; nested: Array<{ ms: number; plan: string }> }> = [];
      for (const statement of statements) {
        const from = x.notices.length;
        const { rows } = await tx.query(`EXPLAIN (ANALYZE, BUFFERS${format === 'json' ? ', FORMAT JSON' : ''}) ${statement.text}`, statement.values);
        answers.push({ plan: format === 'json' ? rows[0]!['QUERY PLAN'] : rows.map((r) => r['QUERY PLAN'] as string).join('\n'), nested: nestedSince(x.notices, from) });
      }
      return answers;
    });
  };
  const json = await run('json');
  const text = await run('text');
  x.notices.length = 0;
  return statements.map((statement, i) => {
    const root = (json[i]!.plan as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>)[0]!;
    const nested = json[i]!.nested.map((n, k): Nested => {
      const plan = (JSON.parse(n.plan) as { Plan: PlanNode }).Plan;
      return { ms: n.ms, buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'], scans: scansOf(plan), text: planOnly(text[i]!.nested[k]?.plan ?? '') };
    });
    return {
      statement, label: labelOf(statement.text), executionMs: root['Execution Time'], planningMs: root['Planning Time'],
      buffers: root.Plan['Shared Hit Blocks'] + root.Plan['Shared Read Blocks'], scans: scansOf(root.Plan), text: text[i]!.plan as string, nested,
    };
  });
}

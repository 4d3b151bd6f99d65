// SQL of people sets (the rule is a column of groups; the triggers of migration 0006 apply it).
import type { Tx } from '../../db/transaction.ts';

export interface PeopleRule {
  attribute: 'department' | 'location' | 'jobTitle' | 'field';
  fieldId?: string | undefined;
  value: string;
}

export async function setPeopleRule(tx: Tx, groupId: string, rule: PeopleRule | null): Promise<void> {
  await tx.query('UPDATE groups SET people_rule = $2 WHERE id = $1', [groupId, rule && { ...rule, value: rule.value.trim() }]);
}

export async function findPeopleRule(tx: Tx, groupId: string): Promise<PeopleRule | null> {
  const { rows } = await tx.query<{ rule: PeopleRule | null }>('SELECT people_rule AS rule FROM groups WHERE id = $1', [groupId]);
  return rows[0]?.rule ?? null;
}

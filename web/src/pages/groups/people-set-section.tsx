// The people set of a group (Settings tab): the rule on a profile attribute
// that adds matching members automatically, shown in words, with the form to
// set it and a way to clear it.
import { useState } from 'react';
import { fetchPeopleSet, setPeopleSet } from '../../api/groups';
import type { PeopleSetRule } from '../../api/group-types';
import { listProfileFields } from '../../api/people';
import type { ProfileField } from '../../api/people-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/translate';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';
import { attributeKey, PeopleSetForm } from './people-set-form';

export function PeopleSetSection() {
  const t = useT();
  const { instance } = useInstance();
  const { group, reloadGroup } = useGroup();
  const slug = instance.slug;
  const { resource, update } = useResource(async () => {
    const [set, fields] = await Promise.all([fetchPeopleSet(slug, group.id), listProfileFields(slug)]);
    return { rule: set.rule, fields: fields.items };
  }, `people-set-${slug}-${group.id}`);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  // Saving and clearing change who is in the group: the header's count follows.
  const action = useAction(async (rule: PeopleSetRule | null) => {
    setNotice(null);
    const saved = await setPeopleSet(slug, group.id, rule);
    update((data) => ({ ...data, rule: saved.rule }));
    setNotice(rule ? 'peopleSet.saved' : 'peopleSet.cleared');
    reloadGroup();
  });

  return (
    <section className="card" aria-labelledby="people-set-title" data-testid="people-set">
      <h2 id="people-set-title">{t('peopleSet.title')}</h2>
      <p className="muted">{t('peopleSet.intro')}</p>
      <Notice>{notice && t(notice)}</Notice>
      <FormError error={action.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' && (
        <>
          <p>
            <strong>{describeRule(resource.data.rule, resource.data.fields, t)}</strong>
          </p>
          <PeopleSetForm
            key={resource.data.rule ? attributeKey(resource.data.rule) + resource.data.rule.value : 'none'}
            rule={resource.data.rule}
            fields={resource.data.fields}
            pending={action.pending}
            onSave={(rule) => void action.run(rule)}
          />
          {resource.data.rule && (
            <div className="form-inset">
              <ConfirmButton
                label={t('peopleSet.clear')}
                confirmLabel={t('peopleSet.clearConfirm')}
                disabled={action.pending}
                onConfirm={() => void action.run(null)}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function describeRule(rule: PeopleSetRule | null, fields: ProfileField[], t: Translate): string {
  if (!rule) return t('peopleSet.none');
  const attribute =
    rule.attribute === 'field'
      ? (fields.find((field) => field.id === rule.fieldId)?.label ?? '?')
      : t(`people.${rule.attribute}`);
  return t('peopleSet.current', { attribute, value: rule.value });
}

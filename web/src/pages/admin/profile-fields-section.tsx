// The custom profile fields of the instance: the list, a form to add one,
// a dialog to change one, and deletion (which also deletes its values).
import { useState } from 'react';
import { deleteProfileField, listProfileFields, sortFields } from '../../api/people';
import type { ProfileField } from '../../api/people-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { ModalDialog } from '../../components/modal-dialog';
import { Notice } from '../../components/notice';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { ProfileFieldForm } from './profile-field-form';

export function ProfileFieldsSection({ slug }: { slug: string }) {
  const t = useT();
  const { resource, update } = useResource(() => listProfileFields(slug), `profile-fields-${slug}`);
  const [editing, setEditing] = useState<ProfileField | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useAction(async (fieldId: string) => {
    await deleteProfileField(slug, fieldId);
    update((list) => ({ items: list.items.filter((field) => field.id !== fieldId) }));
  });
  const keep = (saved: ProfileField) =>
    update((list) => ({ items: [...list.items.filter((field) => field.id !== saved.id), saved] }));

  return (
    <section className="card" aria-labelledby="profile-fields-title">
      <h2 id="profile-fields-title">{t('profileFields.title')}</h2>
      <p className="muted">{t('profileFields.intro')}</p>
      <Notice>{notice}</Notice>
      <FormError error={remove.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('profileFields.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="profile-fields-table">
              <thead>
                <tr>
                  <th scope="col">{t('profileFields.label')}</th>
                  <th scope="col">{t('profileFields.type')}</th>
                  <th scope="col">{t('profileFields.required')}</th>
                  <th scope="col">{t('profileFields.editableBy')}</th>
                  <th scope="col">{t('profileFields.choices')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sortFields(resource.data.items).map((field) => (
                  <tr key={field.id}>
                    <th scope="row">{field.label}</th>
                    <td>{t(`profileFields.type.${field.type}`)}</td>
                    <td>{field.required ? t('common.yes') : t('common.no')}</td>
                    <td>{t(`profileFields.editableBy.${field.editableBy}`)}</td>
                    <td className="field-choices-cell">{field.choices.join(', ')}</td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={t('profileFields.editLabel', { label: field.label })}
                        onClick={() => setEditing(field)}
                      >
                        {t('common.edit')}
                      </button>
                      <ConfirmButton
                        label={t('common.delete')}
                        accessibleLabel={t('profileFields.deleteLabel', { label: field.label })}
                        confirmLabel={t('profileFields.deleteConfirm')}
                        disabled={remove.pending}
                        onConfirm={() => void remove.run(field.id)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <div className="form-inset">
        <h3>{t('profileFields.create')}</h3>
        <ProfileFieldForm
          slug={slug}
          submitLabel={t('profileFields.createSubmit')}
          onSaved={(created) => {
            keep(created);
            setNotice(t('profileFields.created', { label: created.label }));
          }}
        />
      </div>
      <ModalDialog
        open={editing !== null}
        title={editing ? t('profileFields.editTitle', { label: editing.label }) : ''}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <ProfileFieldForm
            key={editing.id}
            slug={slug}
            field={editing}
            submitLabel={t('common.save')}
            onSaved={(saved) => {
              keep(saved);
              setEditing(null);
              setNotice(t('profileFields.saved', { label: saved.label }));
            }}
          />
        )}
      </ModalDialog>
    </section>
  );
}

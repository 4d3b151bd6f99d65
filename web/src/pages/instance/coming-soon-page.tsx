// What a module shows until it is built: honest, and in the user's language.
import { EmptyState } from '../../components/empty-state';
import { useT } from '../../i18n/i18n-context';
import type { InstanceModule } from './instance-modules';

export function ComingSoonPage({ module }: { module: InstanceModule }) {
  const t = useT();
  return (
    <EmptyState icon={module.icon} title={t('comingSoon.title', { module: t(module.labelKey) })}>
      <p>{t('comingSoon.body')}</p>
    </EmptyState>
  );
}

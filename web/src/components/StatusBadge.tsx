import type { DocumentStatus } from '../api/types';
import { useI18n } from '../i18n';

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

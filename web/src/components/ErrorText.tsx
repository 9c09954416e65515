import { useI18n } from '../i18n';

/** An error message announced to screen readers; renders nothing without an error. */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {t('common.error', { message })}
    </p>
  );
}

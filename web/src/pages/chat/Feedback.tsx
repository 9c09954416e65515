// Thumbs up/down with an optional comment for one answer.
import { useId, useState } from 'react';
import { chatApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';

export function Feedback({ messageId }: { messageId: string }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [rating, setRating] = useState<'up' | 'down' | null>(null);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const send = async (r: 'up' | 'down', text: string) => {
    setError(null);
    try {
      await chatApi.feedback(api, messageId, r, text);
      setSent(true);
    } catch (e) {
      setError(e);
    }
  };

  if (sent) return <p className="muted small" role="status">{t('chat.feedback.thanks')}</p>;
  return (
    <div className="feedback">
      <button type="button" className="icon-button" aria-pressed={rating === 'up'} aria-label={t('chat.feedback.up')} title={t('chat.feedback.up')} onClick={() => setRating('up')}>
        👍
      </button>
      <button type="button" className="icon-button" aria-pressed={rating === 'down'} aria-label={t('chat.feedback.down')} title={t('chat.feedback.down')} onClick={() => setRating('down')}>
        👎
      </button>
      {rating && (
        <form
          className="feedback-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(rating, comment);
          }}
        >
          <label htmlFor={id}>{t('chat.feedback.comment')}</label>
          <textarea id={id} rows={2} dir="auto" value={comment} onChange={(e) => setComment(e.target.value)} />
          <button type="submit">{t('chat.feedback.send')}</button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}

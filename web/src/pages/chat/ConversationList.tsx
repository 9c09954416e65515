import type { ConversationSummary } from '../../api/types';
import { useI18n } from '../../i18n';
import { Link } from '../../lib/router';

interface Props {
  items: ConversationSummary[];
  currentId: string | null;
  onNew(): void;
}

export function ConversationList({ items, currentId, onNew }: Props) {
  const { t } = useI18n();
  return (
    <nav className="conv-list" aria-labelledby="conv-heading">
      <h2 id="conv-heading" className="small">
        {t('chat.conversations')}
      </h2>
      <button type="button" className="primary wide" onClick={onNew}>
        {t('chat.new')}
      </button>
      {items.length === 0 ? (
        <p className="muted small">{t('chat.noConversations')}</p>
      ) : (
        <ul>
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/c/${encodeURIComponent(c.id)}`} aria-current={c.id === currentId ? 'page' : undefined}>
                <bdi>{c.title || t('chat.untitled')}</bdi>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

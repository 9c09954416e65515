// One turn of the conversation. Assistant answers are rendered as sanitised markdown with
// citation chips inline and listed below.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ChatMessage, Citation } from '../../api/types';
import { useI18n } from '../../i18n';
import { renderMarkdown } from '../../lib/markdown';
import { Feedback } from './Feedback';

export interface ViewMessage extends ChatMessage {
  streaming?: boolean;
  stopped?: boolean;
  error?: string;
}

interface Props {
  message: ViewMessage;
  onCite(c: Citation): void;
}

export function MessageView({ message, onCite }: Props) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  const citations = useMemo(() => message.citations ?? [], [message.citations]);
  const html = useMemo(
    () => (message.role === 'assistant' ? renderMarkdown(message.content, citations.map((c) => c.n)) : ''),
    [message.role, message.content, citations],
  );

  // Inline chips come from the sanitised HTML: give them accessible names.
  useEffect(() => {
    body.current?.querySelectorAll<HTMLElement>('[data-cite]').forEach((el) => {
      const c = citations.find((x) => String(x.n) === el.dataset.cite);
      if (c) el.setAttribute('aria-label', t('chat.citation', { n: c.n, title: c.title }));
    });
  }, [html, citations, t]);

  const activateInline = (e: MouseEvent | KeyboardEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-cite]');
    if (!el) return;
    if ('key' in e && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    const c = citations.find((x) => String(x.n) === el.dataset.cite);
    if (c) onCite(c);
  };

  if (message.role === 'user') {
    return (
      <li className="msg msg-user">
        <span className="visually-hidden">{t('chat.you')}</span>
        <p dir="auto">{message.content}</p>
      </li>
    );
  }

  const notFound = message.answered === false;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message.content);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (insecure context): nothing to do.
    }
  };

  return (
    <li className={`msg msg-assistant${notFound ? ' msg-not-found' : ''}`} aria-busy={message.streaming || undefined}>
      <span className="visually-hidden">{t('chat.assistant')}</span>
      {notFound && (
        <p className="not-found-title">
          <span aria-hidden="true">⚠ </span>
          {t('chat.notFound.title')}
        </p>
      )}
      {message.streaming && !message.content && <p className="muted">{t('chat.thinking')}</p>}
      <div
        ref={body}
        className="markdown"
        dir="auto"
        onClick={activateInline}
        onKeyDown={activateInline}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {notFound && !message.content && <p>{t('chat.notFound.body')}</p>}
      {message.stopped && <p className="muted small">{t('chat.stopped')}</p>}
      {message.error && (
        <p className="error" role="alert">
          {t('common.error', { message: message.error })}
        </p>
      )}
      {citations.length > 0 && (
        <div className="sources">
          <h3 className="small">{t('chat.sources')}</h3>
          <ul className="chips">
            {citations.map((c) => (
              <li key={c.n}>
                <button type="button" className="chip" onClick={() => onCite(c)} aria-label={t('chat.citation', { n: c.n, title: c.title })}>
                  <span className="chip-n">{c.n}</span>
                  <bdi className="chip-title">{c.title}</bdi>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!message.streaming && message.content && (
        <div className="msg-actions">
          <button type="button" onClick={() => void copy()}>
            {copied ? t('chat.copied') : t('chat.copy')}
          </button>
          {message.id && <Feedback messageId={message.id} />}
        </div>
      )}
    </li>
  );
}

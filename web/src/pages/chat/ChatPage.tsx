// Chat: conversation list, the current conversation with a streamed answer, source panel.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { chatApi } from '../../api/endpoints';
import { streamAnswer } from '../../api/streams';
import type { Citation, ConversationSummary } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/router';
import { CitationPanel } from './CitationPanel';
import { ConversationList } from './ConversationList';
import { MessageView, type ViewMessage } from './MessageView';

export function ChatPage({ conversationId }: { conversationId: string | null }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [messages, setMessages] = useState<ViewMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [cited, setCited] = useState<Citation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [streaming, setStreaming] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const justCreated = useRef<string | null>(null);
  const shownId = useRef<string | null>(conversationId);
  const inputId = useId();
  const input = useRef<HTMLTextAreaElement>(null);

  const loadList = useCallback(() => {
    chatApi.list(api).then(setConversations, setError);
  }, [api]);
  useEffect(loadList, [loadList]);

  useEffect(() => {
    document.title = `${t('nav.chat')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    shownId.current = conversationId;
    setCited(null);
    if (!conversationId) {
      setMessages([]);
      return;
    }
    if (justCreated.current === conversationId) return; // the stream is filling it in
    abort.current?.abort(); // leaving a conversation stops its answer
    let live = true;
    chatApi.get(api, conversationId).then(
      (c) => live && setMessages(c.messages ?? []),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  useEffect(() => () => abort.current?.abort(), []);

  const updateLast = (f: (m: ViewMessage) => ViewMessage) =>
    setMessages((ms) => (ms.length === 0 ? ms : [...ms.slice(0, -1), f(ms[ms.length - 1]!)]));

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const content = draft.trim();
    if (!content || streaming) return;
    setError(null);
    let id = conversationId;
    try {
      if (!id) {
        id = (await chatApi.create(api)).id;
        justCreated.current = id;
        shownId.current = id;
        navigate(`/c/${encodeURIComponent(id)}`);
      }
    } catch (err) {
      setError(err);
      return;
    }
    setDraft('');
    setMessages((ms) => [...ms, { role: 'user', content }, { role: 'assistant', content: '', streaming: true }]);
    const controller = new AbortController();
    abort.current = controller;
    setStreaming(true);
    const streamId = id;
    // Events of a stream only touch the screen while its conversation is the one shown.
    const apply = (f: (m: ViewMessage) => ViewMessage) => {
      if (shownId.current === streamId) updateLast(f);
    };
    try {
      await streamAnswer(
        api,
        id,
        content,
        {
          onDelta: (text) => apply((m) => ({ ...m, content: m.content + text })),
          onCitations: (citations) => apply((m) => ({ ...m, citations })),
          onDone: (d) => apply((m) => ({ ...m, id: d.message_id, answered: d.answered })),
          onError: (message) => apply((m) => ({ ...m, error: message })),
        },
        controller.signal,
      );
    } catch (err) {
      apply((m) => ({ ...m, error: (err as Error).message }));
    } finally {
      const stopped = controller.signal.aborted;
      apply((m) => ({ ...m, streaming: false, stopped }));
      setStreaming(false);
      abort.current = null;
      loadList();
      input.current?.focus();
    }
  };

  const newChat = () => {
    abort.current?.abort();
    navigate('/');
    setMessages([]);
    input.current?.focus();
  };

  return (
    <div className={`chat-layout${cited ? ' with-panel' : ''}`}>
      <ConversationList items={conversations} currentId={conversationId} onNew={newChat} />
      <section className="chat-main" aria-labelledby="chat-heading">
        <h1 id="chat-heading" className="visually-hidden">
          {t('nav.chat')}
        </h1>
        {messages.length === 0 && <p className="welcome">{t('chat.welcome')}</p>}
        <ol className="messages" aria-live="polite" aria-relevant="additions text">
          {messages.map((m, i) => (
            <MessageView key={i} message={m} onCite={setCited} />
          ))}
        </ol>
        <ErrorText error={error} />
        <form className="composer" onSubmit={send}>
          <label htmlFor={inputId} className="visually-hidden">
            {t('chat.inputLabel')}
          </label>
          <textarea
            ref={input}
            id={inputId}
            dir="auto"
            rows={2}
            placeholder={t('chat.placeholder')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {streaming ? (
            <button type="button" onClick={() => abort.current?.abort()}>
              {t('chat.stop')}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!draft.trim()}>
              {t('chat.send')}
            </button>
          )}
        </form>
      </section>
      {cited && <CitationPanel key={`${cited.chunk_id}-${cited.n}`} citation={cited} onClose={() => setCited(null)} />}
    </div>
  );
}

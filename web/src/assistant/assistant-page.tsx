import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { askAssistant } from './ask-assistant';
import { ChatTranscript } from './chat-transcript';
import type { ChatMessage } from './chat-types';

type Assistant = Extract<ChatMessage, { role: 'assistant' }>;

/** The chat on /experiment/agent: answers stream in, tool steps appear as they happen. */
export function AssistantPage() {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // Leaving the page stops the answer being streamed.
  useEffect(() => () => abort.current?.abort(), []);

  // Updates the answer being streamed (the last message).
  const updateAnswer = (change: (answer: Assistant) => Assistant) =>
    setMessages((all) => {
      const last = all[all.length - 1];
      return last?.role === 'assistant' ? [...all.slice(0, -1), change(last)] : all;
    });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const question = text.trim();
    if (!question || busy) return;
    setText('');
    setProblem(null);
    setBusy(true);
    setMessages((all) => [
      ...all,
      { role: 'user', text: question },
      { role: 'assistant', text: '', steps: [], error: null, done: false },
    ]);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const outcome = await askAssistant(
        question,
        conversationId,
        {
          onStep: (step) => updateAnswer((answer) => ({ ...answer, steps: [...answer.steps, step] })),
          onDelta: (delta) => updateAnswer((answer) => ({ ...answer, text: answer.text + delta })),
          onError: (detail) => updateAnswer((answer) => ({ ...answer, error: detail })),
          onDone: (envelope) => {
            setConversationId(envelope.conversationId);
            // The answer is the streamed text (the envelope's result is the same, joined).
            updateAnswer((answer) => ({ ...answer, done: true }));
          },
        },
        controller.signal,
      );
      if (!outcome.ok) {
        setMessages((all) => all.slice(0, -2));
        setText(question);
        if (outcome.problem.status === 404 && conversationId) {
          // The server forgot the conversation (idle expiry or DELETE): the next send starts a new one.
          setConversationId(null);
          setProblem({
            ...outcome.problem,
            title: 'Conversation expired',
            detail: `Conversation ${conversationId} is no longer on the server (expired or deleted). Send again to start a new conversation.`,
          });
        } else setProblem(outcome.problem);
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError')
        updateAnswer((answer) => ({ ...answer, error: 'The answer stopped: the connection was lost' }));
    } finally {
      updateAnswer((answer) => ({ ...answer, done: true }));
      abort.current = null;
      setBusy(false);
      input.current?.focus();
    }
  };

  const newConversation = () => {
    abort.current?.abort();
    setMessages([]);
    setConversationId(null);
    setProblem(null);
    input.current?.focus();
  };

  return (
    <section aria-labelledby="assistant-title" className="assistant">
      <div className="page-head">
        <h1 id="assistant-title">Assistant</h1>
        <button type="button" onClick={newConversation}>
          New conversation
        </button>
      </div>
      <p className="hint">
        Ask in words, e.g. <q>list models</q> or{' '}
        <q>register model qoe version 1 description "QoE" author alice input pdcpBytesDl output throughput</q>
        .{conversationId && <span className="conversation"> Conversation {conversationId}</span>}
      </p>
      {messages.length === 0 && <p className="empty">No message yet.</p>}
      <ChatTranscript messages={messages} />
      {problem && <ProblemAlert problem={problem} />}
      <form className="composer" onSubmit={(event) => void send(event)}>
        <label htmlFor="chat-input">Message</label>
        <textarea
          id="chat-input"
          ref={input}
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            // Enter that ends an IME composition (Japanese, Chinese…) picks the text, it does not send.
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="primary" disabled={busy}>
          Send
        </button>
      </form>
    </section>
  );
}

import type { ChatMessage } from './chat-types';
import { ToolStep } from './tool-step';

/** The turns so far; the log region announces the streamed answer to screen readers. */
export function ChatTranscript({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="transcript" role="log" aria-live="polite" aria-label="Conversation">
      {messages.map((message, index) =>
        message.role === 'user' ? (
          <li key={index} className="message user">
            <span className="who">You</span>
            <p>{message.text}</p>
          </li>
        ) : (
          <li key={index} className="message assistant" aria-busy={!message.done}>
            <span className="who">Assistant</span>
            {message.steps.length > 0 && (
              <ul className="steps" aria-label="Tool steps">
                {message.steps.map((step, stepIndex) => (
                  <ToolStep key={stepIndex} step={step} />
                ))}
              </ul>
            )}
            <p>{message.text || (message.done ? '' : 'Thinking…')}</p>
            {message.error && <p className="field-error">{message.error}</p>}
          </li>
        ),
      )}
    </ol>
  );
}

// "Alice is typing…" under the timeline. The line keeps its height when
// empty, so the timeline does not jump when someone starts or stops.
import { useT } from '../../i18n/i18n-context';

export function TypingIndicator({ userIds, names }: { userIds: string[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const typing = userIds.map((id) => names.get(id) ?? t('notifications.someone'));
  const [first, second] = typing;
  let text = '';
  if (typing.length > 2) text = t('chat.typingMany');
  else if (first && second) text = t('chat.typingTwo', { first, second });
  else if (first) text = t('chat.typingOne', { name: first });
  return (
    <p className="typing-indicator" aria-live="polite" data-testid="typing-indicator">
      {text && <span className="typing-dots" aria-hidden="true" />}
      {text}
    </p>
  );
}

// How each reaction looks. The names are the API's; the emoji only decorate
// (every reaction button also has a translated text name).
import type { Reaction } from '../../../api/post-types';

export const REACTION_EMOJI: Record<Reaction, string> = {
  like: '👍',
  love: '❤️',
  laugh: '😂',
  celebrate: '🎉',
  wow: '😮',
  sad: '😢',
  thanks: '🙏',
  eyes: '👀',
};

// "I am typing" frames, at most one per stream every interval: a keystroke
// too soon after the last frame sends one when the interval is over, so
// typing right after sending a message still shows; sending the message
// cancels that late frame.

/** The server takes at most one typing frame per 2 s and stream (a margin for jitter). */
const TYPING_INTERVAL_MS = 2100;

export class TypingThrottle {
  private readonly sentAt = new Map<string, number>();
  private readonly later = new Map<string, number>();
  private readonly sendFrame: (stream: string) => void;

  constructor(sendFrame: (stream: string) => void) {
    this.sendFrame = sendFrame;
  }

  typing(stream: string): void {
    const wait = TYPING_INTERVAL_MS - (Date.now() - (this.sentAt.get(stream) ?? 0));
    if (wait <= 0) {
      this.cancel(stream);
      this.sentAt.set(stream, Date.now());
      this.sendFrame(stream);
    } else if (!this.later.has(stream)) {
      this.later.set(stream, window.setTimeout(() => {
        this.later.delete(stream);
        this.typing(stream);
      }, wait));
    }
  }

  cancel(stream: string): void {
    const timer = this.later.get(stream);
    if (timer !== undefined) window.clearTimeout(timer);
    this.later.delete(stream);
  }
}

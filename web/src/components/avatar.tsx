// A person's picture, or their initials on a coloured disc when they have
// none. Decorative by default (the name is written next to it); give `alt`
// when the picture stands alone.
interface AvatarProps {
  name: string;
  url: string | null;
  /** Side in CSS pixels. */
  size?: number;
  alt?: string;
}

/** Up to two letters: the first of the first and of the last word. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

// The same name always gets the same of these hues.
const HUES = [24, 200, 140, 280, 340, 50, 170, 230];

function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return HUES[Math.abs(hash) % HUES.length] ?? 24;
}

export function Avatar({ name, url, size = 40, alt = '' }: AvatarProps) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (url) {
    return <img className="avatar" src={url} alt={alt} width={size} height={size} style={style} />;
  }
  return (
    <span
      className="avatar avatar-initials"
      style={{ ...style, ['--avatar-hue' as string]: hueOf(name) }}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
    >
      {initialsOf(name)}
    </span>
  );
}

// Smiley faces drawn inline (no image files to fetch, crisp at any panel size). Mood 1 is the
// worst, 5 the best; a four-face survey skips the neutral face.
const MOUTHS: Record<number, string> = {
  1: 'M30 74 Q50 52 70 74',
  2: 'M32 70 Q50 61 68 70',
  3: 'M32 67 L68 67',
  4: 'M32 62 Q50 76 68 62',
  5: 'M28 58 Q50 88 72 58 Z',
};

export function moodsFor(faces: 4 | 5): number[] {
  return faces === 5 ? [1, 2, 3, 4, 5] : [1, 2, 4, 5];
}

export function Face({ mood }: { mood: number }) {
  return (
    <svg
      className={`face-art mood-${mood}`}
      viewBox="0 0 100 100"
      aria-hidden="true"
      focusable="false"
    >
      <circle className="face-skin" cx="50" cy="50" r="46" />
      {mood === 1 && <path className="face-line" d="M25 33 L41 27 M75 33 L59 27" />}
      <circle className="face-eye" cx="37" cy="44" r="5.5" />
      <circle className="face-eye" cx="63" cy="44" r="5.5" />
      <path
        className={mood === 5 ? 'face-mouth open' : 'face-line'}
        d={MOUTHS[mood] ?? MOUTHS[3]}
      />
    </svg>
  );
}

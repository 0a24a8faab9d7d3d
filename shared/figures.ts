// How the staff pages and the digest e-mail write figures: counts with a thousands separator, as
// a manager reads "12,480 answers" at a glance and "12480" not (the staff app is in English), and
// changes with their sign: a true minus, and ± for no change.
const EN = new Intl.NumberFormat('en-US');

export const count = (n: number): string => EN.format(n);

export const signed = (x: number): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : '±'}${EN.format(Math.abs(x))}`;

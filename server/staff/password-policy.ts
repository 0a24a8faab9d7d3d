// The staff password policy, after OWASP ASVS 5.0 (V6.2) and NIST SP 800-63B: length over
// composition. Staff log in with a password alone, no second factor, so a password needs at least
// 15 characters (8 would do only with one); up to 128, so a password manager's are welcome; any
// characters, spaces included, and no rules about digits, capitals or symbols. Refused instead:
// the commonest passwords (the zxcvbn-ts list of about 49,000), also when dressed up with digits
// or symbols around them or repeated to length ("Password2024!!!!", "passwordpassword"); runs
// along the keyboard, the alphabet or the digits ("1234567890123456", "qwertyuiopasdfgh"); strings
// of too few different characters; and the account's own name or the product's.
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 128;
const MIN_DISTINCT_CHARACTERS = 5;
const PRODUCT = 'lastword';
const SEQUENCES = [
  '0123456789'.repeat(14),
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
];

let common: Promise<Set<string>> | undefined;

/** Loaded on first use: only account changes need the list, never a login. */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    (m) => new Set(m.dictionary['passwords-common']),
  );
  return common;
}

/** The shortest piece the text is a repeat of ("abcabcabc" → "abc"), or the text itself. */
function repeated(text: string): string {
  for (let n = 1; n <= text.length / 2; n++)
    if (text.length % n === 0 && text.slice(0, n).repeat(text.length / n) === text)
      return text.slice(0, n);
  return text;
}

/** The password and what a dressed-up common password would be underneath. */
function candidates(lower: string): string[] {
  const bare = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [lower, bare, repeated(lower), repeated(bare)];
}

/** Why `password` will not do for the account `username`, or null when it will. */
export async function passwordProblem(password: string, username: string): Promise<string | null> {
  const text = password.normalize('NFC');
  const characters = [...text];
  if (characters.length < MIN_PASSWORD_LENGTH)
    return `the password needs at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one)`;
  if (characters.length > MAX_PASSWORD_LENGTH)
    return `the password can have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS)
    return 'the password repeats too few different characters';
  const lower = text.toLowerCase();
  for (const word of [username.trim().toLowerCase(), PRODUCT])
    if (word.length >= 4 && lower.includes(word)) return `the password must not contain "${word}"`;
  const reversed = [...lower].reverse().join('');
  if (SEQUENCES.some((run) => run.includes(lower) || run.includes(reversed)))
    return 'the password is a run along the keyboard or the alphabet: choose another';
  const list = await commonPasswords();
  if (candidates(lower).some((c) => list.has(c)))
    return 'the password is one of the most common passwords: choose another';
  return null;
}

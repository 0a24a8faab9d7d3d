// A digest is shared with the whole team and printed for the staff room, so a comment in it
// never carries a way to reach someone: customers type their e-mail address or phone number into
// the comment box as well as into the contact field ("call me on 0401 234 567").
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
// Seven or more digits, with the spaces, dots, dashes, slashes and brackets phone numbers are
// written with, and an optional leading +. Short numbers (prices, dates, "desk 2") stay.
const PHONE = /\+?\(?\d(?:[\s./()-]*\d){6,}/g;

// Dates have as many digits as short phone numbers: 2026-11-30, 30.11.2026, 11/30/2026 stay.
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4})$/;

export const BLANKED = '[contact removed]';

export function blankContacts(text: string): string {
  return text
    .replace(EMAIL, BLANKED)
    .replace(PHONE, (digits) => (DATE.test(digits) ? digits : BLANKED));
}

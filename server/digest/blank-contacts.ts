// A digest is shared with the whole team and printed for the staff room, so a comment in it
// never carries a way to reach someone: customers type their e-mail address or phone number into
// the comment box as well as into the contact field ("call me on 0401 234 567").
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
// Seven or more digits, with the spaces, dots, dashes, slashes and brackets phone numbers are
// written with, and an optional leading +. Short numbers (prices, dates, "desk 2") stay.
const PHONE = /\+?\(?\d(?:[\s./()-]*\d){6,}/g;

export const BLANKED = '[contact removed]';

export function blankContacts(text: string): string {
  return text.replace(EMAIL, BLANKED).replace(PHONE, BLANKED);
}

// Text into HTML, for the digest's two HTML outputs (the e-mail and the unsubscribe page): every
// word a customer or a colleague wrote goes through it, in element content and in attributes.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

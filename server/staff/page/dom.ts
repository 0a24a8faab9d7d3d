// The only way the staff page makes elements. Children given as strings become Text nodes
// (append), so customer-written comments and names can never become markup; attributes that
// would run script (on*) or load something (src, href) are refused outright.
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on|^src$|^href$|^srcdoc$|^style$/i.test(name))
      throw new Error(`el(): attribute "${name}" is not allowed`);
    node.setAttribute(name, value);
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** The API's messages are lower-case fragments (for logs); on screen they start as a sentence. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** How a recipient is called on pages and lists: the person's name, else their title, else the row's id. */
export function recipientName(recipient: { key: string; fields: Record<string, string> }): string {
  return recipient.fields.name || recipient.fields.title || recipient.key;
}

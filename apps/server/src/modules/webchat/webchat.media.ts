import type { LinkSigner } from '../../infra/crypto.js';

/**
 * Where a web-chat visitor opens a file we sent. Visitors have no session on our origin (the widget
 * runs on the customer's site), so the link carries a signature of the message id instead.
 */
export function webchatMediaPath(links: LinkSigner, messageId: number): string {
  return `/webchat/media/${messageId}?sig=${links.sign(String(messageId))}`;
}

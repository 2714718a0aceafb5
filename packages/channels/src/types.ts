/**
 * The shapes every channel (WhatsApp Cloud, Baileys "whatsapp-web", webchat) is normalised into at
 * the edge, so that ingest, tickets and flows never see a provider's JSON (see
 * docs/CHANNELS-WHATSAPP.md §4). The server picks one transport per connection type.
 */

/** Lifecycle of a connection; Cloud is stateless HTTP and always reports 'n/a'. */
export type SessionState = 'n/a' | 'connecting' | 'qr' | 'pairing' | 'open' | 'closed' | 'logged_out';

export type InboundKind =
  'text' | 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'contacts' | 'interactive' | 'reaction' | 'unsupported';

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/** The message kinds that carry a file. */
export const MEDIA_KINDS: ReadonlySet<string> = new Set<MediaKind>(['image', 'video', 'audio', 'document', 'sticker']);

export const isMediaKind = (kind: string): kind is MediaKind => MEDIA_KINDS.has(kind);

/** A pointer to media still held by the provider; fetch it soon, provider ids and URLs expire. */
export interface MediaRef {
  providerId: string;
  mimeType?: string;
  /** As the provider sent it: Cloud webhooks use base64, Baileys uses hex; compare with care. */
  sha256?: string;
  fileName?: string;
  caption?: string;
  voice?: boolean;
  animated?: boolean;
}

/**
 * Who sent a message. Since April 2026 Cloud may omit the phone number (waId) for users with a
 * username, leaving only the business-scoped id (bsuid), so contacts must be keyed on either.
 */
export interface Sender {
  waId?: string;
  bsuid?: string;
  jid?: string;
  name?: string;
}

export interface InboundMessage {
  /** Provider id (wamid for Cloud, key.id for Baileys); unique per channel, the dedupe key. */
  externalId: string;
  sender: Sender;
  at: Date;
  kind: InboundKind;
  /** Body, media caption, or the title of the chosen button/list row. */
  text?: string;
  media?: MediaRef;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: Array<{ name: string; phones: Array<{ phone: string; waId?: string }> }>;
  choice?: { id: string; title: string; source: 'button' | 'list' | 'template' };
  /** emoji null means the customer removed their reaction. */
  reaction?: { targetExternalId: string; emoji: string | null };
  replyToExternalId?: string;
  fromMe?: boolean;
  error?: { code: number | string; title: string };
  /** The provider's own object, kept for audit and for fields we do not map yet. */
  raw: unknown;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface StatusUpdate {
  externalId: string;
  status: DeliveryStatus;
  at: Date;
  recipient?: string;
  error?: { code: number | string; title: string; details?: string };
  /** The clientRef we sent with the message, when the provider echoes it. */
  clientRef?: string;
}

interface OutboundBase {
  /** Recipient phone number, digits only with country code. */
  to: string;
  replyToExternalId?: string;
  /**
   * Our idempotency key. Cloud echoes it as `biz_opaque_callback_data` in the status webhooks, which
   * is how a send that timed out is matched to its provider id instead of being sent twice.
   */
  clientRef?: string;
}

export interface OutboundText extends OutboundBase {
  kind: 'text';
  body: string;
  previewUrl?: boolean;
}

/**
 * Cloud: exactly one of providerMediaId (an uploaded id) or link (a public HTTPS URL).
 * WhatsApp Web (Baileys) encrypts and uploads the file itself while sending, so it takes the bytes.
 */
export interface OutboundMedia extends OutboundBase {
  kind: 'media';
  mediaKind: MediaKind;
  providerMediaId?: string;
  link?: string;
  bytes?: Buffer;
  mimeType?: string;
  caption?: string;
  fileName?: string;
  voice?: boolean;
}

export interface OutboundReaction extends OutboundBase {
  kind: 'reaction';
  targetExternalId: string;
  /** An empty string removes our earlier reaction. */
  emoji: string;
}

/** Meta's template component shape, passed through untouched. */
export interface TemplateComponent {
  type: string;
  sub_type?: string;
  index?: string | number;
  parameters?: Array<{ type: string } & Record<string, unknown>>;
}

export interface OutboundTemplate extends OutboundBase {
  kind: 'template';
  name: string;
  /** Meta language code, e.g. "pt_BR". */
  language: string;
  components?: TemplateComponent[];
}

export interface OutboundButtons extends OutboundBase {
  kind: 'buttons';
  body: string;
  /** At most 3 (WhatsApp limit). */
  buttons: Array<{ id: string; title: string }>;
}

export interface ListSection {
  title?: string;
  rows: Array<{ id: string; title: string; description?: string }>;
}

export interface OutboundList extends OutboundBase {
  kind: 'list';
  body: string;
  /** Label of the button that opens the list. */
  button: string;
  /** Up to 10 rows in total (WhatsApp limit). */
  sections: ListSection[];
}

/** A contact card: Cloud `type: "contacts"`, a vCard on WhatsApp Web, a .vcf file on web chat. */
export interface OutboundContacts extends OutboundBase {
  kind: 'contacts';
  contacts: ContactCard[];
}

export interface ContactCard {
  name: string;
  /** With country code; "+" and punctuation are allowed, digits are what counts. */
  phone: string;
}

export type OutboundMessage =
  OutboundText | OutboundMedia | OutboundReaction | OutboundTemplate | OutboundButtons | OutboundList | OutboundContacts;

export interface FetchedMedia {
  bytes: Buffer;
  mimeType: string;
  sha256?: string;
}

import { createHash } from 'node:crypto';
import { ChannelError } from '../ChannelError.js';
import { asArray, asNumber, asObject, asString, compact } from '../jsonReaders.js';
import type { FetchedMedia, OutboundMessage } from '../types.js';
import { buildMessageBody } from './buildMessageBody.js';
import { graphRequest, readJson } from './graphRequest.js';
import type { GraphRequest } from './graphRequest.js';

export interface CloudApiClientOptions {
  /** e.g. https://graph.facebook.com; a fake server's URL in tests. */
  graphUrl: string;
  /** e.g. v23.0 */
  version: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
}

export interface CloudMediaInfo {
  url: string;
  mimeType: string;
  sha256?: string;
  fileSize?: number;
}

export interface CloudTemplate {
  id?: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: unknown[];
}

/** Guards against a paging loop in a misbehaving API; 50 × 100 templates is far above Meta's caps. */
const MAX_TEMPLATE_PAGES = 50;

/** HTTPS client for one WhatsApp Cloud phone number. Every failure is thrown as a ChannelError. */
export class CloudApiClient {
  private readonly base: string;
  private readonly options: Required<CloudApiClientOptions>;

  constructor(options: CloudApiClientOptions) {
    this.options = { timeoutMs: 15_000, ...options };
    this.base = `${options.graphUrl.replace(/\/+$/, '')}/${options.version}`;
  }

  /** No idempotency key exists on this endpoint: on TIMEOUT (maybeDelivered) check before re-sending. */
  async send(message: OutboundMessage): Promise<{ externalId: string }> {
    const response = await this.json('POST', this.path(this.options.phoneNumberId, 'messages'), buildMessageBody(message));
    const externalId = asString(asObject(asArray(asObject(response)?.['messages'])[0])?.['id']);
    if (!externalId) {
      throw new ChannelError({
        code: 'BAD_RESPONSE',
        message: 'Graph API accepted the message but returned no id',
        retryable: false,
        maybeDelivered: true,
      });
    }
    return { externalId };
  }

  async markRead(externalId: string): Promise<void> {
    await this.json('POST', this.path(this.options.phoneNumberId, 'messages'), {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: externalId,
    });
  }

  async uploadMedia(bytes: Buffer, mimeType: string, fileName: string): Promise<{ id: string }> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mimeType);
    // Copy into a plain Uint8Array: a pooled Buffer may view a larger ArrayBuffer.
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), fileName);
    const response = await this.request({ method: 'POST', url: this.path(this.options.phoneNumberId, 'media'), form }, readJson);
    const id = asString(asObject(response)?.['id']);
    if (!id) throw badResponse('media upload returned no id');
    return { id };
  }

  async getMediaInfo(mediaId: string): Promise<CloudMediaInfo> {
    const info = asObject(await this.json('GET', this.path(mediaId)));
    const url = asString(info?.['url']);
    if (!info || !url) throw badResponse(`media ${mediaId} has no url`);
    return compact({
      url,
      mimeType: asString(info['mime_type']) ?? 'application/octet-stream',
      sha256: asString(info['sha256']),
      fileSize: asNumber(info['file_size']),
    });
  }

  /** Download right after the webhook: the URL lives minutes and the id about 7 days (§1.5). */
  async downloadMedia(mediaId: string): Promise<FetchedMedia> {
    const info = await this.getMediaInfo(mediaId);
    // The download host also wants the Bearer token (it is not a pre-signed URL).
    const bytes = await this.request({ method: 'GET', url: info.url }, async (response) => Buffer.from(await response.arrayBuffer()));
    if (info.sha256 !== undefined && !matchesSha256(bytes, info.sha256)) {
      throw new ChannelError({
        code: 'MEDIA_CHECKSUM',
        message: `media ${mediaId}: sha256 mismatch`,
        retryable: true, // a truncated transfer is the usual cause; a fresh download normally fixes it.
        details: `expected ${info.sha256}`,
      });
    }
    return compact({ bytes, mimeType: info.mimeType, sha256: info.sha256 });
  }

  async listTemplates(wabaId: string): Promise<CloudTemplate[]> {
    const templates: CloudTemplate[] = [];
    let url: string | undefined = `${this.path(wabaId, 'message_templates')}?limit=100`;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_TEMPLATE_PAGES) throw badResponse('message_templates paging did not end');
      const response = asObject(await this.json('GET', url));
      for (const raw of asArray(response?.['data'])) {
        const template = readTemplate(raw);
        if (template) templates.push(template);
      }
      url = this.sameOriginOrUndefined(asString(asObject(response?.['paging'])?.['next']));
    }
    return templates;
  }

  /** Cheap call to validate a token + phone number id when a tenant connects the channel. */
  async checkCredentials(): Promise<{ displayPhoneNumber: string; verifiedName: string }> {
    const info = asObject(await this.json('GET', `${this.path(this.options.phoneNumberId)}?fields=display_phone_number,verified_name`));
    const displayPhoneNumber = asString(info?.['display_phone_number']);
    if (!displayPhoneNumber) throw badResponse('phone number lookup returned no display_phone_number');
    return { displayPhoneNumber, verifiedName: asString(info?.['verified_name']) ?? '' };
  }

  private path(...segments: string[]): string {
    return `${this.base}/${segments.map(encodeURIComponent).join('/')}`;
  }

  /** The token is attached to every request, so paging links may only lead back to the Graph host. */
  private sameOriginOrUndefined(next: string | undefined): string | undefined {
    if (next === undefined) return undefined;
    if (new URL(next).origin !== new URL(this.base).origin) throw badResponse(`paging.next points elsewhere: ${next}`);
    return next;
  }

  private json(method: GraphRequest['method'], url: string, json?: unknown): Promise<unknown> {
    return this.request({ method, url, json }, readJson);
  }

  private request<T>(
    request: Pick<GraphRequest, 'method' | 'url' | 'json' | 'form'>,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    return graphRequest({ ...request, accessToken: this.options.accessToken, timeoutMs: this.options.timeoutMs }, read);
  }
}

/** Graph's media endpoint gives hex, webhooks give base64; accept either spelling of the digest. */
function matchesSha256(bytes: Buffer, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  return expected.toLowerCase() === digest.toString('hex') || expected === digest.toString('base64');
}

function readTemplate(raw: unknown): CloudTemplate | undefined {
  const obj = asObject(raw);
  const name = asString(obj?.['name']);
  if (!obj || !name) return undefined;
  return compact({
    id: asString(obj['id']),
    name,
    language: asString(obj['language']) ?? '',
    status: asString(obj['status']) ?? 'UNKNOWN',
    category: asString(obj['category']) ?? 'UNKNOWN',
    components: asArray(obj['components']),
  });
}

function badResponse(message: string): ChannelError {
  return new ChannelError({ code: 'BAD_RESPONSE', message, retryable: false });
}

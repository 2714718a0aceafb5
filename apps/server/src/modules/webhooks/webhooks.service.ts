import dns from 'node:dns/promises';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type {
  CreateWebhookSubscriptionRequest,
  UpdateWebhookSubscriptionRequest,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@jimmy/contracts';
import type { SecretBox } from '../../infra/crypto.js';
import { DomainError, notFound } from '../../infra/errors.js';
import type { Jobs } from '../../infra/jobs.js';
import { isBlockedAddress } from '../../infra/network-guard.js';
import { WebhooksRepository } from './webhooks.repository.js';

const subscriptionNotFound = () => notFound('Webhook subscription', 'WEBHOOK_SUBSCRIPTION_NOT_FOUND');

const urlRefused = (reason: string) => new DomainError('WEBHOOK_URL_NOT_ALLOWED', `url: ${reason}`, 400, { url: reason });

/** `whsec_` + 32 random bytes: recognisable in a receiver's config, long enough for HMAC-SHA256. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** Admin use cases: subscriptions, their secrets, the delivery log, replays and test events. */
export class WebhooksService {
  private readonly repo: WebhooksRepository;

  constructor(private readonly deps: { pool: pg.Pool; box: SecretBox; jobs: Jobs; allowPrivate: boolean }) {
    this.repo = new WebhooksRepository(deps.pool);
  }

  list(companyId: number): Promise<WebhookSubscription[]> {
    return this.repo.list(companyId);
  }

  async get(companyId: number, id: number): Promise<WebhookSubscription> {
    const subscription = await this.repo.get(companyId, id);
    if (!subscription) throw subscriptionNotFound();
    return subscription;
  }

  async create(companyId: number, input: CreateWebhookSubscriptionRequest): Promise<WebhookSubscriptionWithSecret> {
    await this.checkUrl(input.url);
    const secret = newSecret();
    const created = await this.repo.insert(companyId, {
      url: input.url,
      events: [...new Set(input.events)],
      active: input.active ?? true,
      description: input.description ?? null,
      sealedSecret: this.deps.box.seal(secret),
    });
    return { ...created, secret };
  }

  async update(companyId: number, id: number, patch: UpdateWebhookSubscriptionRequest): Promise<WebhookSubscription> {
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    const updated = await this.repo.update(companyId, id, {
      ...(patch.url !== undefined && { url: patch.url }),
      ...(patch.events !== undefined && { events: [...new Set(patch.events)] }),
      ...(patch.active !== undefined && { active: patch.active }),
      ...(patch.description !== undefined && { description: patch.description }),
    });
    if (!updated) throw subscriptionNotFound();
    // Switched on again: what waited while it was off goes out now.
    if (patch.active) await this.deps.jobs.send('webhooks.pump', { subscriptionId: id }, { singletonKey: String(id) });
    return updated;
  }

  /** A new secret replaces the old one at once; shown only in this answer. */
  async rotateSecret(companyId: number, id: number): Promise<WebhookSubscriptionWithSecret> {
    const secret = newSecret();
    const updated = await this.repo.update(companyId, id, { sealedSecret: this.deps.box.seal(secret) });
    if (!updated) throw subscriptionNotFound();
    return { ...updated, secret };
  }

  async remove(companyId: number, id: number): Promise<void> {
    if (!(await this.repo.remove(companyId, id))) throw subscriptionNotFound();
  }

  async deliveries(companyId: number, id: number, limit: number): Promise<WebhookDelivery[]> {
    await this.get(companyId, id);
    return this.repo.deliveries(companyId, id, limit);
  }

  async redeliver(companyId: number, deliveryId: number): Promise<{ id: number; deliveryId: string }> {
    const queued = await this.repo.redeliver(companyId, deliveryId);
    if (!queued) throw notFound('Webhook delivery', 'WEBHOOK_DELIVERY_NOT_FOUND');
    await this.deps.jobs.send('webhooks.pump', { subscriptionId: queued.subscriptionId }, { singletonKey: String(queued.subscriptionId) });
    return { id: queued.id, deliveryId: queued.deliveryId };
  }

  /** A `ping` event, signed like the others, to check a receiver from the console. */
  async sendTest(companyId: number, id: number): Promise<{ id: number; deliveryId: string }> {
    await this.get(companyId, id);
    const queued = await this.repo.enqueuePing(companyId, id);
    await this.deps.jobs.send('webhooks.pump', { subscriptionId: id }, { singletonKey: String(id) });
    return queued;
  }

  /**
   * Refused at once rather than failing every delivery later: the same rule the sender applies
   * (private, loopback, link-local unless ALLOW_PRIVATE_NETWORK_CALLS), on every address the name has now.
   * The sender checks again on each connection, so a name that changes later gains nothing.
   */
  private async checkUrl(raw: string): Promise<void> {
    const url = new URL(raw);
    if (url.username || url.password) throw urlRefused('must not carry a user name or password');
    if (this.deps.allowPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (net.isIP(host)) addresses = [host];
    else {
      try {
        addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
      } catch {
        throw urlRefused(`host ${host} was not found`);
      }
    }
    const blocked = addresses.find((a) => isBlockedAddress(a));
    if (blocked) throw urlRefused(`${blocked} is a private, loopback or link-local address`);
  }
}

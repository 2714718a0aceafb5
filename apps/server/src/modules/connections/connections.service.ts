import { and, asc, eq, isNull } from 'drizzle-orm';
import type pg from 'pg';
import type { Connection, CreateConnectionRequest, UpdateConnectionRequest } from '@jimmy/contracts';
import { randomToken, sha256Hex, type SecretBox } from '../../infra/crypto.js';
import { dbOf, isUniqueViolation, withTransaction, type Db, type Queryable } from '../../infra/db/index.js';
import { connections } from '../../infra/db/schema.js';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';
import type { QueuesService } from '../queues/index.js';
// Straight from its file: the flows module's index reaches messages, which reaches connections.
import { flowIdsOfConnections, setConnectionFlow } from '../flows/connection-flows.js';

import type { ConnectionRow } from './transport.js';

interface CloudCredentials {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
}

const isPhoneNumberTaken = (error: unknown) => isUniqueViolation(error, 'connections_phone_number_unique');

const ROUTE_CACHE_MS = 5_000;

/** Channel instances of a company. Provider secrets are sealed at rest and never leave through the API. */
export class ConnectionsService {
  private readonly routeCache = new Map<string, { value: { row: ConnectionRow; appSecret: string } | undefined; expires: number }>();
  private readonly db: Db;

  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    private readonly queues: QueuesService,
    private readonly events: EventBus,
    private readonly publicUrl: string | undefined,
  ) {
    this.db = dbOf(pool);
  }

  /**
   * `withPairing` only for admins: a QR or pairing code lets whoever uses it link their phone to
   * this connection, so it never goes to other roles or into broadcast events.
   */
  toDto(row: ConnectionRow, queueIds: number[], flowId: number | null, baseUrl?: string, withPairing = false): Connection {
    const base = this.publicUrl ?? baseUrl;
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      status: row.status,
      phoneNumberId: row.phoneNumberId,
      wabaId: row.wabaId,
      displayPhoneNumber: row.displayPhoneNumber,
      widgetKey: row.widgetKey,
      defaultQueueId: row.defaultQueueId,
      queueIds,
      flowId,
      reopenWindowMinutes: row.reopenWindowMinutes,
      webhookUrl: row.type === 'whatsapp_cloud' && base ? `${base.replace(/\/$/, '')}/webhooks/whatsapp` : null,
      hasVerifyToken: Boolean(row.verifyTokenHash),
      qr: withPairing ? row.qr : null,
      qrExpiresAt: withPairing ? (row.qrExpiresAt?.toISOString() ?? null) : null,
      pairingCode: withPairing ? row.pairingCode : null,
      profileName: row.profileName,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async list(companyId: number, baseUrl?: string, withPairing = false): Promise<Connection[]> {
    const rows = await this.db
      .select()
      .from(connections)
      .where(and(eq(connections.companyId, companyId), isNull(connections.deletedAt)))
      .orderBy(asc(connections.id));
    const ids = rows.map((r) => r.id);
    const menus = await this.queues.menusOf(companyId, ids);
    const flows = await flowIdsOfConnections(this.pool, companyId, ids);
    return rows.map((r) => this.toDto(r, menus.get(r.id) ?? [], flows.get(r.id) ?? null, baseUrl, withPairing));
  }

  /** The DTO with the connection's queues and flow read fresh (through `q` when the caller holds a transaction). */
  async dtoOf(row: ConnectionRow, baseUrl?: string, withPairing = false, q: Queryable = this.pool): Promise<Connection> {
    const menus = await this.queues.menusOf(row.companyId, [row.id], q);
    const flows = await flowIdsOfConnections(q, row.companyId, [row.id]);
    return this.toDto(row, menus.get(row.id) ?? [], flows.get(row.id) ?? null, baseUrl, withPairing);
  }

  async getRow(companyId: number, connectionId: number): Promise<ConnectionRow> {
    const [row] = await this.db
      .select()
      .from(connections)
      .where(and(eq(connections.companyId, companyId), eq(connections.id, connectionId), isNull(connections.deletedAt)));
    if (!row) throw notFound('Connection');
    return row;
  }

  async create(actor: AuthContext, input: CreateConnectionRequest, baseUrl?: string): Promise<Connection> {
    const menu = menuOf(input);
    const base = {
      companyId: actor.companyId,
      type: input.type,
      name: input.name,
      reopenWindowMinutes: input.reopenWindowMinutes ?? 0,
    };
    const values =
      input.type === 'whatsapp_web'
        ? // A node's session picks it up (connections with session_wanted and no live lease).
          { ...base, status: 'connecting' as const, sessionWanted: true }
        : input.type === 'whatsapp_cloud'
          ? {
              ...base,
              // Unproven until Meta answers a credentials test or a signed webhook arrives.
              status: 'connecting' as const,
              phoneNumberId: input.phoneNumberId,
              wabaId: input.wabaId,
              verifyTokenHash: sha256Hex(input.verifyToken),
              accessTokenSealed: this.box.seal(input.accessToken),
              appSecretSealed: this.box.seal(input.appSecret),
            }
          : { ...base, status: 'open' as const, widgetKey: `wc_${randomToken(18)}` };
    try {
      const dto = await withTransaction(this.pool, async (client) => {
        const [inserted] = await dbOf(client).insert(connections).values(values).returning();
        if (!inserted) throw new Error('insert returned nothing');
        if (menu) await this.queues.setMenuIn(client, actor.companyId, inserted.id, menu.queueIds, menu.field);
        return this.dtoOf(await this.rowIn(client, actor.companyId, inserted.id), baseUrl, false, client);
      });
      this.events.publish('connection.updated', { companyId: actor.companyId, connection: dto });
      return dto;
    } catch (error) {
      if (isPhoneNumberTaken(error))
        throw conflict('PHONE_NUMBER_TAKEN', 'This phone number id is already connected', { phoneNumberId: 'already connected' });
      throw error;
    }
  }

  async update(actor: AuthContext, connectionId: number, patch: UpdateConnectionRequest, baseUrl?: string): Promise<Connection> {
    const current = await this.getRow(actor.companyId, connectionId);
    const menu = menuOf(patch);
    const isCloud = current.type === 'whatsapp_cloud';
    if (!isCloud && (patch.accessToken || patch.appSecret || patch.verifyToken)) {
      throw invalid({ accessToken: 'only WhatsApp Cloud API connections have credentials' });
    }
    const dto = await withTransaction(this.pool, async (client) => {
      const [row] = await dbOf(client)
        .update(connections)
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.reopenWindowMinutes !== undefined && { reopenWindowMinutes: patch.reopenWindowMinutes }),
          ...(patch.accessToken && { accessTokenSealed: this.box.seal(patch.accessToken), lastError: null }),
          ...(patch.appSecret && { appSecretSealed: this.box.seal(patch.appSecret) }),
          ...(patch.verifyToken && { verifyTokenHash: sha256Hex(patch.verifyToken) }),
          updatedAt: new Date(),
        })
        .where(and(eq(connections.companyId, actor.companyId), eq(connections.id, connectionId)))
        .returning();
      if (!row) throw notFound('Connection');
      if (menu) await this.queues.setMenuIn(client, actor.companyId, connectionId, menu.queueIds, menu.field);
      if (patch.flowId !== undefined) await setConnectionFlow(client, actor.companyId, connectionId, patch.flowId);
      return this.dtoOf(await this.rowIn(client, actor.companyId, connectionId), baseUrl, false, client);
    });
    this.forgetRoutes();
    this.events.publish('connection.updated', { companyId: actor.companyId, connection: dto });
    return dto;
  }

  /** Soft delete: tickets and messages keep their history; the number can be connected again. */
  async remove(actor: AuthContext, connectionId: number): Promise<void> {
    await this.getRow(actor.companyId, connectionId);
    await this.db
      .update(connections)
      .set({
        deletedAt: new Date(),
        status: 'closed',
        phoneNumberId: null,
        widgetKey: null,
        sessionWanted: false,
        qr: null,
        pairingCode: null,
        updatedAt: new Date(),
      })
      .where(and(eq(connections.companyId, actor.companyId), eq(connections.id, connectionId)));
    this.forgetRoutes();
  }

  async setHealth(
    companyId: number,
    connectionId: number,
    health: {
      status: ConnectionRow['status'];
      lastError: string | null;
      displayPhoneNumber?: string;
      profileName?: string | null;
      sessionWanted?: boolean;
    },
  ) {
    const [row] = await this.db
      .update(connections)
      .set({
        status: health.status,
        lastError: health.lastError,
        ...(health.displayPhoneNumber && { displayPhoneNumber: health.displayPhoneNumber }),
        ...(health.profileName !== undefined && { profileName: health.profileName }),
        ...(health.sessionWanted !== undefined && { sessionWanted: health.sessionWanted }),
        updatedAt: new Date(),
      })
      .where(and(eq(connections.companyId, companyId), eq(connections.id, connectionId)))
      .returning();
    this.forgetRoutes();
    if (row) this.events.publish('connection.updated', { companyId, connection: await this.dtoOf(row) });
    return row;
  }

  /** The pairing QR or code a QR connection shows now (null clears it). */
  async setPairing(
    companyId: number,
    connectionId: number,
    pairing: { qr: string | null; qrExpiresAt: Date | null; pairingCode: string | null },
  ): Promise<void> {
    await this.db
      .update(connections)
      .set({ qr: pairing.qr, qrExpiresAt: pairing.qrExpiresAt, pairingCode: pairing.pairingCode })
      .where(and(eq(connections.companyId, companyId), eq(connections.id, connectionId)));
  }

  cloudCredentials(row: ConnectionRow): CloudCredentials {
    if (row.type !== 'whatsapp_cloud' || !row.phoneNumberId || !row.wabaId || !row.accessTokenSealed || !row.appSecretSealed) {
      throw new DomainError('NOT_A_CLOUD_CONNECTION', 'This connection has no WhatsApp Cloud API credentials', 400);
    }
    return {
      phoneNumberId: row.phoneNumberId,
      wabaId: row.wabaId,
      accessToken: this.box.openText(row.accessTokenSealed),
      appSecret: this.box.openText(row.appSecretSealed),
    };
  }

  /** Webhook routing: a live Cloud connection by Meta's phone_number_id, across all companies. */
  async findByPhoneNumberId(phoneNumberId: string): Promise<ConnectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(connections)
      .where(and(eq(connections.phoneNumberId, phoneNumberId), isNull(connections.deletedAt)));
    return row;
  }

  /**
   * Webhook routing on the hot path: the connection and its opened app secret, cached for a few
   * seconds. A change made on this node clears the entry at once; another node's change (a rotated
   * app secret) is seen within ROUTE_CACHE_MS.
   */
  async routeWebhook(phoneNumberId: string): Promise<{ row: ConnectionRow; appSecret: string } | undefined> {
    const cached = this.routeCache.get(phoneNumberId);
    if (cached && cached.expires > Date.now()) return cached.value;
    const row = await this.findByPhoneNumberId(phoneNumberId);
    const value = row ? { row, appSecret: this.cloudCredentials(row).appSecret } : undefined;
    this.routeCache.set(phoneNumberId, { value, expires: Date.now() + ROUTE_CACHE_MS });
    return value;
  }

  private forgetRoutes() {
    this.routeCache.clear();
  }

  async findByWidgetKey(widgetKey: string): Promise<ConnectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(connections)
      .where(and(eq(connections.widgetKey, widgetKey), isNull(connections.deletedAt)));
    return row;
  }

  /** The widget demo page picks the oldest web-chat connection when no key is given. */
  async firstWebchat(): Promise<ConnectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(connections)
      .where(and(eq(connections.type, 'webchat'), isNull(connections.deletedAt)))
      .orderBy(asc(connections.id))
      .limit(1);
    return row;
  }

  async isKnownVerifyToken(token: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.verifyTokenHash, sha256Hex(token)), isNull(connections.deletedAt)))
      .limit(1);
    return Boolean(row);
  }

  private async rowIn(q: Queryable, companyId: number, connectionId: number): Promise<ConnectionRow> {
    const [row] = await dbOf(q)
      .select()
      .from(connections)
      .where(and(eq(connections.companyId, companyId), eq(connections.id, connectionId)));
    if (!row) throw notFound('Connection');
    return row;
  }
}

/**
 * The queue list a request asks for: `queueIds`, or the legacy `defaultQueueId` as a list of one
 * (null: none); undefined when it leaves the list alone. `field` names it in validation errors.
 */
function menuOf(input: { queueIds?: number[] | undefined; defaultQueueId?: number | null | undefined }) {
  if (input.queueIds !== undefined) return { queueIds: input.queueIds, field: 'queueIds' };
  if (input.defaultQueueId !== undefined)
    return { queueIds: input.defaultQueueId === null ? [] : [input.defaultQueueId], field: 'defaultQueueId' };
  return undefined;
}

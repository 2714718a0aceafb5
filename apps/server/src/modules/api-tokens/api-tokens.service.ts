import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken, CreateApiTokenRequest, CreatedApiToken } from '@jimmy/contracts';
import { createApiTokenRequestSchema } from '@jimmy/contracts';
import { invalid, notFound, unauthorized } from '../../infra/errors.js';
import type { ApiTokenAuthenticator, AuthContext } from '../auth/index.js';
import type { ApiTokensRepository } from './api-tokens.repository.js';

/** Recognisable at a glance (and by secret scanners) as a Jimmy Chat key. */
const TOKEN_PREFIX = 'jc_live_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 4;
/** Last-use time and address are written at most this often per token and node: not a write per request. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiTokensServiceDeps {
  repo: ApiTokensRepository;
  /** The per-token limiter (@fastify/rate-limit keyed by the token's id). */
  throttle: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  onTouchError: (error: unknown) => void;
  now?: () => Date;
}

/** Admins create, list and revoke their company's tokens; the auth guard authenticates requests bearing one. */
export class ApiTokensService implements ApiTokenAuthenticator {
  private readonly touchedAt = new Map<number, number>();

  constructor(private readonly deps: ApiTokensServiceDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async create(auth: AuthContext, input: CreateApiTokenRequest): Promise<CreatedApiToken> {
    const parsed = createApiTokenRequestSchema.parse(input);
    const expiresAt = parsed.expiresAt ? new Date(parsed.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= this.now().getTime()) throw invalid({ expiresAt: 'must be in the future' });
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const apiToken = await this.deps.repo.insert({
      companyId: auth.companyId,
      name: parsed.name,
      hash: hashOf(token),
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      scopes: parsed.scopes,
      userId: auth.userId,
      expiresAt,
    });
    return { id: apiToken.id, token, apiToken };
  }

  list(auth: AuthContext): Promise<ApiToken[]> {
    return this.deps.repo.list(auth.companyId);
  }

  async revoke(auth: AuthContext, id: number): Promise<void> {
    if (!(await this.deps.repo.revoke(auth.companyId, id))) throw notFound('API token');
  }

  recognises(bearer: string): boolean {
    return bearer.startsWith(TOKEN_PREFIX);
  }

  async authenticate(token: string, ip: string): Promise<AuthContext> {
    const holder = await this.deps.repo.holderOf(hashOf(token));
    if (!holder) throw unauthorized('Unknown API token', 'API_TOKEN_INVALID');
    if (holder.revokedAt) throw unauthorized('This API token was revoked', 'API_TOKEN_REVOKED');
    if (holder.expiresAt && holder.expiresAt.getTime() <= this.now().getTime())
      throw unauthorized('This API token has expired', 'API_TOKEN_EXPIRED');
    // The accountable admin is gone (deleted): nobody answers for the token any more.
    if (!holder.creator) throw unauthorized('This API token has no owner any more; create a new one', 'API_TOKEN_INVALID');
    this.touch(holder.id, ip);
    const name = `API · ${holder.name}`;
    return {
      kind: 'apiToken',
      sessionId: `api-token:${holder.id}`,
      userId: holder.creator.id,
      companyId: holder.companyId,
      role: 'admin',
      user: {
        id: holder.creator.id,
        name,
        email: '',
        role: 'admin',
        companyId: holder.companyId,
        companyName: holder.companyName,
        language: holder.creator.language,
        theme: 'auto',
        notificationsEnabled: false,
        company: holder.company,
        impersonator: null,
      },
      apiToken: { id: holder.id, name: holder.name, scopes: holder.scopes },
    };
  }

  throttle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.deps.throttle(request, reply);
  }

  /** Fire and forget: a slow write must not slow the integrator's request down. */
  private touch(id: number, ip: string): void {
    const now = Date.now();
    if (now - (this.touchedAt.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touchedAt.set(id, now);
    this.deps.repo.touch(id, ip).catch(this.deps.onTouchError);
  }
}

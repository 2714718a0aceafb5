import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScope, LimitedResource, PlanFeature, Role, SessionUser } from '@jimmy/contracts';

/**
 * Who is calling. A signed-in person (`user`), or an integrator's API token (`apiToken`): a token acts
 * as an admin of its company on the routes its scopes open, and its `userId` is the admin who created
 * it (accountable for it; histories show `user.name` "API · <token name>", messages it sends are
 * written as the bot's, never as that admin's).
 */
export interface AuthContext {
  kind: 'user' | 'apiToken';
  sessionId: string;
  userId: number;
  companyId: number;
  role: Role;
  user: SessionUser;
  /** Set when `kind` is `apiToken`. */
  apiToken?: { id: number; name: string; scopes: readonly ApiScope[] };
}

/** How the guard recognises and checks API tokens; the api-tokens module implements it. */
export interface ApiTokenAuthenticator {
  /** Whether a bearer value is an API token rather than a session's access token. */
  recognises(bearer: string): boolean;
  /** The token's context, or a 401 DomainError saying why (unknown, revoked, expired). */
  authenticate(token: string, ip: string): Promise<AuthContext>;
  /** Counts one request of an authenticated token; throws a 429 (with `Retry-After`) over its limit. */
  throttle(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/** What an `:id`-style path parameter points at; the tenant-isolation test uses it to build foreign ids. */
export type ResourceKind =
  | 'user'
  | 'queue'
  | 'connection'
  | 'contact'
  | 'ticket'
  | 'message'
  | 'scheduledMessage'
  | 'notification'
  | 'tag'
  | 'tagRule'
  | 'contactImport'
  | 'customField'
  | 'quickResponse'
  | 'quickResponseAttachment'
  | 'flow'
  | 'flowVersion'
  | 'flowMedia'
  | 'webhookSubscription'
  | 'webhookDelivery'
  | 'apiToken'
  | 'leadHook'
  | 'leadHookRequest'
  | 'chatConversation'
  | 'chatMessage'
  | 'announcement'
  | 'invoice'
  | 'company'
  | 'plan';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, refresh, webhooks, health). */
    public?: boolean;
    /** Roles allowed; omitted means any signed-in user. super_admin passes every role check. */
    roles?: readonly Role[];
    /**
     * Still allowed while the caller's company is read-only (trial or payment lapsed): signing out,
     * one's own profile, paying. Every other state-changing `/api` route answers 402 COMPANY_READ_ONLY.
     */
    allowReadOnly?: boolean;
    /** For each path parameter, the kind of tenant row it names. */
    params?: Record<string, ResourceKind>;
    /**
     * The scope an API token needs for this route. Routes without one refuse API tokens: a token
     * reaches only what was opened to integrators on purpose.
     */
    apiScope?: ApiScope;
    /**
     * What this route creates that a plan limits (or the plan feature it needs): the plan-limits hook refuses
     * the request with PLAN_LIMIT_REACHED / PLAN_FEATURE_UNAVAILABLE before the handler runs.
     */
    limit?: LimitedResource | PlanFeature;
  }
}

import type { ApiScope, Role, SessionUser } from '@jimmy/contracts';

export interface AuthContext {
  sessionId: string;
  userId: number;
  companyId: number;
  role: Role;
  user: SessionUser;
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
  | 'leadHook'
  | 'leadHookRequest';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, refresh, webhooks, health). */
    public?: boolean;
    /** Roles allowed; omitted means any signed-in user. super_admin passes every role check. */
    roles?: readonly Role[];
    /** For each path parameter, the kind of tenant row it names. */
    params?: Record<string, ResourceKind>;
    /**
     * The scope an API token needs for this route. Routes without one refuse API tokens: a token
     * reaches only what was opened to integrators on purpose.
     */
    apiScope?: ApiScope;
  }
}

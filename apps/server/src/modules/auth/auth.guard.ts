import type { FastifyInstance, FastifyRequest } from 'fastify';
import { saasErrorCodes } from '@jimmy/contracts';
import { forbidden, unauthorized, DomainError } from '../../infra/errors.js';
import type { AuthService } from './auth.service.js';
import type { ApiTokenAuthenticator, AuthContext } from './auth.types.js';

export const ACCESS_COOKIE = 'jc_at';
export const REFRESH_COOKIE = 'jc_rt';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[ACCESS_COOKIE];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Installs, for every route registered afterwards: the origin check on state-changing requests
 * (cookies are sent cross-site on top-level POSTs in old browsers), authentication unless the
 * route says `public`, and the role check from `config.roles`.
 */
export function installAuthGuard(
  app: FastifyInstance,
  auth: AuthService,
  allowedOrigins: () => string[],
  apiTokens?: ApiTokenAuthenticator,
): void {
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!SAFE_METHODS.has(request.method) && request.url.startsWith('/api/')) {
      const origin = request.headers.origin;
      if (origin && origin !== 'null') {
        const host = request.headers.host;
        const sameHost = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
        if (!sameHost && !allowedOrigins().includes(origin)) {
          throw new DomainError('ORIGIN_NOT_ALLOWED', 'Cross-site requests are not allowed', 403);
        }
      }
    }
    const config = request.routeOptions.config;
    // Only the API is behind a session; the SPA's files, health checks and webhooks are not.
    if (config.public || !request.routeOptions.url || !request.url.startsWith('/api/')) return;
    const token = bearerToken(request);
    let context: AuthContext | null;
    if (token && apiTokens?.recognises(token)) {
      context = request.auth = await apiTokens.authenticate(token, request.ip);
      await apiTokens.throttle(request, reply);
      // A token reaches only the routes opened to integrators, and of those only its scopes'.
      const scope = config.apiScope;
      if (!scope) throw new DomainError('API_TOKEN_NOT_ALLOWED', 'This route is not part of the public API; sign in to use it', 403);
      if (!context.apiToken?.scopes.includes(scope))
        throw new DomainError('API_SCOPE_MISSING', `This API token lacks the scope ${scope}`, 403, { scope: `requires ${scope}` });
    } else {
      context = token ? await auth.authenticate(token) : null;
      if (!context) throw unauthorized();
      request.auth = context;
    }
    const roles = config.roles;
    if (roles && context.role !== 'super_admin' && !roles.includes(context.role)) throw forbidden();
    // Nothing is lost while read-only (customers' messages are still stored); nothing new is made either.
    if (context.user.company.status === 'read_only' && !SAFE_METHODS.has(request.method) && !config.allowReadOnly) {
      throw new DomainError(
        saasErrorCodes.readOnly,
        'Your company is read-only until a plan is paid: you can read everything, but not send or change anything',
        402,
        undefined,
        { status: 'read_only' },
      );
    }
  });
}

/** For handlers of non-public routes: the guard ran, so the context is there. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export { AuthRepository } from './auth.repository.js';
export { AuthService } from './auth.service.js';
export { installAuthGuard, requireAuth, ACCESS_COOKIE } from './auth.guard.js';
export { authRoutes } from './auth.routes.js';
export { sessionBody, sessionCookies } from './session-cookies.js';
export type { IssuedSession } from './auth.service.js';
export type { ApiTokenAuthenticator, AuthContext, ResourceKind } from './auth.types.js';

import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth.guard.js';
import type { IssuedSession } from './auth.service.js';

/** Sets and clears the two session cookies the same way for login, sign-up verification, invitations and support sign-ins. */
export function sessionCookies(secureCookies: boolean) {
  const cookieBase = { httpOnly: true, sameSite: 'lax', secure: secureCookies } as const;
  return {
    set(reply: FastifyReply, session: IssuedSession) {
      reply.setCookie(ACCESS_COOKIE, session.accessToken, { ...cookieBase, path: '/', expires: session.accessTokenExpiresAt });
      // The refresh token only ever travels to the auth routes.
      reply.setCookie(REFRESH_COOKIE, session.refreshToken, { ...cookieBase, path: '/api/auth', expires: session.refreshTokenExpiresAt });
    },
    clear(reply: FastifyReply) {
      reply.clearCookie(ACCESS_COOKIE, { ...cookieBase, path: '/' });
      reply.clearCookie(REFRESH_COOKIE, { ...cookieBase, path: '/api/auth' });
    },
  };
}

/** The body of a successful sign-in (`POST /api/auth/login`'s answer). */
export function sessionBody(session: IssuedSession) {
  return {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
    user: session.user,
  };
}

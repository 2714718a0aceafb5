import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordRequestSchema,
  errorBodySchema,
  loginRequestSchema,
  loginResponseSchema,
  serverOptionsSchema,
  sessionUserSchema,
  updateProfileRequestSchema,
} from '@jimmy/contracts';
import { unauthorized } from '../../infra/errors.js';
import { REFRESH_COOKIE, bearerToken, requireAuth } from './auth.guard.js';
import { sessionBody, sessionCookies } from './session-cookies.js';
import type { AuthService, IssuedSession } from './auth.service.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  loginRateLimit: number;
  secureCookies: boolean;
  /** SAAS=on: the console shows sign-up, plans, billing and the platform admin. */
  saas: boolean;
}

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { auth, loginRateLimit, secureCookies, saas }) => {
  const cookies = sessionCookies(secureCookies);
  const setSessionCookies = (reply: FastifyReply, session: IssuedSession) => cookies.set(reply, session);
  const clearSessionCookies = (reply: FastifyReply) => cookies.clear(reply);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookies',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 401: errorBodySchema, 429: errorBodySchema },
      },
      config: {
        public: true,
        rateLimit: {
          max: loginRateLimit,
          timeWindow: '1 minute',
          // After body parsing, so the key can include the email.
          hook: 'preHandler',
          // Per address and account: one attacker cannot lock everybody out, nor spray one account from one place.
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `login:${request.ip}:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body.email, request.body.password, {
        userAgent: request.headers['user-agent'] ?? null,
        ip: request.ip,
      });
      setSessionCookies(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Exchange the refresh token (cookie or body) for a new access token; the refresh token rotates',
        body: z.object({ refreshToken: z.string().min(1).max(200).optional() }).nullish(),
        response: { 200: loginResponseSchema.extend({ refreshToken: z.string() }), 401: errorBodySchema },
      },
      config: {
        public: true,
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          hook: 'preHandler',
          // Per address and token, not per address alone: a whole office behind one NAT address reloads its
          // consoles all day. Guessing a 256-bit token is hopeless anyway, and each check is one indexed lookup.
          keyGenerator: (request) => {
            const body = request.body as { refreshToken?: unknown } | null | undefined;
            const presented = typeof body?.refreshToken === 'string' ? body.refreshToken : (request.cookies[REFRESH_COOKIE] ?? '');
            return `refresh:${request.ip}:${presented.slice(0, 12)}`;
          },
        },
      },
    },
    async (request, reply) => {
      const presented = request.body?.refreshToken ?? request.cookies[REFRESH_COOKIE];
      if (!presented) throw unauthorized('No refresh token', 'SESSION_EXPIRED');
      try {
        const session = await auth.refresh(presented);
        setSessionCookies(reply, session);
        return { ...sessionBody(session), refreshToken: session.refreshToken };
      } catch (error) {
        clearSessionCookies(reply);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'End this session: its refresh token stops working at once', response: { 204: z.null() } },
      config: { public: true },
    },
    async (request, reply) => {
      const refreshToken = request.cookies[REFRESH_COOKIE];
      const token = bearerToken(request);
      const context = token ? await auth.authenticate(token) : null;
      if (context) await auth.logout(context);
      else if (refreshToken) await auth.logoutByRefreshToken(refreshToken);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: sessionUserSchema } } },
    async (request) => requireAuth(request).user,
  );

  app.get(
    '/api/public/options',
    {
      schema: {
        tags,
        summary: 'How this installation runs: sold as a service (sign-up, plans, billing) or one self-hosted company',
        response: { 200: serverOptionsSchema },
      },
      config: { public: true },
    },
    async () => ({ saas }),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'Update your own name and preferences',
        body: updateProfileRequestSchema,
        response: { 200: sessionUserSchema },
      },
      config: { allowReadOnly: true },
    },
    async (request) => auth.updateProfile(requireAuth(request), request.body),
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags,
        summary: 'Change your password; your other sessions are signed out',
        body: changePasswordRequestSchema,
        response: { 204: z.null() },
      },
      config: { allowReadOnly: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await auth.changePassword(requireAuth(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};

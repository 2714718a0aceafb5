import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emailRequestSchema,
  errorBodySchema,
  inviteUserRequestSchema,
  loginResponseSchema,
  tokenPasswordRequestSchema,
  userSchema,
} from '@jimmy/contracts';
import { idParams } from '../../infra/http-params.js';
import { requireAuth, sessionBody, sessionCookies } from '../auth/index.js';
import type { AccountsService } from './accounts.service.js';
import { clientOf, ipAndEmailKey, linkOrigin } from './request-origin.js';

export interface AccountsRoutesOptions {
  accounts: AccountsService;
  publicUrl: string | undefined;
  secureCookies: boolean;
}

const accepted = z.object({ status: z.literal('accepted') });
const tokenErrors = { 400: errorBodySchema, 403: errorBodySchema, 429: errorBodySchema };

/** Password reset and invitations: on every install (a self-hosted company invites its agents too). */
export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesOptions> = async (app, { accounts, publicUrl, secureCookies }) => {
  const cookies = sessionCookies(secureCookies);
  const tokenLimit = (name: string) => ({
    max: 20,
    timeWindow: '1 minute',
    keyGenerator: (request: { ip: string }) => `${name}:${request.ip}`,
  });

  app.post(
    '/api/auth/forgot-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mail a password-reset link (valid 1 hour); always 202, whether or not the address has an account',
        security: [],
        body: emailRequestSchema,
        response: { 202: accepted, 400: errorBodySchema, 429: errorBodySchema },
      },
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: ipAndEmailKey('forgot') } },
    },
    async (request, reply) => {
      // Not awaited: an address with an account must not answer slower (SMTP) than one without.
      accounts.forgotPassword(request.body.email, linkOrigin(publicUrl, request)).catch((error: unknown) => {
        request.log.error({ err: error }, 'password reset mail failed');
      });
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/api/auth/reset-password',
    {
      schema: {
        tags: ['auth'],
        summary: "Choose a new password with the mailed link: the user's other sessions end and this browser signs in",
        security: [],
        body: tokenPasswordRequestSchema,
        response: { 200: loginResponseSchema, ...tokenErrors },
      },
      config: { public: true, rateLimit: tokenLimit('reset-password') },
    },
    async (request, reply) => {
      const session = await accounts.resetPassword(request.body.token, request.body.password, clientOf(request));
      cookies.set(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/api/users/invitations',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite someone by e-mail: the user exists at once, without a password, until they accept (link valid 7 days)',
        body: inviteUserRequestSchema,
        response: { 201: userSchema, 400: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
      config: { roles: ['admin'], limit: 'users' },
    },
    async (request, reply) =>
      reply.status(201).send(await accounts.invite(requireAuth(request), request.body, linkOrigin(publicUrl, request))),
  );

  app.post(
    '/api/users/:id/invitation',
    {
      schema: {
        tags: ['users'],
        summary: 'Send a pending invitation again with a new link (the old one stops working)',
        params: idParams,
        response: { 202: accepted, 404: errorBodySchema, 409: errorBodySchema },
      },
      config: { roles: ['admin'], params: { id: 'user' } },
    },
    async (request, reply) => {
      await accounts.resendInvitation(requireAuth(request), request.params.id, linkOrigin(publicUrl, request));
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/api/invitations/accept',
    {
      schema: {
        tags: ['users'],
        summary: 'Accept an invitation: choose a password, the e-mail counts as verified, and this browser signs in',
        security: [],
        body: tokenPasswordRequestSchema,
        response: { 200: loginResponseSchema, ...tokenErrors },
      },
      config: { public: true, rateLimit: tokenLimit('accept-invitation') },
    },
    async (request, reply) => {
      const session = await accounts.acceptInvitation(request.body.token, request.body.password, clientOf(request));
      cookies.set(reply, session);
      return sessionBody(session);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emailRequestSchema,
  errorBodySchema,
  loginResponseSchema,
  signupPlanListSchema,
  signupRequestSchema,
  signupResponseSchema,
  tokenRequestSchema,
} from '@jimmy/contracts';
import { sessionBody, sessionCookies } from '../auth/index.js';
import { clientOf, ipAndEmailKey, linkOrigin } from './request-origin.js';
import type { SignupService } from './signup.service.js';

export interface SignupRoutesOptions {
  signup: SignupService;
  publicUrl: string | undefined;
  secureCookies: boolean;
  perMinute: number;
}

const tags = ['signup'];
const errors = { 400: errorBodySchema, 409: errorBodySchema, 429: errorBodySchema };

/** Registered only with SAAS=on: a self-hosted install has no sign-up at all (404). */
export const signupRoutes: FastifyPluginAsyncZod<SignupRoutesOptions> = async (app, { signup, publicUrl, secureCookies, perMinute }) => {
  const cookies = sessionCookies(secureCookies);

  app.get(
    '/api/signup/plans',
    {
      schema: {
        tags,
        summary: 'The plans offered at sign-up (public, not archived), in display order',
        response: { 200: signupPlanListSchema },
      },
      config: { public: true },
    },
    async () => ({ items: await signup.offeredPlans() }),
  );

  app.post(
    '/api/signup',
    {
      schema: {
        tags,
        summary: 'Create a company on a trial and its admin; the admin confirms the e-mail before signing in',
        security: [],
        body: signupRequestSchema,
        response: { 201: signupResponseSchema, ...errors },
      },
      config: {
        public: true,
        rateLimit: { max: perMinute, timeWindow: '1 minute', keyGenerator: (request) => `signup:${request.ip}` },
      },
    },
    async (request, reply) => reply.status(201).send(await signup.signup(request.body, clientOf(request), linkOrigin(publicUrl, request))),
  );

  app.post(
    '/api/signup/verify',
    {
      schema: {
        tags,
        summary: 'Open the e-mailed verification link: verifies the address and signs the browser in',
        security: [],
        body: tokenRequestSchema,
        response: { 200: loginResponseSchema, 400: errorBodySchema, 403: errorBodySchema, 429: errorBodySchema },
      },
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (request) => `signup-verify:${request.ip}` } },
    },
    async (request, reply) => {
      const session = await signup.verify(request.body.token, clientOf(request));
      cookies.set(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/api/signup/resend',
    {
      schema: {
        tags,
        summary: 'Send the verification link again; always 202, whether or not the address signed up',
        security: [],
        body: emailRequestSchema,
        response: { 202: z.object({ status: z.literal('accepted') }), 400: errorBodySchema, 429: errorBodySchema },
      },
      config: {
        public: true,
        rateLimit: { max: 5, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: ipAndEmailKey('signup-resend') },
      },
    },
    async (request, reply) => {
      // Not awaited: an unverified address must not answer slower (SMTP) than an unknown one.
      signup.resend(request.body.email, linkOrigin(publicUrl, request)).catch((error: unknown) => {
        request.log.error({ err: error }, 'verification mail failed');
      });
      return reply.status(202).send({ status: 'accepted' });
    },
  );
};

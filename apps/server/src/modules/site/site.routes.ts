import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '@jimmy/contracts';
import { DomainError } from '../../infra/errors.js';
import { ACCESS_COOKIE } from '../auth/index.js';
import { COPY } from './copy.js';
import type { Lang } from './copy-shape.js';
import { homeMain } from './home.js';
import { html, LINKS, page, type PageMeta, type SiteLinks } from './layout.js';
import { policiesFor, policyMain } from './policies.js';
import type { PolicySettings } from './policy-shape.js';
import type { Asset } from './site-assets.js';
import { contactRequestSchema, type SiteContact } from './site-contact.js';
import type { Shots } from './home.js';
import type { PlanIds } from './plans.js';

interface SiteRouteOptions {
  contact: SiteContact;
  files: Map<string, Asset>;
  css: string;
  js: string;
  shots: Shots;
  publicUrl: string | undefined;
  policy: PolicySettings;
  analytics: { id: string; src: string } | undefined;
  contactPerMinute: number;
  /** The plans table's ids for the pricing cards' sign-up links. */
  planIds: () => Promise<PlanIds>;
}

const YEAR = 'public, max-age=31536000, immutable';
// Pages are small and change with a deploy: cached briefly by browsers, revalidated by proxies.
const PAGE_CACHE = 'public, max-age=300';
const tags = ['site'];

const acceptsBrotli = (request: FastifyRequest) => /\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''));

/** The analytics host joins script-src and connect-src on the site's pages only; the console's CSP stays as helmet set it. */
function withAnalyticsOrigin(csp: string, origin: string): string {
  return csp
    .split(';')
    .map((directive) => {
      const name = directive.trim().split(/\s+/)[0];
      return name === 'script-src' || name === 'connect-src' ? `${directive} ${origin}` : directive;
    })
    .join(';');
}

export const siteRoutes: FastifyPluginAsyncZod<SiteRouteOptions> = async (app, options) => {
  const { files, publicUrl, analytics } = options;
  const analyticsOrigin = analytics ? new URL(analytics.src).origin : undefined;
  const rendered = new Map<string, { html: string; br: Buffer }>();

  const originOf = (request: FastifyRequest | undefined) =>
    publicUrl?.replace(/\/+$/, '') ?? (request ? `${request.protocol}://${request.host}` : '');

  function render(
    origin: string,
    lang: Lang,
    name: keyof SiteLinks,
    extra?: { title: string; text: string },
    planIds: PlanIds = new Map(),
  ): { html: string; br?: Buffer } {
    const copy = COPY[lang];
    const meta = (title: string, description: string, noindex = false): PageMeta => ({
      lang,
      page: name,
      title,
      description,
      origin,
      assets: { css: options.css, js: options.js, ogImage: options.shots.hero?.url },
      analytics,
      noindex,
    });
    if (extra) {
      const main = html`<section class="wrap prose narrow">
        <h1>${extra.title}</h1>
        <p class="lead" data-testid="sent-text">${extra.text}</p>
        <p><a class="btn" href="${LINKS.home[lang]}">${copy.sent.back}</a></p>
      </section>`;
      return { html: page(meta(extra.title, extra.text, true), copy, main) };
    }
    // Keyed by origin too: without PUBLIC_URL it comes from the Host header, so the cache stays small and bounded.
    const key = `${origin}|${lang}|${name}|${[...planIds].join()}`;
    const cached = rendered.get(key);
    if (cached) return cached;
    let body: string;
    if (name === 'home')
      body = page(meta(copy.meta.homeTitle, copy.meta.homeDescription), copy, homeMain(lang, copy, options.shots, planIds));
    else {
      const policies = policiesFor(lang, options.policy);
      const title = name === 'privacy' ? copy.footer.privacy : copy.footer.cookies;
      body = page(
        meta(name === 'privacy' ? copy.meta.privacyTitle : copy.meta.cookiesTitle, copy.meta.homeDescription),
        copy,
        policyMain(lang, copy, title, name === 'privacy' ? policies.privacy : policies.cookies),
      );
    }
    const entry = { html: body, br: zlib.brotliCompressSync(body) };
    if (rendered.size > 64) rendered.clear();
    rendered.set(key, entry);
    return entry;
  }

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    content: { html: string; br?: Buffer },
    status = 200,
    vary = 'accept-encoding',
  ) {
    reply.status(status).type('text/html; charset=utf-8').header('vary', vary);
    if (analyticsOrigin)
      reply.header(
        'content-security-policy',
        withAnalyticsOrigin(String(reply.getHeader('content-security-policy') ?? ''), analyticsOrigin),
      );
    if (status === 200) reply.header('cache-control', PAGE_CACHE);
    if (content.br && acceptsBrotli(request)) return reply.header('content-encoding', 'br').send(content.br);
    return reply.send(content.html);
  }

  const pages: [string, Lang, keyof SiteLinks][] = [
    ['/en', 'en', 'home'],
    ['/privacidade', 'pt-BR', 'privacy'],
    ['/en/privacy', 'en', 'privacy'],
    ['/cookies', 'pt-BR', 'cookies'],
    ['/en/cookies', 'en', 'cookies'],
  ];
  // With PUBLIC_URL known, every page is rendered and compressed before the first visitor arrives.
  if (publicUrl) for (const [, lang, name] of [...pages, ['/', 'pt-BR', 'home'] as const]) render(originOf(undefined), lang, name);
  const hidden = { schema: { hide: true }, config: { public: true } } as const;
  // `/` is the site for visitors only: with a session cookie the console (the SPA) answers, as before.
  app.get('/', hidden, async (request, reply) => {
    if (request.cookies[ACCESS_COOKIE]) return reply.callNotFound();
    // The same URL is the console for signed-in users: a cache must key on the cookie as well.
    return send(
      request,
      reply,
      render(originOf(request), 'pt-BR', 'home', undefined, await options.planIds()),
      200,
      'accept-encoding, cookie',
    );
  });
  for (const [url, lang, name] of pages)
    app.get(url, hidden, async (request, reply) =>
      send(request, reply, render(originOf(request), lang, name, undefined, name === 'home' ? await options.planIds() : undefined)),
    );
  for (const lang of ['pt-BR', 'en'] as const)
    app.get(LINKS.sent[lang], hidden, async (request, reply) =>
      send(request, reply, render(originOf(request), lang, 'sent', { title: COPY[lang].sent.title, text: COPY[lang].contact.success })),
    );

  app.get(
    '/site-assets/:file',
    { ...hidden, schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
    async (request, reply) => {
      const asset = files.get(request.params.file);
      if (!asset) throw new DomainError('NOT_FOUND', 'No such file', 404);
      reply.type(asset.type).header('cache-control', YEAR).header('vary', 'accept-encoding');
      if (asset.br && acceptsBrotli(request)) return reply.header('content-encoding', 'br').send(asset.br);
      return reply.send(asset.body);
    },
  );

  app.get('/robots.txt', hidden, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: ${originOf(request)}/sitemap.xml\n`),
  );
  app.get('/sitemap.xml', hidden, async (request, reply) => {
    const origin = originOf(request);
    const urls = (['home', 'privacy', 'cookies'] as const).flatMap((name) =>
      (['pt-BR', 'en'] as const).map(
        (lang) =>
          html`<url
            ><loc>${origin}${LINKS[name][lang]}</loc>${(['pt-BR', 'en'] as const).map(
              (alt) => html`<xhtml:link rel="alternate" hreflang="${alt}" href="${origin}${LINKS[name][alt]}" />`,
            )}</url
          >`,
      ),
    );
    return reply
      .type('application/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.map((u) => u.html).join('')}</urlset>\n`,
      );
  });

  // The form posts urlencoded without JavaScript; with it, site.js sends JSON.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.post(
    '/api/public/contact',
    {
      schema: {
        tags,
        summary: 'The public site’s contact form: files a lead (tagged "site") with a ticket in the operator’s company',
        security: [],
        body: contactRequestSchema,
        response: {
          201: z.object({ message: z.string(), contactId: z.number().int(), ticketId: z.number().int().nullable() }),
          400: errorBodySchema,
          429: errorBodySchema,
        },
      },
      attachValidation: true,
      config: {
        public: true,
        rateLimit: { max: options.contactPerMinute, timeWindow: '1 minute', keyGenerator: (request) => `site-contact:${request.ip}` },
      },
    },
    async (request, reply) => {
      const isForm = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const lang: Lang = raw.lang === 'en' ? 'en' : 'pt-BR';
      try {
        if (request.validationError) {
          const parsed = contactRequestSchema.safeParse(raw);
          const fields: Record<string, string> = {};
          for (const issue of parsed.success ? [] : parsed.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
          throw new DomainError('VALIDATION_FAILED', 'Some fields are invalid', 400, fields);
        }
        const result = await options.contact.submit(request.body);
        if (isForm) return await reply.redirect(LINKS.sent[lang], 303);
        return await reply.status(201).send({ message: COPY[lang].contact.success, ...result });
      } catch (error) {
        if (!isForm || !(error instanceof DomainError) || error.status >= 500) throw error;
        const errors = COPY[lang].contact.errors;
        const text = error.fields?.whatsapp ? errors.whatsapp : error.fields?.name ? errors.name : errors.generic;
        return send(request, reply, render(originOf(request), lang, 'sent', { title: COPY[lang].sent.failedTitle, text }), 400);
      }
    },
  );
};

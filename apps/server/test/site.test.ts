import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JimmyServer } from '../src/app.js';
import { bootServer, createTestDatabase, startTestApp, testEnv, type TestApp, type TestDatabase } from './harness.js';

/** A fake console build, so "the SPA answered" is something a test can see. */
const dist = mkdtempSync(path.join(os.tmpdir(), 'jimmy-site-dist-'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><body><div id="root" data-console></div></body></html>');
const ANALYTICS_SRC = 'http://stats.example.test/js/script.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    WEB_DIST_DIR: dist,
    PUBLIC_URL: 'https://jimmy.example.com',
    SITE_ANALYTICS_ID: 'jimmy.example.com',
    SITE_ANALYTICS_SRC: ANALYTICS_SRC,
    SITE_CONTROLLER_NAME: 'Operadora Exemplo Ltda',
    SITE_DPO_EMAIL: 'dpo@example.com',
  });
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

const html = { accept: 'text/html' };

describe('the public site', () => {
  it('serves the home page to a visitor and the console to a signed-in user', async () => {
    const visitor = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['content-type']).toMatch(/text\/html/);
    expect(visitor.body).toContain('<html lang="pt-BR">');
    expect(visitor.body).toContain('data-site="home"');
    expect(visitor.body).not.toContain('data-console');
    expect(visitor.body).toContain('Teste grátis por 7 dias');
    expect(visitor.body).toMatch(/R\$\s149,00/);
    expect(visitor.body).toContain('href="#main"');
    // One URL, two answers: a shared cache that ignored the cookie would show the site to signed-in users.
    expect(String(visitor.headers.vary)).toMatch(/cookie/);

    const signedIn = await app.inject({ method: 'GET', url: '/', headers: { ...html, cookie: 'jc_at=some-session' } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('data-console');
    expect(signedIn.body).not.toContain('data-site');
    // Every console link keeps working for everyone.
    expect((await app.inject({ method: 'GET', url: '/login', headers: html })).body).toContain('data-console');
  });

  it('has title, description, Open Graph, canonical and hreflang on every page, in pt-BR and English', async () => {
    const pages = [
      ['/', 'pt-BR', 'Jimmy Chat — atendimento pelo WhatsApp'],
      ['/en', 'en', 'Jimmy Chat — WhatsApp customer service'],
      ['/privacidade', 'pt-BR', 'Política de privacidade'],
      ['/en/privacy', 'en', 'Privacy policy'],
      ['/cookies', 'pt-BR', 'Política de cookies'],
      ['/en/cookies', 'en', 'Cookie policy'],
    ] as const;
    for (const [url, lang, title] of pages) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect(response.statusCode, url).toBe(200);
      const body = response.body;
      expect(body, url).toContain(`<html lang="${lang}">`);
      expect(body, url).toMatch(new RegExp(`<title>${title}`));
      expect(body, url).toMatch(/<meta name="description" content="[^"]{40,}"\s*\/?>/);
      expect(body, url).toContain(`<link rel="canonical" href="https://jimmy.example.com${url}"`);
      expect(body, url).toMatch(/<meta property="og:title" content="[^"]+"\s*\/?>/);
      expect(body, url).toContain('hreflang="en"');
      expect(body, url).toContain('hreflang="pt-BR"');
      expect(body, url).toContain('data-testid="consent-banner"');
      expect(body, url).toMatch(/<link rel="stylesheet" href="\/site-assets\/site\.[0-9a-f]{10}\.css"/);
      // No inline script: the strict CSP would refuse it.
      expect(body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const privacy = (await app.inject({ method: 'GET', url: '/privacidade', headers: html })).body;
    expect(privacy).toContain('Operadora Exemplo Ltda');
    expect(privacy).toContain('dpo@example.com');
    expect(privacy).toContain('art. 18');
    expect((await app.inject({ method: 'GET', url: '/en/cookies', headers: html })).body).toContain('jimmy_consent');
  });

  it('serves its CSS and script under versioned names, cached for a year', async () => {
    const home = (await app.inject({ method: 'GET', url: '/', headers: html })).body;
    const css = /href="(\/site-assets\/site\.[0-9a-f]+\.css)"/.exec(home)![1]!;
    const js = /src="(\/site-assets\/site\.[0-9a-f]+\.js)"/.exec(home)![1]!;
    for (const url of [css, js]) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-encoding']).toBe('br');
    }
    expect((await app.inject({ method: 'GET', url: '/site-assets/site.0000000000.css' })).statusCode).toBe(404);
  });

  it('lets the analytics host into the site pages’ CSP only, and hands the loader to the script', async () => {
    const site = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(String(site.headers['content-security-policy'])).toMatch(/script-src 'self'[^;]* http:\/\/stats\.example\.test/);
    expect(site.body).toContain(`data-analytics-src="${ANALYTICS_SRC}"`);
    const consoleCsp = String((await app.inject({ method: 'GET', url: '/login', headers: html })).headers['content-security-policy']);
    expect(consoleCsp).not.toContain('stats.example.test');
  });

  it('lists its pages in the sitemap and points robots at it', async () => {
    const sitemap = await app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.statusCode).toBe(200);
    for (const url of ['/', '/en', '/privacidade', '/en/privacy', '/cookies', '/en/cookies'])
      expect(sitemap.body).toContain(`<loc>https://jimmy.example.com${url}</loc>`);
    const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Sitemap: https://jimmy.example.com/sitemap.xml');
  });

  it('files the contact form as a ticket tagged "site" in the operator’s company and answers the success text', async () => {
    // The operator's company is the first one (company A); it needs a connection for the ticket to open on.
    const connection = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: { type: 'webchat', name: 'Site' },
    });
    expect(connection.statusCode).toBe(201);
    const response = await app.inject({
      method: 'POST',
      url: '/api/public/contact',
      payload: { name: 'Maria Lead', whatsapp: '(11) 98765-4321', company: 'Padaria da Maria', message: 'Quero uma demonstração' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<{ message: string; ticketId: number | null; contactId: number }>();
    expect(created.message).toBe('Enviado com sucesso! Em breve um atendente irá falar com você via WhatsApp');
    expect(created.ticketId).not.toBeNull();

    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${created.ticketId}`, token: app.companyA.adminToken });
    expect(ticket.statusCode).toBe(200);
    const body = ticket.json<{ contact: { name: string; phone: string }; tags: { name: string }[] }>();
    expect(body.tags.map((t) => t.name)).toContain('site');
    const messages = await app.inject({ method: 'GET', url: `/api/tickets/${created.ticketId}/messages`, token: app.companyA.adminToken });
    expect(messages.body).toContain('Quero uma demonstração');
    expect(messages.body).toContain('Padaria da Maria');
    // Not another company's lead.
    const other = await app.inject({ method: 'GET', url: `/api/tickets/${created.ticketId}`, token: app.companyB.adminToken });
    expect(other.statusCode).toBe(404);
  });

  it('works without JavaScript: a form post is redirected to the success page', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/public/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'John Form', whatsapp: '+55 21 99876-5432', lang: 'en' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/contact/sent');
    const sent = await app.inject({ method: 'GET', url: '/contato/enviado', headers: html });
    expect(sent.body).toContain('Enviado com sucesso! Em breve um atendente irá falar com você via WhatsApp');
  });

  it('refuses an invalid WhatsApp number naming the field, then rate-limits a flood', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/public/contact', payload: { name: 'Bad Number', whatsapp: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.whatsapp).toBeTruthy();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await app.inject({ method: 'POST', url: '/api/public/contact', payload: { name: 'Flood', whatsapp: '12' } })).statusCode,
      );
    expect(statuses).toContain(429);
    const limited = await app.inject({ method: 'POST', url: '/api/public/contact', payload: { name: 'Flood', whatsapp: '12' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('PUBLIC_SITE=off (one company, self-hosted)', () => {
  let database: TestDatabase;
  let server: JimmyServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await bootServer(testEnv(database, { WEB_DIST_DIR: dist, PUBLIC_SITE: 'off' }));
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('makes / the console and the site’s routes 404', async () => {
    const home = await server.http.inject({ method: 'GET', url: '/', headers: html });
    expect(home.body).toContain('data-console');
    expect(home.body).not.toContain('data-site');
    const contact = await server.http.inject({
      method: 'POST',
      url: '/api/public/contact',
      payload: { name: 'X', whatsapp: '+5511987654321' },
    });
    expect(contact.statusCode).toBe(404);
    expect((await server.http.inject({ method: 'GET', url: '/sitemap.xml' })).statusCode).toBe(404);
  });
});

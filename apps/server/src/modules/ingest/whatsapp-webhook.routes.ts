import type { FastifyPluginAsync } from 'fastify';
import { answerHandshake, parseCloudWebhook, verifyCloudSignature, type CloudWebhookChange } from '@jimmy/channels';
import { DomainError } from '../../infra/errors.js';
import type { ConnectionsService } from '../connections/index.js';
import { ingestConnectionOf } from './ingest-connection.js';
import type { IngestService } from './ingest.service.js';

/** Meta batches at most a few hundred events per POST; anything near this is not Meta. */
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * The one URL of the whole Meta app (API-CONTRACT.md, "WhatsApp Cloud API webhook"). It verifies,
 * commits and answers; slow work (media, flows) happens in jobs after the commit.
 */
export const whatsappWebhookRoutes: FastifyPluginAsync<{ connections: ConnectionsService; ingest: IngestService }> = async (
  app,
  { connections, ingest },
) => {
  // The signature covers the exact bytes Meta sent, so the body is kept raw here and parsed by hand.
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.get('/webhooks/whatsapp', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const answer = await answerHandshake(request.query as Record<string, unknown>, (token) => connections.isKnownVerifyToken(token));
    return reply.status(answer.status).type('text/plain').send(answer.body);
  });

  app.post('/webhooks/whatsapp', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the webhook as application/json', 415);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DomainError('INVALID_JSON', 'The webhook body is not valid JSON', 400, { body: 'not valid JSON' });
    }
    const { changes, problems } = parseCloudWebhook(json);
    if (problems.length > 0) request.log.warn({ problems }, 'parts of a WhatsApp webhook could not be read');

    const byNumber = new Map<string, CloudWebhookChange[]>();
    for (const change of changes) byNumber.set(change.phoneNumberId, [...(byNumber.get(change.phoneNumberId) ?? []), change]);

    // Verify every number in the body before storing anything: one bad signature rejects the whole POST.
    const targets = [];
    for (const [phoneNumberId, group] of byNumber) {
      const route = await connections.routeWebhook(phoneNumberId);
      if (!route) {
        // Answered 200 all the same: Meta would retry an error for a week.
        request.log.warn({ phoneNumberId }, 'WhatsApp webhook for a phone number id no connection has');
        continue;
      }
      const { row: connection, appSecret } = route;
      if (!verifyCloudSignature(raw, request.headers['x-hub-signature-256'] as string | undefined, appSecret)) {
        throw new DomainError('INVALID_SIGNATURE', 'X-Hub-Signature-256 is missing or does not match', 401);
      }
      targets.push({ connection, group });
      // A correctly signed webhook proves the number is wired up.
      if (connection.status !== 'open')
        await connections.setHealth(connection.companyId, connection.id, { status: 'open', lastError: null });
    }

    for (const { connection, group } of targets) {
      const target = ingestConnectionOf(connection);
      await ingest.ingest(
        target,
        group.flatMap((change) => change.messages),
      );
      await ingest.applyStatuses(
        target,
        group.flatMap((change) => change.statuses),
      );
    }
    return reply.status(200).send({ status: 'ok' });
  });
};

import type { Queryable } from '../../infra/db/index.js';

/**
 * Meta keeps an uploaded file for 30 days; a day less leaves room for a send that waits in the
 * queue or retries, so an id near its end is never the one sent.
 */
const PROVIDER_MEDIA_TTL_DAYS = 29;

/** Stored files already uploaded to a connection's provider: re-sent by that id instead of uploading again. */
export class ProviderMediaRepository {
  constructor(private readonly q: Queryable) {}

  async find(connectionId: number, mediaPath: string): Promise<string | undefined> {
    const { rows } = await this.q.query<{ provider_media_id: string }>(
      `select provider_media_id from provider_media
        where connection_id = $1 and media_path = $2 and uploaded_at > now() - make_interval(days => $3)`,
      [connectionId, mediaPath, PROVIDER_MEDIA_TTL_DAYS],
    );
    return rows[0]?.provider_media_id;
  }

  async remember(companyId: number, connectionId: number, mediaPath: string, providerMediaId: string): Promise<void> {
    await this.q.query(
      `insert into provider_media (company_id, connection_id, media_path, provider_media_id) values ($1, $2, $3, $4)
       on conflict (connection_id, media_path) do update set provider_media_id = excluded.provider_media_id, uploaded_at = now()`,
      [companyId, connectionId, mediaPath, providerMediaId],
    );
  }
}

import type { FlowMedia } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { notFound } from '../../infra/errors.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import { mediaTypeFor } from '../messages/index.js';

type MediaKind = FlowMedia['kind'];

interface FlowMediaRow {
  id: string;
  kind: MediaKind;
  name: string;
  mime: string;
  size: string;
  path: string;
  source_url: string | null;
  created_at: Date;
}

const COLUMNS = 'id, kind, name, mime, size, path, source_url, created_at';

const toDto = (row: FlowMediaRow): FlowMedia => ({
  id: Number(row.id),
  kind: row.kind,
  name: row.name,
  mime: row.mime,
  size: Number(row.size),
  sourceUrl: row.source_url,
  createdAt: row.created_at.toISOString(),
});

/** WebP would arrive as a sticker on WhatsApp, not the picture the flow meant: it goes as a file. */
function flowMediaKindOf(mime: string): MediaKind {
  const kind = mediaTypeFor(mime, false);
  return kind === 'sticker' ? 'document' : kind;
}

export interface NewFlowMedia {
  bytes: Buffer;
  mime: string;
  name: string;
  sourceUrl: string | null;
}

/** A file put in storage, not yet a row: publish stores files before its transaction and inserts the rows inside it. */
export interface StoredFlowMedia {
  kind: MediaKind;
  name: string;
  mime: string;
  size: number;
  path: string;
  sourceUrl: string | null;
}

/** The company's media library for Media nodes (files in storage, rows in flow_media). */
export class FlowMediaLibrary {
  constructor(
    private readonly q: Queryable,
    private readonly storage: Storage,
  ) {}

  async store(companyId: number, file: NewFlowMedia): Promise<StoredFlowMedia> {
    const mime = file.mime.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    const stored = await this.storage.put(companyId, file.bytes, extensionFor(mime, file.name));
    return {
      kind: flowMediaKindOf(mime),
      name: file.name.slice(0, 200) || 'file',
      mime,
      size: stored.size,
      path: stored.key,
      sourceUrl: file.sourceUrl,
    };
  }

  /** Best effort: a file whose row was never written (publish refused or failed) is not kept. */
  async discard(files: readonly StoredFlowMedia[]): Promise<void> {
    await Promise.all(files.map((f) => this.storage.remove(f.path).catch(() => undefined)));
  }

  async insertIn(q: Queryable, companyId: number, file: StoredFlowMedia): Promise<FlowMedia> {
    const { rows } = await q.query<FlowMediaRow>(
      `insert into flow_media (company_id, kind, name, mime, size, path, source_url) values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
      [companyId, file.kind, file.name, file.mime, file.size, file.path, file.sourceUrl],
    );
    return toDto(rows[0]!);
  }

  async upload(companyId: number, file: NewFlowMedia): Promise<FlowMedia> {
    const stored = await this.store(companyId, file);
    try {
      return await this.insertIn(this.q, companyId, stored);
    } catch (error) {
      await this.discard([stored]);
      throw error;
    }
  }

  /** Uploaded files, newest first (files fetched from URLs belong to their versions and are not offered). */
  async list(companyId: number): Promise<FlowMedia[]> {
    const { rows } = await this.q.query<FlowMediaRow>(
      `select ${COLUMNS} from flow_media where company_id = $1 and source_url is null order by created_at desc, id desc limit 500`,
      [companyId],
    );
    return rows.map(toDto);
  }

  async file(companyId: number, id: number) {
    const { rows } = await this.q.query<FlowMediaRow>(`select ${COLUMNS} from flow_media where company_id = $1 and id = $2`, [
      companyId,
      id,
    ]);
    const row = rows[0];
    const file = row ? await this.storage.open(row.path) : null;
    if (!row || !file) throw notFound('Flow media');
    return { ...file, mimeType: row.mime, fileName: row.name };
  }
}

/** The row a Media node sends, as the runner needs it; null when it is not the company's. */
export async function flowMediaFileIn(
  q: Queryable,
  companyId: number,
  id: number,
): Promise<{ kind: MediaKind; name: string; mime: string; size: number; path: string } | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await q.query<FlowMediaRow>(`select ${COLUMNS} from flow_media where company_id = $1 and id = $2`, [companyId, id]);
  const row = rows[0];
  return row ? { kind: row.kind, name: row.name, mime: row.mime, size: Number(row.size), path: row.path } : null;
}

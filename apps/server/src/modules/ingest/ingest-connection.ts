import type { ConnectionRow } from '../connections/index.js';
import type { IngestConnection } from './ingest.sql.js';

/** What ingest needs of a connection row. */
export const ingestConnectionOf = (row: ConnectionRow): IngestConnection => ({
  id: row.id,
  companyId: row.companyId,
  type: row.type,
  reopenWindowMinutes: row.reopenWindowMinutes,
});

import type { MessageSearchHit, MessageSearchResult, MessageType, SearchMessagesQuery } from '@jimmy/contracts';
import type { AuthContext } from '../auth/index.js';
import type { TicketsService } from '../tickets/index.js';
import { buildSnippet, candidateWords, positiveLexemes } from './search.highlight.js';
import type { SearchRepository, SearchRow } from './search.repository.js';

/**
 * Only the start of a long query is read: a pasted paragraph still finds its messages, and a query
 * of hundreds of terms cannot make the index walk hundreds of posting lists.
 */
const QUERY_CHARS_READ = 200;

export function capQuery(q: string): string {
  const text = q.replace(/\s+/g, ' ').trim();
  if (text.length <= QUERY_CHARS_READ) return text;
  const cut = text.slice(0, QUERY_CHARS_READ);
  // Drop a word cut in half: it would search for a stem the user never typed.
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}

export class SearchService {
  constructor(
    private readonly repo: SearchRepository,
    private readonly tickets: Pick<TicketsService, 'viewer'>,
  ) {}

  /**
   * Messages of every ticket the caller may see (the tickets module's visibility rules, as SQL).
   * Private notes are included: every caller is staff, and a note is shown to whoever sees its ticket.
   */
  async messages(auth: AuthContext, query: SearchMessagesQuery): Promise<MessageSearchResult> {
    const parsed = await this.repo.parse(capQuery(query.q));
    if (!parsed.searchable) return { items: [], nextCursor: null };
    const viewer = await this.tickets.viewer(auth);
    const rows = await this.repo.find(viewer, parsed.tsquery, query.cursor ? Number(query.cursor) : undefined, query.limit);
    const page = rows.slice(0, query.limit);
    const lexemes = positiveLexemes(parsed.tsquery);
    const matching = await this.repo.matchingWords(
      candidateWords(
        page.map((r) => r.body),
        lexemes,
      ),
      lexemes,
    );
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toHit(row, matching)),
      nextCursor: rows.length > query.limit && last ? String(last.id) : null,
    };
  }
}

function toHit(row: SearchRow, matching: ReadonlySet<string>): MessageSearchHit {
  const segments = buildSnippet(row.body, matching);
  return {
    ticketId: Number(row.ticket_id),
    messageId: Number(row.id),
    snippet: segments.map((s) => s.text).join(''),
    segments,
    createdAt: new Date(row.created_at).toISOString(),
    direction: row.direction,
    author: row.author,
    authorName: row.author === 'agent' ? row.user_name : null,
    type: row.type as MessageType,
    ticketStatus: row.ticket_status,
    contact: { id: Number(row.contact_id), name: row.contact_name },
  };
}

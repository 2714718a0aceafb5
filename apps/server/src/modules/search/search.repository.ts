import { sql } from 'drizzle-orm';
import { dbOf, type Queryable } from '../../infra/db/index.js';
import { visibleToSql, type Viewer } from '../tickets/index.js';

/**
 * How many of the newest messages the first plan reads at most (see find): about 20 ms of work, and
 * enough for a page of a phrase in one message of 400 among the tickets an agent sees.
 */
const RECENT_WINDOW = 20_000;

export interface ParsedQuery {
  /** The tsquery's text form, passed back as a parameter so the planner sees a constant. */
  tsquery: string;
  /** False when nothing in it can use the index (empty, only stop words, or only `-exclusions`). */
  searchable: boolean;
}

export interface SearchRow {
  id: number;
  ticket_id: number;
  direction: 'in' | 'out';
  author: 'customer' | 'agent' | 'bot' | 'system';
  type: string;
  body: string;
  created_at: Date;
  user_name: string | null;
  ticket_status: 'bot' | 'pending' | 'open' | 'closed';
  contact_id: number;
  contact_name: string;
}

/**
 * Message full-text search. The document is the stored column `messages.search_tsv`
 * (`to_tsvector('portuguese', jimmy_unaccent(body))`, migration 0007) with its GIN index; it is not in
 * the Drizzle schema, so only these statements read it. Words and queries are folded the same way.
 */
export class SearchRepository {
  constructor(
    private readonly q: Queryable,
    /** Tests shrink it to exercise the fallback plan on a few messages. */
    private readonly recentWindow = RECENT_WINDOW,
  ) {}

  private get db() {
    return dbOf(this.q);
  }

  /**
   * websearch_to_tsquery never fails on user input: quotes make phrases, `or` alternatives, `-`
   * exclusions, and every other character (`&|!():*\'%_`) is just a separator.
   */
  async parse(text: string): Promise<ParsedQuery> {
    const result = await this.db.execute(sql`
      select q::text as tsquery, numnode(q) > 0 and querytree(q) <> 'T' as searchable
        from (select websearch_to_tsquery('portuguese', jimmy_unaccent(${text})) as q) x`);
    const row = result.rows[0] as { tsquery: string; searchable: boolean };
    return { tsquery: row.tsquery, searchable: row.searchable === true };
  }

  /**
   * Matching messages of tickets the viewer may see, newest first (by id, the order messages are
   * stored and listed in), `limit + 1` rows so the caller knows whether a next page exists.
   *
   * Two plans, as PostgreSQL cannot tell which one a query needs (its estimate for a phrase is off by
   * 30x, and it cannot see how few tickets an agent's visibility leaves): first a walk over the
   * company's newest RECENT_WINDOW messages, checking each stored vector (about a microsecond) and
   * its ticket, which stops as soon as the page is full — fast when matches are dense (common words,
   * common phrases, even for an agent who sees 5% of the tickets). The page it yields is exact: any
   * match outside the window is older than every match in it. Only when the window holds too few
   * matches does the search run over every message, where the GIN index suits sparse matches.
   */
  async find(viewer: Viewer, tsquery: string, beforeId: number | undefined, limit: number): Promise<SearchRow[]> {
    const recent = await this.select(viewer, tsquery, beforeId, limit, this.recentWindow);
    if (recent.length > limit) return recent;
    return this.select(viewer, tsquery, beforeId, limit);
  }

  private async select(
    viewer: Viewer,
    tsquery: string,
    beforeId: number | undefined,
    limit: number,
    window?: number,
  ): Promise<SearchRow[]> {
    const visibility = visibleToSql(viewer);
    const before = beforeId ? sql`and m.id < ${beforeId}` : sql``;
    // The LIMIT keeps the window a subquery (filters are not pushed into it), read newest-first
    // through messages_company_id_idx and only as far as the outer LIMIT pulls.
    const from = window
      ? sql`(select m.id, m.company_id, m.ticket_id, m.direction, m.author, m.user_id, m.type, m.body, m.created_at, m.search_tsv
               from messages m where m.company_id = ${viewer.companyId} ${before} order by m.id desc limit ${window}) m`
      : sql`messages m`;
    const result = await this.db.execute(sql`
      select m.id, m.ticket_id, m.direction, m.author, m.type, m.body, m.created_at, u.name as user_name,
             t.status as ticket_status, t.contact_id, c.name as contact_name
        from ${from}
        join tickets t on t.id = m.ticket_id and t.company_id = m.company_id
        join contacts c on c.id = t.contact_id
        left join users u on u.id = m.user_id
       where m.company_id = ${viewer.companyId}
         and m.search_tsv @@ ${tsquery}::tsquery
         and m.type <> 'reaction'
         ${visibility ? sql`and ${visibility}` : sql``}
         ${before}
       order by m.id desc
       limit ${limit + 1}`);
    return result.rows as unknown as SearchRow[];
  }

  /** Which of these words (or chunks) contain a lexeme the query looks for, as PostgreSQL stems them. */
  async matchingWords(words: readonly string[], lexemes: readonly string[]): Promise<Set<string>> {
    if (words.length === 0 || lexemes.length === 0) return new Set();
    const result = await this.db.execute(sql`
      select w from json_array_elements_text(${JSON.stringify(words)}::json) w
       where tsvector_to_array(to_tsvector('portuguese', jimmy_unaccent(w))) && array(select json_array_elements_text(${JSON.stringify(lexemes)}::json))`);
    return new Set((result.rows as { w: string }[]).map((r) => r.w));
  }
}

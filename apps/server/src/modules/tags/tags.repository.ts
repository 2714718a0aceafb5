import type { Tag, TagRule } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface TagRow {
  id: string;
  name: string;
  color: string;
  lane_position: number | null;
  lane_message: string | null;
}

const toTag = (row: TagRow): Tag => ({
  id: Number(row.id),
  name: row.name,
  color: row.color,
  lanePosition: row.lane_position,
  laneMessage: row.lane_message,
});

interface RuleRow {
  id: string;
  tag_id: string;
  match: TagRule['match'];
  pattern: string;
  active: boolean;
  created_at: Date;
}

const toRule = (row: RuleRow): TagRule => ({
  id: Number(row.id),
  tagId: Number(row.tag_id),
  match: row.match,
  pattern: row.pattern,
  active: row.active,
  createdAt: new Date(row.created_at).toISOString(),
});

const TAG_COLUMNS = 'id, name, color, lane_position, lane_message';
const RULE_COLUMNS = 'id, tag_id, match, pattern, active, created_at';

/** SQL of tags, ticket tags, tag rules and lanes; every statement is scoped by company. */
export class TagsRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): TagsRepository {
    return new TagsRepository(q);
  }

  async list(companyId: number): Promise<Tag[]> {
    const { rows } = await this.q.query<TagRow>(`select ${TAG_COLUMNS} from tags where company_id = $1 order by lower(name), id`, [
      companyId,
    ]);
    return rows.map(toTag);
  }

  async find(companyId: number, tagId: number): Promise<Tag | undefined> {
    const { rows } = await this.q.query<TagRow>(`select ${TAG_COLUMNS} from tags where company_id = $1 and id = $2`, [companyId, tagId]);
    return rows[0] && toTag(rows[0]);
  }

  async insert(companyId: number, name: string, color: string): Promise<Tag> {
    const { rows } = await this.q.query<TagRow>(`insert into tags (company_id, name, color) values ($1, $2, $3) returning ${TAG_COLUMNS}`, [
      companyId,
      name,
      color,
    ]);
    return toTag(rows[0]!);
  }

  async update(
    companyId: number,
    tagId: number,
    fields: { name?: string | undefined; color?: string | undefined },
  ): Promise<Tag | undefined> {
    const { rows } = await this.q.query<TagRow>(
      `update tags set name = coalesce($3, name), color = coalesce($4, color), updated_at = now()
        where company_id = $1 and id = $2 returning ${TAG_COLUMNS}`,
      [companyId, tagId, fields.name ?? null, fields.color ?? null],
    );
    return rows[0] && toTag(rows[0]);
  }

  /**
   * Live tickets carrying the tag, most recent first, to tell their screens of a rename or delete.
   * Capped: beyond it clients refresh their lists on `tags.changed`.
   */
  async liveTicketsWith(companyId: number, tagId: number, limit = 500): Promise<number[]> {
    const { rows } = await this.q.query<{ ticket_id: string }>(
      `select tt.ticket_id from ticket_tags tt join tickets t on t.id = tt.ticket_id
        where tt.company_id = $1 and tt.tag_id = $2 and t.status <> 'closed' order by t.last_message_at desc limit $3`,
      [companyId, tagId, limit],
    );
    return rows.map((r) => Number(r.ticket_id));
  }

  async delete(companyId: number, tagId: number): Promise<boolean> {
    const { rowCount } = await this.q.query('delete from tags where company_id = $1 and id = $2', [companyId, tagId]);
    return (rowCount ?? 0) > 0;
  }

  /** True when the tag was not on the ticket yet. */
  async addToTicket(companyId: number, ticketId: number, tagId: number): Promise<boolean> {
    const { rowCount } = await this.q.query(
      'insert into ticket_tags (company_id, ticket_id, tag_id) values ($1, $2, $3) on conflict do nothing',
      [companyId, ticketId, tagId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** True when the tag was on the ticket. */
  async removeFromTicket(companyId: number, ticketId: number, tagId: number): Promise<boolean> {
    const { rowCount } = await this.q.query('delete from ticket_tags where company_id = $1 and ticket_id = $2 and tag_id = $3', [
      companyId,
      ticketId,
      tagId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** The lane tags a ticket carries, except `keep`. */
  async laneTagsOf(companyId: number, ticketId: number, keep: number | null): Promise<Tag[]> {
    const { rows } = await this.q.query<TagRow>(
      `select tg.id, tg.name, tg.color, tg.lane_position, tg.lane_message
         from ticket_tags tt join tags tg on tg.id = tt.tag_id
        where tt.company_id = $1 and tt.ticket_id = $2 and tg.lane_position is not null and tg.id is distinct from $3::bigint`,
      [companyId, ticketId, keep],
    );
    return rows.map(toTag);
  }

  /** `lanes`: tag ids in board order with their messages; every other tag of the company stops being a lane. */
  async setLanes(companyId: number, lanes: { tagId: number; message: string | null }[]): Promise<void> {
    await this.q.query(
      'update tags set lane_position = null, lane_message = null, updated_at = now() where company_id = $1 and lane_position is not null',
      [companyId],
    );
    for (const [position, lane] of lanes.entries()) {
      await this.q.query('update tags set lane_position = $3, lane_message = $4, updated_at = now() where company_id = $1 and id = $2', [
        companyId,
        lane.tagId,
        position,
        lane.message,
      ]);
    }
  }

  /** Claims the lane message of (ticket, lane): true only the first time, ever. */
  async claimLaneMessage(companyId: number, ticketId: number, tagId: number): Promise<boolean> {
    const { rowCount } = await this.q.query(
      'insert into lane_messages_sent (company_id, ticket_id, tag_id) values ($1, $2, $3) on conflict do nothing',
      [companyId, ticketId, tagId],
    );
    return (rowCount ?? 0) > 0;
  }

  async recordLaneMessage(ticketId: number, tagId: number, messageId: number): Promise<void> {
    await this.q.query('update lane_messages_sent set message_id = $3 where ticket_id = $1 and tag_id = $2', [ticketId, tagId, messageId]);
  }

  async rules(companyId: number, onlyActive = false): Promise<TagRule[]> {
    const { rows } = await this.q.query<RuleRow>(
      `select ${RULE_COLUMNS} from tag_rules where company_id = $1 ${onlyActive ? 'and active' : ''} order by id`,
      [companyId],
    );
    return rows.map(toRule);
  }

  async findRule(companyId: number, ruleId: number): Promise<TagRule | undefined> {
    const { rows } = await this.q.query<RuleRow>(`select ${RULE_COLUMNS} from tag_rules where company_id = $1 and id = $2`, [
      companyId,
      ruleId,
    ]);
    return rows[0] && toRule(rows[0]);
  }

  async insertRule(companyId: number, rule: Omit<TagRule, 'id' | 'createdAt'>): Promise<TagRule> {
    const { rows } = await this.q.query<RuleRow>(
      `insert into tag_rules (company_id, tag_id, match, pattern, active) values ($1, $2, $3, $4, $5) returning ${RULE_COLUMNS}`,
      [companyId, rule.tagId, rule.match, rule.pattern, rule.active],
    );
    return toRule(rows[0]!);
  }

  async updateRule(companyId: number, ruleId: number, rule: Omit<TagRule, 'id' | 'createdAt'>): Promise<TagRule | undefined> {
    const { rows } = await this.q.query<RuleRow>(
      `update tag_rules set tag_id = $3, match = $4, pattern = $5, active = $6, updated_at = now()
        where company_id = $1 and id = $2 returning ${RULE_COLUMNS}`,
      [companyId, ruleId, rule.tagId, rule.match, rule.pattern, rule.active],
    );
    return rows[0] && toRule(rows[0]);
  }

  async deleteRule(companyId: number, ruleId: number): Promise<boolean> {
    const { rowCount } = await this.q.query('delete from tag_rules where company_id = $1 and id = $2', [companyId, ruleId]);
    return (rowCount ?? 0) > 0;
  }
}

import type { CreateTagRuleRequest, TagRule, UpdateTagRuleRequest } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import type { PendingEvent } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';
import { rejectRulePattern, tagsEarned } from './rule-match.js';
import type { TagsService } from './tags.service.js';

/** "When an inbound message contains X / matches a regex, add tag Y", managed by admins, run by the inbound runner. */
export class TagRulesService {
  constructor(private readonly tags: TagsService) {}

  list(auth: AuthContext): Promise<TagRule[]> {
    return this.tags.repo.rules(auth.companyId);
  }

  async create(auth: AuthContext, input: CreateTagRuleRequest): Promise<TagRule> {
    await this.check(auth.companyId, input);
    return this.tags.repo.insertRule(auth.companyId, input);
  }

  async update(auth: AuthContext, ruleId: number, input: UpdateTagRuleRequest): Promise<TagRule> {
    const current = await this.tags.repo.findRule(auth.companyId, ruleId);
    if (!current) throw notFound('Tag rule');
    const next = { tagId: current.tagId, match: current.match, pattern: current.pattern, active: current.active, ...input };
    await this.check(auth.companyId, next);
    const saved = await this.tags.repo.updateRule(auth.companyId, ruleId, next);
    if (!saved) throw notFound('Tag rule');
    return saved;
  }

  async remove(auth: AuthContext, ruleId: number): Promise<void> {
    if (!(await this.tags.repo.deleteRule(auth.companyId, ruleId))) throw notFound('Tag rule');
  }

  private async check(companyId: number, rule: Pick<TagRule, 'tagId' | 'match' | 'pattern'>): Promise<void> {
    if (!(await this.tags.repo.find(companyId, rule.tagId))) throw invalid({ tagId: 'no such tag' });
    if (rule.match === 'regex') {
      const reason = rejectRulePattern(rule.pattern);
      if (reason) throw invalid({ pattern: reason });
    }
  }

  /**
   * Runs the company's active rules over customer messages the inbound runner is handling, in its
   * transaction (so each message is evaluated exactly once, with the rest of its handling). Returns
   * the events of the tags it added; an empty list when nothing changed.
   */
  async applyIn(q: Queryable, ticket: { id: number; companyId: number }, texts: readonly string[]): Promise<PendingEvent[]> {
    const rules = await this.tags.repo.with(q).rules(ticket.companyId, true);
    if (rules.length === 0) return [];
    const events: PendingEvent[] = [];
    for (const { tagId, ruleId } of tagsEarned(rules, texts)) {
      const added = await this.tags.addTicketTagIn(q, ticket.companyId, ticket.id, tagId, { userId: null, via: 'rule', ruleId });
      events.push(...added.events);
    }
    return events;
  }
}

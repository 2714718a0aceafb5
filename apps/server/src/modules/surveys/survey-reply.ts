import { parseScore, renderMenu, type MenuCapabilities, type MenuMessage, type Reply } from '@jimmy/routing';

/**
 * What the inbound runner knows about a survey that a customer's next message may answer.
 * @public (the inbound runner's seam)
 */
export interface AwaitingSurvey {
  id: number;
  companyId: number;
  ticketId: number;
  contactId: number;
  connectionId: number;
  userId: number | null;
  queueId: number | null;
  status: 'awaiting_score' | 'awaiting_comment';
  expiresAt: string;
}

const CHOICE_PREFIX = 'survey:';
/** Scores at or below this notify the queue's supervisors and the admins at once. */
export const LOW_SCORE = 2;

// In the order 1..5 so that on a numbered-text channel the number typed is the score itself.
const LABELS: Record<number, string> = { 1: 'Péssimo', 2: 'Ruim', 3: 'Regular', 4: 'Bom', 5: 'Ótimo' };

/** The 1..5 question in the richest form the channel shows (list on the Cloud API, numbered text elsewhere). */
export function surveyMenu(question: string, capabilities: MenuCapabilities): MenuMessage {
  const options = [1, 2, 3, 4, 5].map((score) => ({ id: `${CHOICE_PREFIX}${score}`, label: `${score} ⭐ ${LABELS[score]}` }));
  return renderMenu(question, options, capabilities);
}

/**
 * The score a reply gives: our own button/list ids (`survey:4`) first, then whatever parseScore
 * reads from the text ("5", "⭐5", "cinco", "⭐⭐⭐⭐⭐"); null when it is not a score.
 */
export function scoreOf(reply: Reply): number | null {
  const id = reply.choiceId?.trim();
  if (id?.startsWith(CHOICE_PREFIX)) {
    const score = Number(id.slice(CHOICE_PREFIX.length));
    if (Number.isInteger(score) && score >= 1 && score <= 5) return score;
  }
  const parsed = parseScore({ ...(reply.text !== undefined && { text: reply.text }) });
  return parsed.kind === 'score' ? parsed.score : null;
}

/**
 * Whether a customer's message answers the survey rather than starting a new conversation: a score
 * question claims only a recognisable score ("oi, preciso de ajuda" opens a normal ticket), a
 * comment question claims whatever comes next.
 * @public (the inbound runner's seam)
 */
export function surveyClaims(survey: Pick<AwaitingSurvey, 'status'>, reply: Reply): boolean {
  return survey.status === 'awaiting_comment' || scoreOf(reply) !== null;
}

const REFUSALS = new Set(['nao', 'no', 'n', '-', 'nada', 'sem comentarios', 'nao obrigado', 'no thanks']);

/** The comment to store: null for an empty answer or a refusal ("não", "no", "-"). */
export function commentOf(reply: Reply): string | null {
  const text = reply.text?.trim() ?? '';
  if (text === '') return null;
  const plain = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[.!,;]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (REFUSALS.has(plain) || plain === '' || text === '-') return null;
  return text.slice(0, 2000);
}

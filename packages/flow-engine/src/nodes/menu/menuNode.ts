import { z } from 'zod';
import { normalizeText } from '../../text/normalizeText.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import type { Effect } from '../../engine/effects.js';
import { defineNode, next } from '../defineNode.js';

const optionSchema = z.object({ id: z.string().min(1).max(100), label: z.string().min(1).max(200) });
type MenuOption = z.infer<typeof optionSchema>;

const schema = z
  .object({
    text: z.string().min(1),
    options: z.array(optionSchema).min(1).max(30),
    invalidMessage: z.string().min(1).default('Opção inválida. Escolha uma das opções:'),
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** Saves the chosen option's label. */
    saveAs: z.string().min(1).optional(),
  })
  .refine((data) => new Set(data.options.map((option) => option.id)).size === data.options.length, {
    message: 'option ids must be unique',
    path: ['options'],
  })
  .refine((data) => data.options.every((option) => option.id !== 'invalid'), { message: '"invalid" is reserved', path: ['options'] });

/** A button/list id, the option's 1-based number, or its label ignoring case, accents and punctuation. */
function pickOption(options: readonly MenuOption[], text: string, choiceId: string | undefined): MenuOption | undefined {
  const byId = choiceId === undefined ? undefined : options.find((option) => option.id === choiceId);
  if (byId) return byId;
  const wanted = normalizeText(text);
  if (/^\d+$/.test(wanted)) return options[Number(wanted) - 1];
  return options.find((option) => normalizeText(option.label) === wanted);
}

export const menuNode = defineNode({
  type: 'menu',
  schema,
  editor: { label: { 'pt-BR': 'Menu', en: 'Menu' }, group: 'input' },
  outputs: (data) => [...data.options.map((option) => option.id), 'invalid'],
  execute: ({ data, variables, contact }) => ({
    effects: [{ type: 'sendMenu', text: renderTemplate(data.text, variables, contact.fields), options: data.options }],
    then: { kind: 'wait', waiting: { for: 'reply' } },
    retries: 0,
  }),
  resume: ({ data, retries, variables, contact }, event) => {
    if (event.type !== 'reply') return next('invalid', [], { retries: 0 });
    const option = pickOption(data.options, event.text, event.choiceId);
    if (option) {
      if (!data.saveAs) return next(option.id, [], { retries: 0 });
      return next(option.id, [{ type: 'setVariable', name: data.saveAs, value: option.label }], {
        variables: { [data.saveAs]: option.label },
        retries: 0,
      });
    }
    if (retries + 1 > data.maxRetries) return next('invalid', [], { retries: 0 });
    const effects: Effect[] = [
      { type: 'sendText', text: data.invalidMessage, typingMs: 0 },
      { type: 'sendMenu', text: renderTemplate(data.text, variables, contact.fields), options: data.options },
    ];
    return { effects, then: { kind: 'wait', waiting: { for: 'reply' } }, retries: retries + 1 };
  },
});

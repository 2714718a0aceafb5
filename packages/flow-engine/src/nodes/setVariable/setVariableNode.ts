import { z } from 'zod';
import { formatDate, formatTime, localTime } from '../../text/localTime.js';
import type { LocalTime } from '../../text/localTime.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

const NOW_PARTS = ['date', 'time', 'dateTime', 'weekday', 'hour', 'minute', 'day', 'month', 'year'] as const;
type NowPart = (typeof NOW_PARTS)[number];

const WEEKDAY_NAMES = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];

function nowPart(time: LocalTime, part: NowPart): string {
  switch (part) {
    case 'date':
      return formatDate(time);
    case 'time':
      return formatTime(time);
    case 'dateTime':
      return `${formatDate(time)} ${formatTime(time)}`;
    case 'weekday':
      return WEEKDAY_NAMES[time.weekday] ?? '';
    case 'hour':
    case 'minute':
    case 'day':
    case 'month':
    case 'year':
      return String(time[part]);
  }
}

export const setVariableNode = defineNode({
  type: 'setVariable',
  schema: z.object({
    name: z.string().min(1),
    value: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('literal'), value: z.string() }),
      z.object({ kind: z.literal('template'), template: z.string() }),
      /** Parts of the current date and time in the company's time zone (date as "31/12/2026"). */
      z.object({ kind: z.literal('now'), part: z.enum(NOW_PARTS) }),
    ]),
  }),
  editor: { label: { 'pt-BR': 'Definir variável', en: 'Set variable' }, group: 'logic' },
  outputs: () => ['next'],
  execute: ({ data, variables, contact, ctx }) => {
    const { value } = data;
    const text =
      value.kind === 'literal'
        ? value.value
        : value.kind === 'template'
          ? renderTemplate(value.template, variables, contact.fields)
          : nowPart(localTime(ctx.now, ctx.timeZone), value.part);
    return next('next', [{ type: 'setVariable', name: data.name, value: text }], { variables: { [data.name]: text } });
  },
});

import { z } from 'zod';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

export const contactFieldNode = defineNode({
  type: 'contactField',
  /** `value` is a template: "{{email}}" saves a question's answer on the contact. */
  schema: z.object({ field: z.string().min(1), value: z.string() }),
  editor: { label: { 'pt-BR': 'Campo do contato', en: 'Contact field' }, group: 'action' },
  outputs: () => ['next'],
  execute: ({ data, variables, contact }) =>
    next('next', [{ type: 'setContactField', field: data.field, value: renderTemplate(data.value, variables, contact.fields) }]),
});

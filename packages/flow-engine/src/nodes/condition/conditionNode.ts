import { defineNode, next } from '../defineNode.js';
import { conditionSchema } from './conditionSchema.js';
import { evaluateRule } from './evaluateRule.js';

export const conditionNode = defineNode({
  type: 'condition',
  schema: conditionSchema,
  editor: { label: { 'pt-BR': 'Condição', en: 'Condition' }, group: 'logic' },
  outputs: () => ['true', 'false'],
  execute: (input) => {
    const { data } = input;
    const groupHolds = (group: (typeof data.groups)[number]): boolean =>
      group.match === 'all'
        ? group.rules.every((rule) => evaluateRule(rule, input))
        : group.rules.some((rule) => evaluateRule(rule, input));
    const holds = data.match === 'all' ? data.groups.every(groupHolds) : data.groups.some(groupHolds);
    return next(holds ? 'true' : 'false');
  },
});

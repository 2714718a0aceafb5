import { aiAnswerNode } from './aiAnswer/aiAnswerNode.js';
import { closeTicketNode } from './closeTicket/closeTicketNode.js';
import { conditionNode } from './condition/conditionNode.js';
import { contactFieldNode } from './contactField/contactFieldNode.js';
import type { NodeDefinition } from './defineNode.js';
import { endNode } from './end/endNode.js';
import { goToFlowNode } from './goToFlow/goToFlowNode.js';
import { httpRequestNode } from './httpRequest/httpRequestNode.js';
import { mediaNode } from './media/mediaNode.js';
import { menuNode } from './menu/menuNode.js';
import { messageNode } from './message/messageNode.js';
import type { NodeType } from './nodeTypes.js';
import { questionNode } from './question/questionNode.js';
import { setVariableNode } from './setVariable/setVariableNode.js';
import { startNode } from './start/startNode.js';
import { tagNode } from './tag/tagNode.js';
import { transferNode } from './transfer/transferNode.js';
import { waitNode } from './wait/waitNode.js';
import { workingHoursNode } from './workingHours/workingHoursNode.js';

/** One definition per node type: a type added to NODE_TYPES and not registered here fails to compile. */
export type NodeRegistry = { [T in NodeType]: NodeDefinition<T, unknown> };

export const NODES: NodeRegistry = {
  start: startNode,
  message: messageNode,
  media: mediaNode,
  question: questionNode,
  menu: menuNode,
  condition: conditionNode,
  setVariable: setVariableNode,
  tag: tagNode,
  contactField: contactFieldNode,
  workingHours: workingHoursNode,
  httpRequest: httpRequestNode,
  aiAnswer: aiAnswerNode,
  wait: waitNode,
  goToFlow: goToFlowNode,
  transfer: transferNode,
  closeTicket: closeTicketNode,
  end: endNode,
};

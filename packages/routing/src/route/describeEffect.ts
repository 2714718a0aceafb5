import type { RouteEffect } from './types.js';

/** A one-line summary of an effect, for logs and compact test tables. */
export function describeEffect(effect: RouteEffect): string {
  switch (effect.type) {
    case 'send-text':
      return `send-text:${effect.reason}`;
    case 'send-menu':
      return `send-menu:${effect.menu.kind}`;
    case 'set-queue':
      return `set-queue:${effect.queueId}`;
    case 'set-status':
      return `set-status:${effect.status}`;
    case 'offer-callback':
      return 'offer-callback';
    case 'record-event':
      return `record-event:${effect.event.kind}`;
  }
}

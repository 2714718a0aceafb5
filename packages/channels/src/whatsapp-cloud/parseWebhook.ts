import { asArray, asObject, asString, compact } from '../jsonReaders.js';
import type { JsonObject } from '../jsonReaders.js';
import type { InboundMessage, StatusUpdate } from '../types.js';
import { parseCloudMessage } from './parseCloudMessage.js';
import type { CloudContact } from './parseCloudMessage.js';
import { parseCloudStatus } from './parseCloudStatus.js';

/** One `changes[]` element with field "messages": everything Meta told us about one phone number. */
export interface CloudWebhookChange {
  /** Routing key: which tenant connection this belongs to. */
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber?: string;
  contacts: CloudContact[];
  messages: InboundMessage[];
  statuses: StatusUpdate[];
}

export interface ParsedCloudWebhook {
  changes: CloudWebhookChange[];
  /** Parts that were skipped, for logging; the rest of the body is still delivered. */
  problems: string[];
}

/**
 * Normalises a Cloud API webhook body (parsed JSON, or the raw bytes/string). Never throws:
 * Meta retries anything we fail to acknowledge for days, so one odd element must not block the rest.
 */
export function parseCloudWebhook(body: unknown): ParsedCloudWebhook {
  const result: ParsedCloudWebhook = { changes: [], problems: [] };
  const root = asObject(decode(body, result.problems));
  if (!root) {
    if (result.problems.length === 0) result.problems.push('body is not a JSON object');
    return result;
  }
  if (root['object'] !== undefined && root['object'] !== 'whatsapp_business_account') {
    result.problems.push(`unexpected object ${String(root['object'])}`);
    return result;
  }

  asArray(root['entry']).forEach((entryRaw, e) => {
    const entry = asObject(entryRaw);
    const wabaId = asString(entry?.['id']);
    if (!entry || !wabaId) {
      result.problems.push(`entry[${e}]: no id`);
      return;
    }
    asArray(entry['changes']).forEach((changeRaw, c) => {
      const change = asObject(changeRaw);
      // Other fields (message_template_status_update, account_update…) are not conversations.
      if (change?.['field'] !== 'messages') return;
      const parsed = readChange(wabaId, asObject(change['value']), `entry[${e}].changes[${c}]`, result.problems);
      if (parsed) result.changes.push(parsed);
    });
  });
  return result;
}

function decode(body: unknown, problems: string[]): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    problems.push('body is not valid JSON');
    return undefined;
  }
}

function readChange(wabaId: string, value: JsonObject | undefined, where: string, problems: string[]): CloudWebhookChange | undefined {
  const metadata = asObject(value?.['metadata']);
  const phoneNumberId = asString(metadata?.['phone_number_id']);
  if (!value || !phoneNumberId) {
    problems.push(`${where}: no metadata.phone_number_id`);
    return undefined;
  }

  const contacts = asArray(value['contacts']).flatMap((raw) => {
    const contact = asObject(raw);
    if (!contact) return [];
    return [
      compact({
        waId: asString(contact['wa_id']),
        bsuid: asString(contact['user_id']),
        name: asString(asObject(contact['profile'])?.['name']),
      }),
    ];
  });

  const messages: InboundMessage[] = [];
  asArray(value['messages']).forEach((raw, i) => {
    const parsed = parseCloudMessage(raw, contacts);
    if (parsed.ok) messages.push(parsed.value);
    else problems.push(`${where}.messages[${i}]: ${parsed.problem}`);
  });

  const statuses: StatusUpdate[] = [];
  asArray(value['statuses']).forEach((raw, i) => {
    const parsed = parseCloudStatus(raw);
    if (parsed.ok) statuses.push(parsed.value);
    else problems.push(`${where}.statuses[${i}]: ${parsed.problem}`);
  });

  // Account-level errors (e.g. 131000) arrive here without any message to attach them to.
  for (const raw of asArray(value['errors'])) {
    const error = asObject(raw);
    problems.push(`${where}: Meta error ${String(error?.['code'])} ${asString(error?.['title']) ?? ''}`.trim());
  }

  return compact({
    phoneNumberId,
    wabaId,
    displayPhoneNumber: asString(metadata?.['display_phone_number']),
    contacts,
    messages,
    statuses,
  });
}

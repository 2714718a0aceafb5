import { asArray, asNumber, asObject, asString, compact, unixSecondsToDate } from '../jsonReaders.js';
import type { DeliveryStatus, StatusUpdate } from '../types.js';
import type { ParseResult } from './parseCloudMessage.js';

const STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'played', 'failed']);

/** Normalises one element of `value.statuses[]` (receipts for messages we sent). */
export function parseCloudStatus(raw: unknown): ParseResult<StatusUpdate> {
  const obj = asObject(raw);
  if (!obj) return { ok: false, problem: 'status is not an object' };
  const externalId = asString(obj['id']);
  if (!externalId) return { ok: false, problem: 'status without id' };
  const status = asString(obj['status']);
  if (!status || !STATUSES.has(status)) return { ok: false, problem: `${externalId}: unknown status ${status ?? '?'}` };
  const at = unixSecondsToDate(obj['timestamp']);
  if (!at) return { ok: false, problem: `${externalId}: unreadable timestamp` };

  return {
    ok: true,
    value: compact({
      externalId,
      status: status as DeliveryStatus,
      at,
      // BSUID-only recipients come with recipient_user_id instead of a phone number.
      recipient: asString(obj['recipient_id']) ?? asString(obj['recipient_user_id']),
      error: readError(obj['errors']),
      clientRef: asString(obj['biz_opaque_callback_data']),
    }),
  };
}

function readError(errors: unknown): StatusUpdate['error'] {
  const first = asObject(asArray(errors)[0]);
  if (!first) return undefined;
  const code = asNumber(first['code']) ?? asString(first['code']) ?? 'UNKNOWN';
  return compact({
    code,
    title: asString(first['title']) ?? asString(first['message']) ?? 'Unknown error',
    details: asString(asObject(first['error_data'])?.['details']),
  });
}

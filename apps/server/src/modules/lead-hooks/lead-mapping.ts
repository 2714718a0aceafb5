import type { CustomField, LeadMapping } from '@jimmy/contracts';
import { DomainError } from '../../infra/errors.js';
import { normalizePhone } from '../contact-imports/index.js';
import { validateCustomFields } from '../contacts/index.js';
import { tagNamesAt, textAt } from './lead-payload.js';

/** A lead as the mapping read it, ready for the transaction. */
export interface Lead {
  e164: string;
  /** Empty: keep the contact's name (a new contact is named after its number). */
  name: string;
  email: string | null;
  customFields: Record<string, string>;
  tagNames: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const unprocessable = (code: string, message: string, fields: Record<string, string>) => new DomainError(code, message, 422, fields);

/**
 * The mapping applied to a payload. Every problem is a 422 that names the contact field and the
 * payload path it came from, so the sender (or the admin reading the log) knows what to fix.
 */
export function leadOf(payload: unknown, mapping: LeadMapping, definitions: CustomField[]): Lead {
  if (!mapping.phone)
    throw unprocessable('LEAD_MAPPING_INCOMPLETE', 'This hook has no field mapped to the phone yet: map one in Integrações → Formulários', {
      phone: 'not mapped',
    });
  const rawPhone = textAt(payload, mapping.phone);
  const phone = normalizePhone(rawPhone);
  if (!phone.ok) {
    if (phone.reason === 'phone_missing')
      throw unprocessable('LEAD_PHONE_MISSING', `The phone is missing: expected at "${mapping.phone}"`, {
        phone: `missing at ${mapping.phone}`,
      });
    throw unprocessable('LEAD_PHONE_INVALID', `"${rawPhone.slice(0, 40)}" is not a valid phone number (at "${mapping.phone}")`, {
      phone: `invalid at ${mapping.phone}`,
    });
  }
  const email = textAt(payload, mapping.email);
  if (email && (!EMAIL.test(email) || email.length > 200))
    throw unprocessable('LEAD_EMAIL_INVALID', `"${email.slice(0, 60)}" is not a valid e-mail (at "${mapping.email}")`, {
      email: `invalid at ${mapping.email}`,
    });
  const values: Record<string, string> = {};
  for (const [key, path] of Object.entries(mapping.customFields)) {
    const value = textAt(payload, path);
    if (value) values[key] = value.slice(0, 1000);
  }
  let customFields: Record<string, string>;
  try {
    customFields = validateCustomFields(definitions, values);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw unprocessable('LEAD_FIELD_INVALID', 'A custom field does not fit its definition', error.fields ?? {});
  }
  return {
    e164: phone.e164,
    name: textAt(payload, mapping.name).replace(/\s+/g, ' ').slice(0, 200),
    email: email || null,
    customFields,
    tagNames: tagNamesAt(payload, mapping.tags),
  };
}

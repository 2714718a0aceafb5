import { describe, expect, it } from 'vitest';
import { brazilianWaIdVariant, normalizePhone, whatsAppIdsOf, withNinthDigit } from './phone.js';

describe('normalizePhone (Brazil by default, 9th-digit rule)', () => {
  it.each([
    ['11987654321', '+5511987654321'],
    ['(11) 98765-4321', '+5511987654321'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['005511987654321', '+5511987654321'],
    ["'+5511987654321", '+5511987654321'],
    // old 8-digit mobiles (subscriber starts 6–9) get the 9
    ['(11) 8765-4321', '+5511987654321'],
    ['1167654321', '+5511967654321'],
    ['21 7765-4321', '+5521977654321'],
    ['551187654321', '+5511987654321'],
    // landlines (subscriber starts 2–5) keep 8 digits
    ['(11) 3333-4444', '+551133334444'],
    ['11 2765-4321', '+551127654321'],
    ['+1 650 253 0000', '+16502530000'],
    ['+351 912 345 678', '+351912345678'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'phone_missing'],
    ['  ', 'phone_missing'],
    ['sem telefone', 'phone_invalid'],
    ['12345', 'phone_invalid'],
    ['+5511187654321', 'phone_invalid'],
    ['(11) 0000-0000', 'phone_invalid'],
    ['+55 11 58765-4321', 'phone_invalid'],
    ['1'.repeat(50), 'phone_invalid'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });

  it('adds the 9 only to 10-digit national numbers whose subscriber starts with 6–9', () => {
    expect(withNinthDigit('1187654321')).toBe('11987654321');
    expect(withNinthDigit('1197654321')).toBe('11997654321');
    expect(withNinthDigit('1157654321')).toBe('1157654321');
    expect(withNinthDigit('11987654321')).toBe('11987654321');
  });

  it('knows both wa_id forms of a Brazilian mobile and only one of anything else', () => {
    expect(whatsAppIdsOf('+5511987654321')).toEqual(['5511987654321', '551187654321']);
    expect(brazilianWaIdVariant('551187654321')).toBe('5511987654321');
    expect(whatsAppIdsOf('+551133334444')).toEqual(['551133334444']);
    expect(whatsAppIdsOf('+16502530000')).toEqual(['16502530000']);
    expect(brazilianWaIdVariant('5511933334444')).toBeNull();
  });
});

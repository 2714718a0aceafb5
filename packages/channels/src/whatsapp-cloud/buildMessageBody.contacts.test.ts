import { describe, expect, it } from 'vitest';
import { ChannelError } from '../ChannelError.js';
import { buildMessageBody } from './buildMessageBody.js';
import { validateMessageBody } from './fake/validateMessageBody.js';

describe('buildMessageBody: contacts', () => {
  it("builds Meta's contacts object with formatted name, first/last name and a phone with wa_id", () => {
    const body = buildMessageBody({
      kind: 'contacts',
      to: '5511999990000',
      clientRef: 'ref-1',
      contacts: [{ name: 'Maria da Silva', phone: '+55 11 98765-4321' }],
    });
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511999990000',
      biz_opaque_callback_data: 'ref-1',
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Maria da Silva', first_name: 'Maria da', last_name: 'Silva' },
          phones: [{ phone: '+5511987654321', type: 'CELL', wa_id: '5511987654321' }],
        },
      ],
    });
    expect(validateMessageBody(body)).toBeUndefined();
  });

  it('gives a one-word name as first_name only', () => {
    const body = buildMessageBody({ kind: 'contacts', to: '5511999990000', contacts: [{ name: 'Padaria', phone: '551130000000' }] });
    expect((body.contacts as Array<{ name: unknown }>)[0]!.name).toEqual({ formatted_name: 'Padaria', first_name: 'Padaria' });
  });

  it('refuses an empty list and a phone without digits', () => {
    expect(() => buildMessageBody({ kind: 'contacts', to: '5511999990000', contacts: [] })).toThrow(ChannelError);
    expect(() => buildMessageBody({ kind: 'contacts', to: '5511999990000', contacts: [{ name: 'X', phone: 'abc' }] })).toThrow(
      /not a phone number/,
    );
  });

  it('the fake Graph API refuses a contact without formatted_name', () => {
    expect(validateMessageBody({ messaging_product: 'whatsapp', to: '5511999990000', type: 'contacts', contacts: [{ name: {} }] })).toMatch(
      /formatted_name/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseCloudWebhook } from './parseWebhook.js';

const change = (phoneNumberId: string, value: Record<string, unknown>) => ({
  field: 'messages',
  value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1555', phone_number_id: phoneNumberId }, ...value },
});
const envelope = (...entries: Array<{ id: string; changes: unknown[] }>) => ({ object: 'whatsapp_business_account', entry: entries });
const text = (id: string, from: string, body: string, extra: Record<string, unknown> = {}) => ({
  id,
  from,
  timestamp: '1732300000',
  type: 'text',
  text: { body },
  ...extra,
});

describe('parseCloudWebhook: hand-written cases', () => {
  it('splits 2 entries × 2 messages into one change per entry, names taken from contacts', () => {
    const body = envelope(
      {
        id: 'WABA_1',
        changes: [
          change('PNID_1', {
            contacts: [
              { wa_id: '111', profile: { name: 'Ana' } },
              { wa_id: '222', profile: { name: 'Bo' } },
            ],
            messages: [text('wamid.A', '111', 'one'), text('wamid.B', '222', 'two')],
          }),
        ],
      },
      {
        id: 'WABA_2',
        changes: [
          change('PNID_2', {
            contacts: [{ wa_id: '333', profile: { name: 'Cy' } }],
            messages: [text('wamid.C', '333', 'three'), text('wamid.D', '333', 'four', { unknown_future_field: { x: 1 } })],
          }),
        ],
      },
    );
    const { changes, problems } = parseCloudWebhook(body);
    expect(problems).toEqual([]);
    expect(changes.map((c) => [c.wabaId, c.phoneNumberId, c.messages.map((m) => [m.externalId, m.sender.name, m.text])])).toEqual([
      [
        'WABA_1',
        'PNID_1',
        [
          ['wamid.A', 'Ana', 'one'],
          ['wamid.B', 'Bo', 'two'],
        ],
      ],
      [
        'WABA_2',
        'PNID_2',
        [
          ['wamid.C', 'Cy', 'three'],
          ['wamid.D', 'Cy', 'four'],
        ],
      ],
    ]);
  });

  it('accepts a BSUID-only sender (no phone number since April 2026)', () => {
    const { changes, problems } = parseCloudWebhook(
      envelope({
        id: 'W',
        changes: [
          change('P', {
            contacts: [{ user_id: 'US.42', profile: { name: 'Username User' } }],
            messages: [{ id: 'wamid.U', from_user_id: 'US.42', timestamp: '1732300000', type: 'text', text: { body: 'hey' } }],
          }),
        ],
      }),
    );
    expect(problems).toEqual([]);
    expect(changes[0]?.contacts).toEqual([{ bsuid: 'US.42', name: 'Username User' }]);
    expect(changes[0]?.messages[0]?.sender).toEqual({ bsuid: 'US.42', name: 'Username User' });
  });

  it('reads a reaction without emoji as a removal', () => {
    const { changes } = parseCloudWebhook(
      envelope({
        id: 'W',
        changes: [
          change('P', {
            messages: [{ id: 'wamid.R', from: '111', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.OUT' } }],
          }),
        ],
      }),
    );
    expect(changes[0]?.messages[0]).toMatchObject({ kind: 'reaction', reaction: { targetExternalId: 'wamid.OUT', emoji: null } });
  });

  it('reads read and failed statuses in one body, errors included', () => {
    const { changes, problems } = parseCloudWebhook(
      envelope({
        id: 'W',
        changes: [
          change('P', {
            statuses: [
              { id: 'wamid.O1', status: 'read', timestamp: '1732300100', recipient_id: '111' },
              {
                id: 'wamid.O2',
                status: 'failed',
                timestamp: '1732300200',
                recipient_id: '222',
                errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'not on WhatsApp' } }],
              },
            ],
          }),
        ],
      }),
    );
    expect(problems).toEqual([]);
    expect(changes[0]?.statuses).toEqual([
      { externalId: 'wamid.O1', status: 'read', at: new Date(1732300100_000), recipient: '111' },
      {
        externalId: 'wamid.O2',
        status: 'failed',
        at: new Date(1732300200_000),
        recipient: '222',
        error: { code: 131026, title: 'Message undeliverable', details: 'not on WhatsApp' },
      },
    ]);
  });

  it('maps an unknown message type to unsupported rather than dropping it', () => {
    const { changes } = parseCloudWebhook(
      envelope({ id: 'W', changes: [change('P', { messages: [{ id: 'wamid.O', from: '1', timestamp: '1', type: 'order', order: {} }] })] }),
    );
    expect(changes[0]?.messages[0]).toMatchObject({ kind: 'unsupported', error: { code: 'UNMAPPED_TYPE' } });
  });

  it('ignores changes for other fields', () => {
    const body = envelope({ id: 'W', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] });
    expect(parseCloudWebhook(body)).toEqual({ changes: [], problems: [] });
  });

  it('skips unreadable elements, reports them, and keeps the good ones', () => {
    const body = envelope(
      { id: '', changes: [] },
      {
        id: 'W',
        changes: [
          change('P', {
            messages: [
              null,
              { from: '1', timestamp: '1', type: 'text', text: { body: 'no id' } },
              { id: 'wamid.NOFROM', timestamp: '1', type: 'text', text: { body: 'x' } },
              { id: 'wamid.NOTIME', from: '1', type: 'text', text: { body: 'x' } },
              { id: 'wamid.NOBODY', from: '1', timestamp: '1', type: 'text' },
              { id: 'wamid.NOMEDIA', from: '1', timestamp: '1', type: 'image', image: { caption: 'c' } },
              { id: 'wamid.BADLOC', from: '1', timestamp: '1', type: 'location', location: { latitude: 'north' } },
              text('wamid.GOOD', '1', 'fine'),
            ],
            statuses: [{ id: 'wamid.S', status: 'exploded', timestamp: '1' }, 'nope'],
            errors: [{ code: 131000, title: 'Something went wrong' }],
          }),
          { field: 'messages', value: { metadata: {} } },
          'garbage',
        ],
      },
    );
    const { changes, problems } = parseCloudWebhook(body);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.messages.map((m) => m.externalId)).toEqual(['wamid.GOOD']);
    expect(problems).toHaveLength(12);
    expect(problems).toContain('entry[1].changes[0].messages[2]: wamid.NOFROM: no from / from_user_id');
    expect(problems).toContain('entry[1].changes[1]: no metadata.phone_number_id');
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an array', []],
    ['broken JSON text', '{"object":'],
    ['another object type', { object: 'page', entry: [] }],
    ['entry not an array', { object: 'whatsapp_business_account', entry: 'x' }],
  ])('never throws on %s', (_name, body) => {
    const result = parseCloudWebhook(body);
    expect(result.changes).toEqual([]);
  });
});

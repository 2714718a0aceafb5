import { describe, expect, it } from 'vitest';
import { buildBaileysContent } from './buildBaileysContent.js';

describe('buildBaileysContent: contacts', () => {
  it('sends one contact as a vCard with its display name', () => {
    const { content } = buildBaileysContent({
      kind: 'contacts',
      to: '5511999990000',
      contacts: [{ name: 'Maria Silva', phone: '+55 11 98765-4321' }],
    });
    expect(content).toEqual({
      contacts: {
        displayName: 'Maria Silva',
        contacts: [
          {
            vcard:
              'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria Silva\r\nN:Silva;Maria;;;\r\nTEL;type=CELL;type=VOICE;waid=5511987654321:+5511987654321\r\nEND:VCARD\r\n',
          },
        ],
      },
    });
  });

  it('names several contacts by their count', () => {
    const { content } = buildBaileysContent({
      kind: 'contacts',
      to: '5511999990000',
      contacts: [
        { name: 'A', phone: '5511911111111' },
        { name: 'B', phone: '5511922222222' },
      ],
    });
    expect(content).toMatchObject({ contacts: { displayName: '2 contatos' } });
  });

  it('sends audio as a voice note (ptt) or as a file', () => {
    const audio = (voice: boolean) =>
      buildBaileysContent({ kind: 'media', to: '5511999990000', mediaKind: 'audio', bytes: Buffer.from('x'), mimeType: 'audio/ogg', voice })
        .content;
    expect(audio(true)).toMatchObject({ ptt: true });
    expect(audio(false)).toMatchObject({ ptt: false });
  });
});

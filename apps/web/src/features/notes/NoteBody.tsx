import { Text } from '@mantine/core';
import type { Message } from '@jimmy/contracts';
import { useMentionable } from './notesApi.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The note's text with its mentions highlighted; always React text, never HTML. */
export function NoteBody({ message }: { message: Message }) {
  const users = useMentionable(true);
  const ids = Array.isArray(message.payload?.mentions) ? (message.payload.mentions as number[]) : [];
  const names = (users.data ?? []).filter((u) => ids.includes(u.id)).map((u) => u.name);
  if (names.length === 0) return <>{message.body}</>;
  const pattern = new RegExp(
    `(@(?:${names
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')}))`,
    'giu',
  );
  return (
    <>
      {message.body.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <Text key={i} span fw={600} c="blue.8" bg="blue.0" px={2} style={{ borderRadius: 3 }} data-testid="note-mention">
            {part}
          </Text>
        ) : (
          part
        ),
      )}
    </>
  );
}

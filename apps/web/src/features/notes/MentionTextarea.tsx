import { useRef, useState, type KeyboardEvent } from 'react';
import { Box, Group, Paper, Text, Textarea, UnstyledButton, type TextareaProps } from '@mantine/core';
import type { MentionableUser } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
// An @ that starts a word, and what was typed after it up to the caret (names have spaces).
const TOKEN = /(?:^|[^\p{L}\p{N}_])@([^@\n]{0,40})$/u;

interface Props extends Omit<TextareaProps, 'value' | 'onChange' | 'onKeyDown'> {
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLTextAreaElement>) => void;
  users: MentionableUser[];
}

/**
 * A textarea where `@` opens the team list, filtered as you type (accents ignored), picked with
 * ↑ ↓ Enter/Tab, closed with Esc. Picking writes `@Full Name`, which is what the server reads.
 */
export function MentionTextarea({ value, onChange, onKeyDown, users, ...rest }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [token, setToken] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const options = token
    ? users
        .filter((u) =>
          fold(u.name)
            .split(/\s+/)
            .some((_, i, words) => words.slice(i).join(' ').startsWith(fold(token.query))),
        )
        .slice(0, 8)
    : [];
  // A space after a name that matches nobody means the user is just writing: stop suggesting.
  const open = token !== null && (options.length > 0 || !/\s/.test(token.query));

  const track = (text: string, caret: number) => {
    const match = TOKEN.exec(text.slice(0, caret));
    if (!match) return setToken(null);
    setToken({ start: caret - match[1]!.length - 1, query: match[1]! });
    setActive(0);
  };

  const pick = (user: MentionableUser) => {
    if (!token) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const inserted = `@${user.name} `;
    const next = value.slice(0, token.start) + inserted + value.slice(caret);
    onChange(next);
    setToken(null);
    const at = token.start + inserted.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && !e.nativeEvent.isComposing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        return setToken(null);
      }
      if (options.length > 0) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : -1;
          return setActive((a) => (a + step + options.length) % options.length);
        }
        if (e.key === 'Enter' || e.key === 'Tab') {
          e.preventDefault();
          return pick(options[Math.min(active, options.length - 1)]!);
        }
      }
    }
    onKeyDown?.(e);
  };

  return (
    <Box pos="relative" style={{ flex: 1, minWidth: 0 }}>
      <Textarea
        {...rest}
        ref={ref}
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          track(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onKeyDown={keyDown}
        onBlur={() => setToken(null)}
        aria-autocomplete="list"
        aria-expanded={open}
      />
      {open && (
        <Paper
          withBorder
          shadow="md"
          pos="absolute"
          bottom="100%"
          left={0}
          mb={4}
          w={280}
          maw="100%"
          p={4}
          style={{ zIndex: 20 }}
          role="listbox"
          aria-label={t('notes.mention.listLabel')}
          data-testid="mention-list"
        >
          {options.length === 0 ? (
            <Text size="xs" c="dimmed" p="xs">
              {t('notes.mention.none')}
            </Text>
          ) : (
            options.map((user, i) => (
              <UnstyledButton
                key={user.id}
                role="option"
                aria-selected={i === active}
                display="block"
                w="100%"
                px="xs"
                py={6}
                style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-default-hover)' : undefined }}
                // mousedown, not click: the textarea must not lose its caret first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(user);
                }}
                onMouseEnter={() => setActive(i)}
                data-testid={`mention-option-${user.id}`}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" truncate>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`notes.mention.role.${user.role as 'agent'}`, { defaultValue: user.role })}
                  </Text>
                </Group>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
    </Box>
  );
}

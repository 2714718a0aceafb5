import { useState, type ReactNode } from 'react';
import { Box, Center, SegmentedControl } from '@mantine/core';
import { IconLock, IconMessage } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { NoteComposer, noteBackground } from './NoteComposer.js';

type Mode = 'reply' | 'note';

/**
 * "Responder / Nota" above the composer. The reply composer is passed in untouched, so the notes
 * feature does not reach into it; the switch is a radio group (Tab, then arrow keys).
 */
export function ComposerWithNotes({ ticket, reply }: { ticket: Ticket; reply: ReactNode }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('reply');
  return (
    <Box style={{ borderTop: '1px solid var(--mantine-color-default-border)', background: mode === 'note' ? noteBackground : undefined }}>
      <Box px="md" pt={6}>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v)}
          aria-label={t('notes.mode.label')}
          color={mode === 'note' ? 'yellow' : 'brand'}
          data={[
            {
              value: 'reply',
              label: (
                <Center style={{ gap: 4 }}>
                  <IconMessage size={14} aria-hidden />
                  <span>{t('notes.mode.reply')}</span>
                </Center>
              ),
            },
            {
              value: 'note',
              label: (
                <Center style={{ gap: 4 }} data-testid="composer-mode-note">
                  <IconLock size={14} aria-hidden />
                  <span>{t('notes.mode.note')}</span>
                </Center>
              ),
            },
          ]}
          data-testid="composer-mode"
        />
      </Box>
      {mode === 'note' ? <NoteComposer ticket={ticket} /> : reply}
    </Box>
  );
}

import { ActionIcon, Divider, Group, Indicator, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTag } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { TagChip } from './TagChip.js';
import { TagPicker } from './TagPicker.js';
import { useCreateTag, useTags, useTicketTag } from './tagsApi.js';

const isAdmin = (role: string) => role === 'admin' || role === 'super_admin';

/** The conversation's tags: chips to remove, and a picker to add (admins may create one by typing). */
export function TicketTagsButton({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const tags = useTags();
  const change = useTicketTag();
  const create = useCreateTag();
  const fail = (err: unknown) => notifications.show({ color: 'red', title: t('tags.tickets.failed'), message: errorMessage(err, t) });
  const set = (tagId: number, on: boolean) => change.mutateAsync({ ticketId: ticket.id, tagId, on }).catch(fail);

  return (
    <Popover position="bottom-end" width={280} shadow="md" withArrow trapFocus>
      <Popover.Target>
        <Indicator disabled={ticket.tags.length === 0} label={ticket.tags.length} size={16} offset={4}>
          <Tooltip label={t('tags.tickets.label')}>
            <ActionIcon variant="default" size="lg" aria-label={t('tags.tickets.label')} data-testid="ticket-tags">
              <IconTag size={18} />
            </ActionIcon>
          </Tooltip>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" fw={600}>
            {t('tags.tickets.label')}
          </Text>
          {ticket.tags.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('tags.tickets.none')}
            </Text>
          ) : (
            <Group gap={4} data-testid="ticket-tag-list">
              {ticket.tags.map((tag) => (
                <TagChip key={tag.id} tag={tag} onRemove={() => void set(tag.id, false)} />
              ))}
            </Group>
          )}
          <Divider />
          <TagPicker
            tags={tags.data ?? []}
            exclude={ticket.tags.map((tag) => tag.id)}
            onPick={(tag) => void set(tag.id, true)}
            onCreate={
              isAdmin(me.role)
                ? (name, color) =>
                    create.mutateAsync({ name, color }).catch((err: unknown) => {
                      fail(err);
                      throw err;
                    })
                : undefined
            }
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

import { Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { TagChip, useTags } from '../tags/index.js';
import { useAddContactTag, useRemoveContactTag } from './extrasApi.js';

/** Coloured chips with a remove button, and a searchable picker of the company's other tags. */
export function ContactTagsEditor({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const tags = useTags();
  const add = useAddContactTag();
  const remove = useRemoveContactTag();
  const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err, t) });
  const available = (tags.data ?? []).filter((tag) => !contact.tags.some((c) => c.id === tag.id));
  return (
    <Group gap={6} data-testid="contact-tags">
      {contact.tags.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('contactExtras.tags.none')}
        </Text>
      )}
      {contact.tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} onRemove={() => remove.mutate({ id: contact.id, tagId: tag.id }, { onError })} />
      ))}
      <Select
        size="xs"
        w={160}
        searchable
        placeholder={t('contactExtras.tags.add')}
        aria-label={t('contactExtras.tags.add')}
        nothingFoundMessage={t('contactExtras.tags.noTags')}
        data={available.map((tag) => ({ value: String(tag.id), label: tag.name }))}
        value={null}
        disabled={add.isPending}
        onChange={(value) => value && add.mutate({ id: contact.id, tagId: Number(value) }, { onError })}
        data-testid="contact-tag-picker"
      />
    </Group>
  );
}

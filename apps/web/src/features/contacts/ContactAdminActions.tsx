import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconGitMerge, IconShieldX } from '@tabler/icons-react';
import type { Contact, Role } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useContactList } from './contactsApi.js';
import { contactExportUrl, useAnonymizeContact, useMergeContact, useMergePreview } from './extrasApi.js';

function MergeModal({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [otherId, setOtherId] = useState<number | null>(null);
  const list = useContactList(search.trim());
  const preview = useMergePreview(contact.id, otherId);
  const merge = useMergeContact();
  const options = (list.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((c) => c.id !== contact.id)
    .map((c) => ({ value: String(c.id), label: c.phone ? `${c.name} (${c.phone})` : c.name }));
  return (
    <Modal opened onClose={onClose} title={t('contactExtras.merge.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('contactExtras.merge.intro', { name: contact.name })}</Text>
        <Select
          searchable
          label={t('contactExtras.merge.search')}
          data={options}
          searchValue={search}
          onSearchChange={setSearch}
          value={otherId === null ? null : String(otherId)}
          onChange={(v) => setOtherId(v ? Number(v) : null)}
          filter={({ options: all }) => all}
          rightSection={list.isFetching ? <Loader size="xs" /> : undefined}
          data-testid="merge-other"
        />
        {preview.isFetching && <Loader size="sm" />}
        {preview.data && (
          <Alert variant="light" data-testid="merge-preview">
            <Text size="sm">{t('contactExtras.merge.preview', { ...preview.data })}</Text>
            {preview.data.closingTicketIds.length > 0 && (
              <Text size="sm" mt={4}>
                {t('contactExtras.merge.closing', { ids: preview.data.closingTicketIds.join(', #') })}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t('contactExtras.merge.wins')}
            </Text>
          </Alert>
        )}
        {merge.isError && <Alert color="red">{errorMessage(merge.error, t)}</Alert>}
        <Group justify="flex-end">
          <Button
            disabled={!preview.data || otherId === null}
            loading={merge.isPending}
            onClick={() =>
              otherId !== null &&
              merge.mutate(
                { id: contact.id, otherContactId: otherId },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('contactExtras.merge.done') });
                    onClose();
                  },
                },
              )
            }
            data-testid="merge-confirm"
          >
            {t('contactExtras.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AnonymizeModal({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const anonymize = useAnonymizeContact();
  const matches = typed.trim().toLocaleLowerCase() === contact.name.trim().toLocaleLowerCase();
  return (
    <Modal opened onClose={onClose} title={t('contactExtras.lgpd.anonymizeTitle', { name: contact.name })}>
      <Stack gap="sm">
        <Text size="sm">{t('contactExtras.lgpd.anonymizeText')}</Text>
        <TextInput
          label={t('contactExtras.lgpd.typeName')}
          placeholder={contact.name}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          data-testid="anonymize-name"
        />
        {anonymize.isError && <Alert color="red">{errorMessage(anonymize.error, t)}</Alert>}
        <Group justify="flex-end">
          <Button
            color="red"
            disabled={!matches}
            loading={anonymize.isPending}
            onClick={() =>
              anonymize.mutate(
                { id: contact.id, confirmName: typed },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('contactExtras.lgpd.done') });
                    onClose();
                  },
                },
              )
            }
            data-testid="anonymize-confirm"
          >
            {t('contactExtras.lgpd.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Merge (managers) and LGPD export/anonymise (admins); hidden from roles that may not use them. */
export function ContactAdminActions({ contact, role }: { contact: Contact; role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'merge' | 'anonymize' | null>(null);
  const admin = role === 'admin' || role === 'super_admin';
  const manager = admin || role === 'supervisor';
  if (!manager) return null;
  return (
    <Stack gap="xs" data-testid="contact-admin-actions">
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconGitMerge size={14} />}
          onClick={() => setOpen('merge')}
          data-testid="contact-merge"
        >
          {t('contactExtras.merge.button')}
        </Button>
      </Group>
      {admin && !contact.anonymizedAt && (
        <>
          <Text size="sm" fw={500}>
            {t('contactExtras.lgpd.title')}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              component="a"
              href={contactExportUrl(contact.id)}
              download
              leftSection={<IconDownload size={14} />}
              title={t('contactExtras.lgpd.exportHint')}
              data-testid="contact-export"
            >
              {t('contactExtras.lgpd.export')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconShieldX size={14} />}
              onClick={() => setOpen('anonymize')}
              data-testid="contact-anonymize"
            >
              {t('contactExtras.lgpd.anonymize')}
            </Button>
          </Group>
        </>
      )}
      {open === 'merge' && <MergeModal contact={contact} onClose={() => setOpen(null)} />}
      {open === 'anonymize' && <AnonymizeModal contact={contact} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

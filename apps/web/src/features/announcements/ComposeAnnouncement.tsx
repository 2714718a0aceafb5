import { useState } from 'react';
import { Alert, Button, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX, type AnnouncementAudience } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useCreateAnnouncement, useQueueOptions, useUserOptions } from './announcementsApi.js';

type Kind = AnnouncementAudience['kind'];

/** Title, message and audience (everyone / one queue / chosen people); checked here first, then by the server. */
export function ComposeAnnouncement() {
  const { t } = useTranslation();
  const me = useCurrentUser().id;
  const create = useCreateAnnouncement();
  const queues = useQueueOptions();
  const users = useUserOptions();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<Kind>('everyone');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(create.error, t);
  const fieldError = (name: string) => local[name] ?? server[name];

  const audienceError = () => {
    if (server.audience) return t('announcements.compose.noRecipients');
    if (server['audience.queueId']) return t('announcements.compose.unknownQueue');
    if (server['audience.userIds']) return t('announcements.compose.unknownUsers');
    return undefined;
  };

  const submit = () => {
    const problems: Record<string, string> = {};
    if (!title.trim()) problems.title = t('announcements.compose.required');
    if (!body.trim()) problems.body = t('announcements.compose.required');
    if (kind === 'queue' && !queueId) problems['audience.queueId'] = t('announcements.compose.pickQueue');
    if (kind === 'users' && userIds.length === 0) problems['audience.userIds'] = t('announcements.compose.pickUsers');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const audience: AnnouncementAudience =
      kind === 'queue' ? { kind, queueId: Number(queueId) } : kind === 'users' ? { kind, userIds: userIds.map(Number) } : { kind };
    create.mutate(
      { title: title.trim(), body: body.trim(), audience },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'brand', message: t('announcements.compose.sent', { count: created.recipientCount }) });
          setTitle('');
          setBody('');
          setUserIds([]);
          create.reset();
        },
      },
    );
  };

  const queueOptions = (queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }));
  const userOptions = (users.data ?? []).filter((u) => u.active && u.id !== me).map((u) => ({ value: String(u.id), label: u.name }));
  const otherError = create.error && !Object.keys(server).length ? errorMessage(create.error, t) : null;

  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      component="form"
      onSubmit={(e) => (e.preventDefault(), submit())}
      data-testid="announcement-compose"
    >
      <Stack gap="sm">
        <Title order={4}>{t('announcements.compose.title')}</Title>
        <TextInput
          label={t('announcements.compose.titleLabel')}
          placeholder={t('announcements.compose.titlePlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={ANNOUNCEMENT_TITLE_MAX}
          error={fieldError('title')}
          withAsterisk
          data-testid="announcement-title"
        />
        <Textarea
          label={t('announcements.compose.body')}
          placeholder={t('announcements.compose.bodyPlaceholder')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          maxLength={ANNOUNCEMENT_BODY_MAX}
          autosize
          minRows={3}
          maxRows={10}
          error={fieldError('body')}
          withAsterisk
          data-testid="announcement-body"
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('announcements.compose.audience')}
          </Text>
          <SegmentedControl
            fullWidth
            value={kind}
            onChange={(value) => setKind(value)}
            data={(['everyone', 'queue', 'users'] as const).map((value) => ({ value, label: t(`announcements.compose.${value}`) }))}
            data-testid="announcement-audience"
          />
          {kind === 'everyone' && (
            <Text size="xs" c="dimmed">
              {t('announcements.compose.everyoneHint')}
            </Text>
          )}
        </Stack>
        {kind === 'queue' &&
          (queues.data && queues.data.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('announcements.compose.noQueues')}
            </Alert>
          ) : (
            <Select
              label={t('announcements.compose.queuePick')}
              placeholder={t('announcements.compose.queuePlaceholder')}
              description={t('announcements.compose.queueHint')}
              data={queueOptions}
              value={queueId}
              onChange={setQueueId}
              searchable
              error={fieldError('audience.queueId') ?? audienceError()}
              disabled={queues.isPending}
              data-testid="announcement-queue"
            />
          ))}
        {kind === 'users' && (
          <MultiSelect
            label={t('announcements.compose.usersPick')}
            placeholder={userIds.length === 0 ? t('announcements.compose.usersPlaceholder') : undefined}
            description={t('announcements.compose.usersHint')}
            data={userOptions}
            value={userIds}
            onChange={setUserIds}
            searchable
            clearable
            error={fieldError('audience.userIds') ?? audienceError()}
            disabled={users.isPending}
            data-testid="announcement-users"
          />
        )}
        {kind === 'everyone' && audienceError() && (
          <Text size="sm" c="red">
            {audienceError()}
          </Text>
        )}
        {otherError && (
          <Alert color="red" variant="light">
            {otherError}
          </Alert>
        )}
        <Button type="submit" leftSection={<IconSend size={16} />} loading={create.isPending} data-testid="announcement-send">
          {t('announcements.compose.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

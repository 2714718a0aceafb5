import { useRef, useState } from 'react';
import { Button, Fieldset, Group, Image, Progress, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';
import { flowMediaFileUrl, useFlowMedia, useUploadFlowMedia } from '../flowMediaApi.js';

type Source = { libraryId: string } | { url: string };

/**
 * The Media node's file: an item of the company's media library (picked or uploaded here) or a URL,
 * which the server downloads when the flow is published (never while a customer waits).
 */
export function MediaSourceField({
  value,
  onChange,
  error,
  testId,
}: {
  value: unknown;
  onChange: (next: Source) => void;
  error: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const source = (value ?? {}) as Partial<{ libraryId: unknown; url: unknown }>;
  const mode = 'url' in source ? 'url' : 'library';
  const library = useFlowMedia(mode === 'library');
  const upload = useUploadFlowMedia();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const libraryId = typeof source.libraryId === 'string' && source.libraryId !== '' ? source.libraryId : null;
  const items = library.data ?? [];
  const picked = items.find((item) => String(item.id) === libraryId);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setProgress({ name: file.name, fraction: 0 });
    try {
      const created = await upload(file, (fraction) => setProgress({ name: file.name, fraction }));
      onChange({ libraryId: String(created.id) });
    } catch (err) {
      notifications.show({ color: 'red', title: t('flows.media.uploadFailed'), message: errorMessage(err, t) });
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Fieldset legend={t('flows.fields.source')} p="xs" data-testid={testId}>
      <Stack gap="sm">
        <SegmentedControl
          size="xs"
          fullWidth
          data={[
            { value: 'library', label: t('flows.media.library') },
            { value: 'url', label: t('flows.media.url') },
          ]}
          value={mode}
          onChange={(next) => next !== mode && onChange(next === 'url' ? { url: '' } : { libraryId: '' })}
          data-testid={`${testId}-variant`}
        />
        {mode === 'library' ? (
          <>
            <Select
              label={t('flows.media.file')}
              placeholder={t('flows.media.pick')}
              data={items.map((item) => ({ value: String(item.id), label: item.name }))}
              value={libraryId}
              onChange={(next) => onChange({ libraryId: next ?? '' })}
              searchable
              nothingFoundMessage={t('flows.media.empty')}
              error={libraryId !== null && library.isSuccess && !picked ? t('flows.media.missing') : undefined}
              comboboxProps={{ withinPortal: true }}
              data-testid={`${testId}-library`}
            />
            {picked?.kind === 'image' && <Image src={flowMediaFileUrl(picked.id)} alt={picked.name} h={96} fit="contain" radius="sm" />}
            {progress ? (
              <Stack gap={2} data-testid={`${testId}-progress`}>
                <Text size="xs">{t('flows.media.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}</Text>
                <Progress value={progress.fraction * 100} size="sm" />
              </Stack>
            ) : (
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconUpload size={14} />}
                  onClick={() => input.current?.click()}
                  data-testid={`${testId}-upload`}
                >
                  {t('flows.media.upload')}
                </Button>
              </Group>
            )}
            <input
              ref={input}
              type="file"
              hidden
              accept="image/*,video/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.txt"
              onChange={(e) => void send(e.currentTarget.files?.[0])}
              data-testid={`${testId}-file`}
            />
          </>
        ) : (
          <TextInput
            label={t('flows.media.address')}
            description={t('flows.media.urlHint')}
            placeholder="https://…"
            value={typeof source.url === 'string' ? source.url : ''}
            onChange={(e) => onChange({ url: e.currentTarget.value })}
            data-testid={`${testId}-url`}
          />
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

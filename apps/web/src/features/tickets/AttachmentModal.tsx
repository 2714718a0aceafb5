import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Image, Modal, Progress, Stack, Text, Textarea } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import type { Message } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { uploadMessage } from './uploadMessage.js';
import { formatBytes } from './ticketFormat.js';

interface Props {
  ticketId: number;
  file: File | null;
  quotedMessageId: number | undefined;
  onClose: () => void;
  onSent: (m: Message) => void;
  onFailed: (err: unknown) => boolean;
}

/** Preview and caption before a file goes out, with the upload's progress. */
export function AttachmentModal({ ticketId, file, quotedMessageId, onClose, onSent, onFailed }: Props) {
  const { t } = useTranslation();
  const [caption, setCaption] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  const isImage = Boolean(file?.type.startsWith('image/'));
  const isVideo = Boolean(file?.type.startsWith('video/'));
  const previewUrl = useMemo(() => (file && (isImage || isVideo) ? URL.createObjectURL(file) : null), [file, isImage, isVideo]);

  useEffect(
    () => () => {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
    },
    [previewUrl],
  );

  const send = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const message = await uploadMessage(
        ticketId,
        { file, fileName: file.name || 'file', body: caption.trim() || undefined, quotedMessageId },
        setProgress,
        abort.current.signal,
      );
      onSent(message);
      onClose();
    } catch (err) {
      setProgress(null);
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (onFailed(err)) onClose();
      else setError(err);
    }
  };

  const cancel = () => {
    abort.current?.abort();
    onClose();
  };

  return (
    <Modal opened={file !== null} onClose={cancel} title={t('tickets.attach.title')} centered size="lg" data-testid="attachment-modal">
      {file && (
        <Stack gap="sm">
          {isImage && previewUrl ? (
            <Image src={previewUrl} alt={file.name} mah={360} fit="contain" radius="sm" />
          ) : isVideo && previewUrl ? (
            <video src={previewUrl} controls style={{ maxHeight: 360, width: '100%' }} />
          ) : (
            <Group gap="sm">
              <IconFile size={36} />
              <div>
                <Text fw={500}>{file.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
              </div>
            </Group>
          )}
          <Textarea
            label={t('tickets.attach.caption')}
            autosize
            minRows={1}
            maxRows={4}
            value={caption}
            onChange={(e) => setCaption(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void send();
              }
            }}
            data-autofocus
            data-testid="attachment-caption"
          />
          {progress !== null && (
            <Progress
              value={progress * 100}
              animated={progress < 1}
              aria-label={t('tickets.attach.uploading')}
              data-testid="attachment-progress"
            />
          )}
          {error !== null && (
            <Alert color="red" variant="light">
              {errorMessage(error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void send()} loading={progress !== null} data-testid="attachment-send">
              {t('tickets.composer.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

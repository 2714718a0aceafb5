import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Box, Button, Group, Image, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconFile, IconMapPin, IconMessagePlus, IconUser } from '@tabler/icons-react';
import type { Message, Ticket } from '@jimmy/contracts';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useStartConversation } from '../contacts/index.js';
import { LinkifiedText } from './LinkifiedText.js';
import { formatBytes } from './ticketFormat.js';

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

function BodyText({ message }: { message: Message }) {
  if (!message.body) return null;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`message-text-${message.id}`}>
      <LinkifiedText text={message.body} />
    </Text>
  );
}

function MediaState({ message, children }: { message: Message; children: (url: string) => ReactNode }) {
  const { t } = useTranslation();
  const media = message.media;
  if (!media || media.state === 'failed' || (media.state === 'ready' && !media.url)) {
    return (
      <Group gap={6} c="red">
        <IconAlertTriangle size={16} />
        <Text size="sm">{t('tickets.media.failed')}</Text>
      </Group>
    );
  }
  if (media.state === 'pending' || !media.url) {
    return (
      <Group gap={6} c="dimmed" p="xs" data-testid={`media-pending-${message.id}`}>
        <Loader size="xs" />
        <Text size="sm">{t('tickets.media.pending')}</Text>
      </Group>
    );
  }
  return <>{children(media.url)}</>;
}

function ContactsCard({ message, ticket }: { message: Message; ticket: Ticket | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartConversation();
  const list = Array.isArray(message.payload?.contacts) ? (message.payload.contacts as unknown[]) : [];
  return (
    <Stack gap="xs">
      {list.map((raw, i) => {
        const c = (raw ?? {}) as { name?: unknown; phones?: unknown };
        const phones = Array.isArray(c.phones) ? (c.phones as { phone?: unknown }[]) : [];
        return (
          <Paper key={i} withBorder p="xs" radius="md">
            <Group gap={6} mb={4}>
              <IconUser size={16} />
              <Text size="sm" fw={600}>
                {str(c.name) ?? t('tickets.unknownContact')}
              </Text>
            </Group>
            {phones.map((p, j) => {
              const phone = str(p.phone);
              if (!phone) return null;
              return (
                // Wraps under the number in a narrow bubble instead of cutting the button's label.
                <Group key={j} gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">{phone}</Text>
                  {ticket && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconMessagePlus size={14} />}
                      loading={start.isPending && start.variables?.phone === phone}
                      onClick={() =>
                        start.mutate(
                          { connectionId: ticket.connectionId, phone, ...(str(c.name) ? { name: str(c.name)! } : {}) },
                          {
                            onSuccess: (created) => void navigate(`/tickets/${created.id}`),
                            onError: (err) =>
                              notifications.show({
                                color: 'red',
                                title: t('tickets.contactsCard.startFailed'),
                                message: errorMessage(err, t),
                              }),
                          },
                        )
                      }
                      data-testid={`start-conversation-${message.id}-${i}-${j}`}
                    >
                      {t('tickets.contactsCard.start')}
                    </Button>
                  )}
                </Group>
              );
            })}
          </Paper>
        );
      })}
    </Stack>
  );
}

/** The inside of a bubble, by message type. Nothing here ever renders customer text as HTML. */
export function MessageContent({ message, ticket }: { message: Message; ticket: Ticket | null }) {
  const { t } = useTranslation();
  const [lightbox, setLightbox] = useState<string | null>(null);
  const p = message.payload ?? {};

  switch (message.type) {
    case 'image':
    case 'sticker':
      return (
        <>
          <MediaState message={message}>
            {(url) => (
              <Box
                component="button"
                onClick={() => setLightbox(url)}
                style={{ border: 0, padding: 0, background: 'none', cursor: 'zoom-in', display: 'block' }}
                aria-label={t('tickets.media.enlarge')}
              >
                <Image
                  src={url}
                  alt={message.body || t(`tickets.types.${message.type}`)}
                  maw={message.type === 'sticker' ? 140 : 260}
                  mah={260}
                  fit="cover"
                  radius="sm"
                />
              </Box>
            )}
          </MediaState>
          {message.type === 'image' && <BodyText message={message} />}
          <Modal
            opened={lightbox !== null}
            onClose={() => setLightbox(null)}
            size="auto"
            centered
            withCloseButton
            title={message.media?.fileName ?? t('tickets.types.image')}
            data-testid="lightbox"
          >
            {lightbox && <Image src={lightbox} alt="" mah="80vh" maw="85vw" fit="contain" data-testid="lightbox-image" />}
          </Modal>
        </>
      );
    case 'video':
      return (
        <>
          <MediaState message={message}>
            {(url) => (
              <video src={url} controls preload="metadata" style={{ maxWidth: 300, maxHeight: 260, borderRadius: 6, display: 'block' }} />
            )}
          </MediaState>
          <BodyText message={message} />
        </>
      );
    case 'audio':
      return (
        <>
          {message.media?.voice && (
            <Text size="xs" c="dimmed">
              {t('tickets.media.voiceNote')}
            </Text>
          )}
          <MediaState message={message}>{(url) => <audio src={url} controls preload="metadata" style={{ maxWidth: 280 }} />}</MediaState>
        </>
      );
    case 'document': {
      const name = message.media?.fileName ?? t('tickets.types.document');
      return (
        <>
          <MediaState message={message}>
            {(url) => (
              <Group gap="xs" wrap="nowrap" p={6} style={{ borderRadius: 6, background: 'var(--mantine-color-default-hover)' }}>
                <IconFile size={28} />
                <Box style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate="end" maw={200}>
                    {name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(message.media?.size ?? null)}
                  </Text>
                </Box>
                <Anchor href={url} download={name} aria-label={t('tickets.media.download')} target="_blank" rel="noopener noreferrer">
                  <IconDownload size={18} />
                </Anchor>
              </Group>
            )}
          </MediaState>
          {message.body !== name && <BodyText message={message} />}
        </>
      );
    }
    case 'location': {
      // Ingest stores the coordinates under payload.location (see @jimmy/channels InboundMessage.location).
      const loc = (p.location && typeof p.location === 'object' ? p.location : p) as Record<string, unknown>;
      const lat = num(loc.latitude);
      const lon = num(loc.longitude);
      return (
        <Stack gap={4}>
          <Group gap={6} wrap="nowrap">
            <IconMapPin size={18} />
            <Box>
              <Text size="sm" fw={500}>
                {str(loc.name) ?? t('tickets.types.location')}
              </Text>
              {str(loc.address) && (
                <Text size="xs" c="dimmed">
                  {str(loc.address)}
                </Text>
              )}
            </Box>
          </Group>
          {lat !== null && lon !== null && (
            <Anchor
              size="sm"
              href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('tickets.location.open')}
            </Anchor>
          )}
        </Stack>
      );
    }
    case 'contacts':
      return <ContactsCard message={message} ticket={ticket} />;
    case 'interactive': {
      if (message.direction === 'out') {
        // Our own menu (queues, survey, callback offer): its options as the customer sees them.
        const menu = (p.menu ?? {}) as { body?: unknown; buttons?: { title: string }[]; rows?: { title: string }[] };
        const options = menu.buttons ?? menu.rows ?? [];
        return (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('tickets.interactive.menu')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`message-text-${message.id}`}>
              {str(menu.body) ?? message.body}
            </Text>
            {options.length > 0 && (
              <Group gap={4}>
                {options.map((option, index) => (
                  <Badge key={index} variant="outline" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                    {option.title}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        );
      }
      const choice = (p.choice ?? {}) as { title?: unknown; source?: unknown };
      return (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {choice.source === 'list' ? t('tickets.interactive.list') : t('tickets.interactive.button')}
          </Text>
          {str(choice.title) ? (
            <Text size="sm" fw={500} data-testid={`message-text-${message.id}`}>
              {str(choice.title)}
            </Text>
          ) : (
            <BodyText message={message} />
          )}
        </Stack>
      );
    }
    case 'template':
      return (
        <Stack gap={2}>
          <Badge size="xs" variant="light" color="grape">
            {t('tickets.types.template')}
          </Badge>
          <BodyText message={message} />
        </Stack>
      );
    case 'unsupported':
      return (
        <Text size="sm" fs="italic" c="dimmed" data-testid={`message-text-${message.id}`}>
          {t('tickets.media.unsupported')}
        </Text>
      );
    default:
      return <BodyText message={message} />;
  }
}

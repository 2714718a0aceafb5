import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  CloseButton,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import type { ScheduledMessage, Ticket } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import {
  scheduledKeys,
  scheduleInTicket,
  updateScheduled,
  useCompanyTimeZone,
  type RepeatInput,
  type ScheduleRequest,
} from './scheduledApi.js';
import { TemplatePicker, type PickedTemplate } from './TemplatePicker.js';
import { formatInZone, isoToZoned, zonedToIso } from './zonedTime.js';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Scheduling in this conversation (create). */
  ticket?: Ticket | undefined;
  /** Editing this one (a failed one is saved and tried again). */
  item?: ScheduledMessage | undefined;
  initialBody?: string | undefined;
  /** The server already said a template is needed (a retry refused for the 24-hour window). */
  templateRequired?: boolean | undefined;
}

/** The next round five minutes, an hour from now: a sensible first proposal. */
function defaultSendAt(): Date {
  const at = new Date(Date.now() + 60 * 60_000);
  at.setMinutes(Math.ceil(at.getMinutes() / 5) * 5, 0, 0);
  return at;
}

/** Date, time (in the company's zone), text or file, repetition, and a template when WhatsApp needs one. The parent keys each opening. */
export function ScheduleMessageModal({ opened, onClose, ticket, item, initialBody, templateRequired = false }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const zone = useCompanyTimeZone();
  const initialAt = isoToZoned(item ? new Date(item.sendAt) : defaultSendAt(), zone);
  const [date, setDate] = useState(initialAt.date);
  const [time, setTime] = useState(initialAt.time);
  const [body, setBody] = useState(item?.body ?? initialBody ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [repeatOn, setRepeatOn] = useState(Boolean(item?.repeat));
  const [every, setEvery] = useState<RepeatInput['every']>(item?.repeat?.every ?? 'day');
  const [endMode, setEndMode] = useState<'times' | 'until'>(item?.repeat?.until ? 'until' : 'times');
  const [times, setTimes] = useState<number>(item?.repeat?.times ?? 3);
  const [until, setUntil] = useState(item?.repeat?.until ?? '');
  const [picked, setPicked] = useState<PickedTemplate | null>(
    item?.template ? { template: item.template, preview: item.body, complete: true } : null,
  );
  const [serverWantsTemplate, setServerWantsTemplate] = useState(templateRequired);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const connectionId = ticket?.connectionId ?? item?.connectionId;
  const sendAt = date && time ? zonedToIso(date, time, zone) : null;
  const sendAtMs = sendAt ? Date.parse(sendAt) : NaN;
  const windowClosedThen =
    ticket?.connectionType === 'whatsapp_cloud' && (ticket.windowExpiresAt === null || !(sendAtMs < Date.parse(ticket.windowExpiresAt)));
  const needsTemplate = serverWantsTemplate || windowClosedThen || Boolean(item?.template);
  const retrying = item?.status === 'failed';
  const moved = !item || date !== initialAt.date || time !== initialAt.time;

  const fields = fieldErrors(error, t);
  const fieldText = (key: string): string | undefined => {
    if (!isApiError(error) || !(key in error.fields)) return undefined;
    const raw = error.fields[key] ?? '';
    if (key === 'sendAt') return /past/.test(raw) ? t('scheduled.modal.fields.sendAtPast') : t('scheduled.modal.fields.sendAtRequired');
    if (key === 'body') return t('scheduled.modal.fields.bodyRequired');
    if (key === 'template') return t('scheduled.modal.fields.templateRequired');
    if (key === 'repeat.until') return t('scheduled.modal.fields.untilBefore');
    return fields[key];
  };

  const submit = async () => {
    if (!sendAt || !connectionId) return setError(null);
    const repeat: RepeatInput | null = repeatOn ? { every, ...(endMode === 'times' ? { times } : { until }) } : null;
    const template = needsTemplate && picked ? picked.template : null;
    const request: ScheduleRequest = { body: template ? (picked?.preview ?? body) : body, sendAt, repeat, template };
    setSaving(true);
    setError(null);
    try {
      if (item) {
        await updateScheduled(item.id, {
          body: request.body,
          repeat,
          ...(moved && { sendAt }),
          ...(template && { template }),
          ...(retrying && { status: 'scheduled' as const }),
        });
        notifications.show({ color: 'brand', message: t('scheduled.modal.saved') });
      } else if (ticket) {
        const created = await scheduleInTicket(ticket.id, request, template ? null : file);
        notifications.show({
          color: 'brand',
          message: t('scheduled.modal.scheduled', { at: formatInZone(created.sendAt, zone, i18n.language) }),
        });
      }
      void qc.invalidateQueries({ queryKey: scheduledKeys.all });
      onClose();
    } catch (err) {
      if (isApiError(err) && 'template' in err.fields) setServerWantsTemplate(true);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const unexplained = error !== null && !(isApiError(error) && Object.keys(error.fields).length > 0);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={item ? t('scheduled.modal.editTitle') : t('scheduled.modal.createTitle')}
      centered
      size="lg"
      data-testid="schedule-modal"
    >
      <Stack gap="sm">
        <Group grow align="flex-start" wrap="nowrap">
          <TextInput
            type="date"
            label={t('scheduled.modal.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fieldText('sendAt')}
            required
            data-testid="schedule-date"
          />
          <TextInput
            type="time"
            label={t('scheduled.modal.time')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            required
            data-testid="schedule-time"
          />
        </Group>
        <Text size="xs" c="dimmed" mt={-6}>
          {t('scheduled.modal.zone', { zone })}
        </Text>
        {needsTemplate && connectionId ? (
          <>
            {windowClosedThen && (
              <Alert color="yellow" variant="light" data-testid="schedule-window-closed">
                {t('scheduled.modal.windowClosed')}
              </Alert>
            )}
            <TemplatePicker
              connectionId={connectionId}
              initial={item?.template ?? null}
              error={fieldText('template')}
              onChange={setPicked}
            />
          </>
        ) : (
          <>
            <Textarea
              label={t('scheduled.modal.body')}
              placeholder={t('scheduled.modal.bodyPlaceholder')}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={4096}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={fieldText('body')}
              data-testid="schedule-body"
            />
            {!item && (
              <Group gap="xs">
                {file ? (
                  <Group gap={4} wrap="nowrap" data-testid="schedule-file">
                    <IconPaperclip size={16} />
                    <Text size="sm" truncate="end" maw={260}>
                      {file.name}
                    </Text>
                    <CloseButton size="sm" aria-label={t('scheduled.modal.removeFile')} onClick={() => setFile(null)} />
                  </Group>
                ) : (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPaperclip size={16} />}
                    onClick={() => fileInput.current?.click()}
                  >
                    {t('scheduled.modal.attach')}
                  </Button>
                )}
                <input
                  ref={fileInput}
                  type="file"
                  hidden
                  data-testid="schedule-file-input"
                  onChange={(e) => {
                    const chosen = e.currentTarget.files?.[0];
                    if (chosen) setFile(chosen);
                    e.currentTarget.value = '';
                  }}
                />
              </Group>
            )}
          </>
        )}
        <Switch
          label={t('scheduled.modal.repeat')}
          checked={repeatOn}
          onChange={(e) => setRepeatOn(e.currentTarget.checked)}
          data-testid="schedule-repeat"
        />
        {repeatOn && (
          <Stack gap="xs" pl="md">
            <Select
              label={t('scheduled.modal.every')}
              data={[
                { value: 'day', label: t('scheduled.modal.everyDay') },
                { value: 'week', label: t('scheduled.modal.everyWeek') },
                { value: 'month', label: t('scheduled.modal.everyMonth') },
              ]}
              value={every}
              allowDeselect={false}
              onChange={(v) => v && setEvery(v)}
              data-testid="schedule-every"
            />
            <Text size="sm" fw={500}>
              {t('scheduled.modal.ends')}
            </Text>
            <SegmentedControl
              value={endMode}
              onChange={(v) => setEndMode(v)}
              data={[
                { value: 'times', label: t('scheduled.modal.endTimes') },
                { value: 'until', label: t('scheduled.modal.endUntil') },
              ]}
            />
            {endMode === 'times' ? (
              <NumberInput
                label={t('scheduled.modal.times')}
                min={2}
                max={366}
                value={times}
                onChange={(v) => setTimes(typeof v === 'number' ? v : Number(v) || 2)}
                error={fields['repeat.times']}
                data-testid="schedule-times"
              />
            ) : (
              <TextInput
                type="date"
                label={t('scheduled.modal.until')}
                value={until}
                min={date}
                onChange={(e) => setUntil(e.currentTarget.value)}
                error={fieldText('repeat.until')}
                required
                data-testid="schedule-until"
              />
            )}
          </Stack>
        )}
        {unexplained && (
          <Alert color="red" variant="light" data-testid="schedule-error">
            {errorMessage(error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          {saving && file && (
            <Text size="sm" c="dimmed" data-testid="schedule-uploading">
              {t('scheduled.modal.uploading')}
            </Text>
          )}
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={saving}
            disabled={!sendAt || (needsTemplate && !picked?.complete) || (repeatOn && endMode === 'until' && !until)}
            data-testid="schedule-submit"
          >
            {item ? (retrying ? t('scheduled.modal.saveRetry') : t('scheduled.modal.save')) : t('scheduled.modal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

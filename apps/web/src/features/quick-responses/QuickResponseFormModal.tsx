import { useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { renderQuickResponse, type QuickResponse, type QuickResponseScope } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { AttachmentsEditor } from './AttachmentsEditor.js';
import { createQuickResponse, updateQuickResponse, useQueueOptions, useQuickResponseMutation } from './quickResponsesApi.js';
import { leftoverVariables, sampleContext } from './sampleContext.js';

const VARIABLES = ['nome', 'agente', 'protocolo', 'saudacao', 'fila'] as const;

interface Props {
  /** null: a new response. */
  response: QuickResponse | null;
  timeZone: string;
  onClose: () => void;
}

/** Create or edit a response; once saved, the same dialog takes its attachments. */
export function QuickResponseFormModal({ response: initial, timeZone, onClose }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const manager = user.role !== 'agent';
  const [saved, setSaved] = useState<QuickResponse | null>(initial);
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [scope, setScope] = useState<QuickResponseScope>(initial?.scope ?? (manager ? 'company' : 'personal'));
  const [queueId, setQueueId] = useState<string | null>(initial?.queueId ? String(initial.queueId) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const queues = useQueueOptions();
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  const readOnly = saved !== null && !saved.editable;
  const rendered = renderQuickResponse(body, sampleContext(user.name, timeZone));
  const unknown = leftoverVariables(rendered.body);

  const save = useQuickResponseMutation(async () => {
    const input = { shortcut: shortcut.trim(), body, scope, queueId: scope === 'queue' && queueId ? Number(queueId) : null };
    return saved ? updateQuickResponse(saved.id, input) : createQuickResponse(input);
  });

  const submit = () => {
    setErrors({});
    save.mutate(undefined, {
      onSuccess: (next) => {
        if (!next) return;
        const created = !saved;
        setSaved(next);
        notifications.show({ color: 'green', message: created ? t('quickResponses.createdNowAttach') : t('quickResponses.saved') });
      },
      onError: (err) => {
        const fields = fieldErrors(err, t);
        setErrors(fields);
        if (Object.keys(fields).length === 0) notifications.show({ color: 'red', message: errorMessage(err, t) });
      },
    });
  };

  const insertVariable = (name: string) => {
    const el = bodyInput.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const scopes: QuickResponseScope[] = manager ? ['company', 'queue', 'personal'] : ['personal'];
  return (
    <Modal opened onClose={onClose} title={saved ? `/${saved.shortcut}` : t('quickResponses.create')} size="lg" data-testid="qr-form">
      <Stack gap="sm">
        {readOnly && (
          <Alert color="gray" variant="light">
            {t('quickResponses.readOnly')}
          </Alert>
        )}
        <TextInput
          label={t('quickResponses.shortcut')}
          description={t('quickResponses.shortcutHint')}
          leftSection={<Text c="dimmed">/</Text>}
          value={shortcut}
          onChange={(e) => setShortcut(e.currentTarget.value.replace(/\s+/g, ''))}
          error={errors.shortcut}
          disabled={readOnly}
          required
          data-testid="qr-shortcut"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('quickResponses.scope.label')}
          </Text>
          <SegmentedControl
            value={scope}
            onChange={(v) => setScope(v)}
            data={scopes.map((s) => ({ value: s, label: t(`quickResponses.scope.${s}`) }))}
            disabled={readOnly || scopes.length === 1}
            fullWidth
          />
        </Stack>
        {scope === 'queue' && (
          <Select
            label={t('quickResponses.queue')}
            placeholder={t('quickResponses.queuePlaceholder')}
            data={(queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }))}
            value={queueId}
            onChange={setQueueId}
            error={errors.queueId}
            disabled={readOnly}
          />
        )}
        <Textarea
          ref={bodyInput}
          label={t('quickResponses.body')}
          placeholder={t('quickResponses.bodyPlaceholder', { greeting: '{{saudacao}}', name: '{{nome}}', agent: '{{agente}}' })}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={4096}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
          disabled={readOnly}
          data-testid="qr-body"
        />
        {!readOnly && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('quickResponses.variables')}
            </Text>
            <Group gap={6}>
              {VARIABLES.map((v) => (
                <Badge
                  key={v}
                  variant="light"
                  component="button"
                  type="button"
                  style={{ cursor: 'pointer', textTransform: 'none' }}
                  onClick={() => insertVariable(v)}
                  title={t(`quickResponses.variableHelp.${v}`)}
                >
                  {`{{${v}}}`}
                </Badge>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t('quickResponses.customFieldHint', { example: '{{plano}}' })}
            </Text>
          </Stack>
        )}
        {body.trim() && (
          <Paper withBorder p="xs" radius="md" bg="var(--mantine-color-default-hover)">
            <Text size="xs" fw={600}>
              {t('quickResponses.preview')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('quickResponses.previewSample')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="qr-preview">
              {rendered.body}
            </Text>
            {unknown.length > 0 && (
              <Text size="xs" c="orange" mt={4}>
                {t('quickResponses.unknownVariables', { list: unknown.join(', ') })}
              </Text>
            )}
          </Paper>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={submit} loading={save.isPending} disabled={!shortcut.trim()} data-testid="qr-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
        <Divider />
        {saved ? (
          saved.editable ? (
            <AttachmentsEditor response={saved} onChange={setSaved} />
          ) : null
        ) : (
          <Text size="sm" c="dimmed">
            {t('quickResponses.saveFirst')}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

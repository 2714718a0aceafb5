import { useState, type FormEvent } from 'react';
import { Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceMobile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { pairingCodeRequestSchema, type Connection } from '@jimmy/contracts';
import { fieldErrors } from '../../lib/errors.js';
import { NumberedSteps, connectionErrorMessage } from './parts.js';
import { useRequestPairingCode } from './whatsappWebApi.js';

/** "ABCD1234" reads and types more easily as "ABCD-1234", the way WhatsApp itself shows it. */
function formatCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/**
 * "Link with phone number": the admin gives the number, the server asks WhatsApp for an 8-character
 * code, and the code arrives a moment later through connection.qr (or a later GET).
 */
export function PhonePairing({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const request = useRequestPairingCode();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The server may null the code when the QR beside it rotates; the code stays valid, so keep showing
  // it. A code replaced by a new request is never taken back, even if the cache still holds it.
  const [code, setCode] = useState(connection.pairingCode ?? null);
  const [replaced, setReplaced] = useState<string | null>(null);
  const incoming = connection.pairingCode ?? null;
  if (incoming && incoming !== code && incoming !== replaced) setCode(incoming);
  // A code asked for earlier (drawer reopened) is shown straight away.
  const [editing, setEditing] = useState(code === null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = pairingCodeRequestSchema.safeParse({ phoneNumber: phone });
    if (!parsed.success) return setError(t('connections.web.phoneInvalid'));
    setError(null);
    try {
      setReplaced(code);
      setCode(null);
      await request.mutateAsync({ id: connection.id, body: parsed.data });
      setEditing(false);
    } catch (err) {
      setError(fieldErrors(err, t).phoneNumber ?? connectionErrorMessage(err, t));
    }
  };

  const again = (
    <Group>
      <Button variant="subtle" size="xs" onClick={() => setEditing(true)} data-testid="wa-pairing-again">
        {t('connections.web.newCode')}
      </Button>
    </Group>
  );

  if (!editing && code) {
    return (
      <Stack gap="md" data-testid="wa-pairing">
        <Text size="sm" fw={600}>
          {t('connections.web.codeTitle')}
        </Text>
        <Paper withBorder radius="md" p="md" ta="center">
          <Text ff="monospace" fz={36} fw={700} lts={4} data-testid="wa-pairing-code" data-code={code}>
            {formatCode(code)}
          </Text>
        </Paper>
        <NumberedSteps
          steps={[t('connections.web.codeStep1'), t('connections.web.codeStep2'), t('connections.web.codeStep3')]}
          testId="wa-pairing-steps"
        />
        {again}
      </Stack>
    );
  }

  if (!editing) {
    return (
      <Stack gap="md" data-testid="wa-pairing">
        <Group gap="xs" data-testid="wa-pairing-waiting">
          <Loader size="sm" />
          <Text size="sm">{t('connections.web.waitingCode')}</Text>
        </Group>
        {again}
      </Stack>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" data-testid="wa-pairing">
        <TextInput
          label={t('connections.web.phone')}
          description={t('connections.web.phoneHint')}
          placeholder="5511987654321"
          leftSection={<IconDeviceMobile size={18} />}
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={error}
          data-testid="wa-pairing-phone"
        />
        <Group>
          <Button type="submit" loading={request.isPending} data-testid="wa-pairing-submit">
            {t('connections.web.requestCode')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

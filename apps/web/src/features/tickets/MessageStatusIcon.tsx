import { Tooltip } from '@mantine/core';
import { IconAlertCircleFilled, IconCheck, IconChecks, IconClock } from '@tabler/icons-react';
import type { Message } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { codeMessage } from '../../lib/errors.js';

export function MessageStatusIcon({ message }: { message: Message }) {
  const { t } = useTranslation();
  const label = t(`tickets.messageStatus.${message.status}`);
  const icon = (() => {
    switch (message.status) {
      case 'pending':
        return <IconClock size={14} />;
      case 'sent':
        return <IconCheck size={14} />;
      case 'delivered':
        return <IconChecks size={14} />;
      case 'read':
      case 'played':
        return <IconChecks size={14} color="var(--mantine-color-blue-5)" />;
      case 'failed':
        return <IconAlertCircleFilled size={15} color="var(--mantine-color-red-6)" />;
    }
  })();
  const tip =
    message.status === 'failed' && message.error ? `${label}: ${codeMessage(message.error.code, message.error.message, t)}` : label;
  return (
    <Tooltip label={tip} withArrow multiline maw={280}>
      <span role="img" aria-label={tip} data-testid={`message-status-${message.id}`} style={{ display: 'inline-flex' }}>
        {icon}
      </span>
    </Tooltip>
  );
}

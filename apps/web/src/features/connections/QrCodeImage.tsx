import { useEffect, useState } from 'react';
import { Alert, Box, Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Rendered {
  qr: string;
  url: string;
}

/** SVG stays sharp at any zoom and on high-density screens, which a phone camera appreciates. */
async function renderSvg(qr: string): Promise<string> {
  // Only admins pairing a number need the QR encoder: it is fetched then, not on every first load.
  const { toString: qrToSvg } = await import('qrcode');
  const svg = await qrToSvg(qr, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The pairing QR, rendered in the browser from the string the server relays. The previous code stays
 * on screen until the next one is drawn, and data-qr always names the code actually shown.
 * Black on white whatever the theme: phone cameras read dark-on-light best.
 */
export function QrCodeImage({ qr, size = 264 }: { qr: string; size?: number }) {
  const { t } = useTranslation();
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    renderSvg(qr).then(
      (url) => {
        if (!current) return;
        setRendered({ qr, url });
        setFailed(false);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [qr]);

  if (failed)
    return (
      <Alert color="red" variant="light">
        {t('errors.UNKNOWN')}
      </Alert>
    );
  if (!rendered) return <Skeleton width={size} height={size} radius="md" data-testid="wa-qr-rendering" />;
  return (
    <Box
      p={6}
      bg="white"
      style={{ borderRadius: 'var(--mantine-radius-md)', lineHeight: 0, border: '1px solid var(--mantine-color-gray-3)' }}
    >
      <img src={rendered.url} width={size} height={size} alt={t('connections.web.qrAlt')} data-testid="wa-qr" data-qr={rendered.qr} />
    </Box>
  );
}

import { IconFileText, IconMicrophone, IconMusic, IconPhoto, IconUserSquare, IconVideo } from '@tabler/icons-react';
import type { QuickResponseAttachment } from '@jimmy/contracts';

/** One icon per attachment kind; a voice note and an audio file look different, since they arrive differently. */
export function AttachmentIcon({
  attachment,
  size = 16,
}: {
  attachment: Pick<QuickResponseAttachment, 'kind' | 'asVoice'>;
  size?: number;
}) {
  switch (attachment.kind) {
    case 'image':
      return <IconPhoto size={size} aria-hidden />;
    case 'video':
      return <IconVideo size={size} aria-hidden />;
    case 'audio':
      return attachment.asVoice ? <IconMicrophone size={size} aria-hidden /> : <IconMusic size={size} aria-hidden />;
    case 'document':
      return <IconFileText size={size} aria-hidden />;
    case 'contact':
      return <IconUserSquare size={size} aria-hidden />;
  }
}

export const attachmentLabel = (attachment: QuickResponseAttachment) =>
  attachment.kind === 'contact' && attachment.contact
    ? `${attachment.contact.name} · ${attachment.contact.phone}`
    : (attachment.fileName ?? attachment.kind);

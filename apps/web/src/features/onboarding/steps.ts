import type { ComponentType } from 'react';
import type { OnboardingStepKey } from '@jimmy/contracts';
import { IconArrowsSplit, IconBrandWhatsapp, IconMessageChatbot, IconSitemap, IconUserPlus } from '@tabler/icons-react';

interface StepMeta {
  icon: ComponentType<{ size?: number | string; stroke?: number; className?: string }>;
  /** The console page where the step is done. */
  path: string;
}

export const stepMeta: Record<OnboardingStepKey, StepMeta> = {
  connect_whatsapp: { icon: IconBrandWhatsapp, path: '/connections' },
  create_queue: { icon: IconArrowsSplit, path: '/queues' },
  invite_agent: { icon: IconUserPlus, path: '/users' },
  build_flow: { icon: IconSitemap, path: '/flows' },
  try_widget: { icon: IconMessageChatbot, path: '/connections' },
};

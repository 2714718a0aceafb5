import { useSyncExternalStore } from 'react';

type Permission = NotificationPermission | 'unsupported';

const CHANGED = 'jimmy:notification-permission';

function current(): Permission {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  // Changes made in the browser's own site settings arrive here, where the Permissions API exists.
  let status: PermissionStatus | null = null;
  let closed = false;
  navigator.permissions
    ?.query({ name: 'notifications' })
    .then((s) => {
      if (closed) return;
      status = s;
      s.addEventListener('change', onChange);
    })
    .catch(() => undefined);
  return () => {
    closed = true;
    window.removeEventListener(CHANGED, onChange);
    status?.removeEventListener('change', onChange);
  };
}

/** The browser's permission to show notifications, kept current for every component that shows it. */
export function useNotificationPermission(): Permission {
  return useSyncExternalStore(subscribe, current, () => 'unsupported');
}

/** Must run from a click: browsers ignore (and penalise) unprompted permission requests. */
export async function requestNotificationPermission(): Promise<Permission> {
  if (current() !== 'default') return current();
  await Notification.requestPermission();
  window.dispatchEvent(new Event(CHANGED));
  return current();
}

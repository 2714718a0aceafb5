import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Language, SessionUser, UpdateProfileRequest } from '@jimmy/contracts';
import { applyLanguage, currentLanguage } from '../../lib/i18n/index.js';
import { onSessionEvent, setAccessToken, acceptSession } from '../../lib/session.js';
import { isSwitchingSession } from '../../lib/api.js';
import { authApi } from './authApi.js';
import { AuthContext, type AuthContextValue, type AuthStatus, type SignOutReason } from './AuthContext.js';
import { requestNotificationPermission } from '../../lib/notificationPermission.js';

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [signOutReason, setSignOutReason] = useState<SignOutReason | null>(null);
  const statusRef = useRef<AuthStatus>('loading');
  // Set when the language is switched on the login page: that choice beats the stored profile.
  const languagePickedWhileAnonymous = useRef(false);

  const changeStatus = useCallback((next: AuthStatus) => {
    statusRef.current = next;
    setStatus(next);
  }, []);

  const clearSession = useCallback(
    (reason: SignOutReason | null) => {
      setAccessToken(null);
      setUser(null);
      setSignOutReason(reason);
      changeStatus('anonymous');
    },
    [changeStatus],
  );

  // Drop cached data only after the signed-in screens unmounted; clearing earlier makes their
  // still-mounted queries refetch, hit 401 and start a pointless refresh.
  useEffect(() => {
    if (status === 'anonymous') queryClient.clear();
  }, [status, queryClient]);

  const saveProfile = useCallback(async (patch: UpdateProfileRequest) => {
    const updated = await authApi.updateProfile(patch);
    setUser(updated);
    return updated;
  }, []);

  // Preferences saved in the background: the UI already changed, so a failure is only worth a note.
  const savePreference = useCallback(
    (patch: UpdateProfileRequest) => {
      if (statusRef.current !== 'authenticated') return Promise.resolve();
      return saveProfile(patch).then(
        () => undefined,
        () => {
          notifications.show({ color: 'yellow', message: t('profile.preferencesFailed') });
        },
      );
    },
    [saveProfile, t],
  );

  const adoptUser = useCallback(
    async (next: SessionUser, origin: 'login' | 'restore') => {
      setUser(next);
      setSignOutReason(null);
      setColorScheme(next.theme);
      const picked = languagePickedWhileAnonymous.current;
      languagePickedWhileAnonymous.current = false;
      if (origin === 'login' && picked && next.language !== currentLanguage()) {
        changeStatus('authenticated');
        await savePreference({ language: currentLanguage() });
        return;
      }
      await applyLanguage(next.language);
      changeStatus('authenticated');
    },
    [setColorScheme, changeStatus, savePreference],
  );

  // Restore the session on load: the cookies survive a reload, the in-memory token does not.
  // Runs once: adoptUser's identity changes with every render of the colour-scheme hook, and
  // re-running this effect would refetch /api/me in a loop.
  const adoptUserRef = useRef(adoptUser);
  useEffect(() => {
    adoptUserRef.current = adoptUser;
  }, [adoptUser]);
  useEffect(() => {
    let cancelled = false;
    authApi.me().then(
      async ({ accessToken, ...me }) => {
        if (cancelled) return;
        if (accessToken) setAccessToken(accessToken);
        await adoptUserRef.current(me, 'restore');
      },
      () => {
        if (!cancelled && statusRef.current === 'loading') changeStatus('anonymous');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [changeStatus]);

  useEffect(
    () =>
      onSessionEvent({
        refreshed: (fresh) => {
          if (statusRef.current === 'authenticated') setUser(fresh);
        },
        expired: () => {
          if (statusRef.current === 'authenticated') {
            clearSession('expired');
            void navigate('/login', { replace: true });
          } else if (statusRef.current === 'loading') {
            // During the first /me a failed refresh just means "not signed in", nothing to announce.
            changeStatus('anonymous');
          }
          // Already anonymous: a late request from the previous session; keep the sign-out reason shown.
        },
      }),
    [clearSession, changeStatus, navigate],
  );

  const login = useCallback(
    async (email: string, password: string) => {
      const session = await authApi.login({ email, password });
      acceptSession(session);
      await adoptUser(session.user, 'login');
      return session.user;
    },
    [adoptUser],
  );

  const logout = useCallback(
    async (reason?: SignOutReason) => {
      if (isSwitchingSession()) return;
      try {
        await authApi.logout();
      } catch {
        // Already signed out on the server (revoked session) or offline: the local sign-out still stands.
      }
      clearSession(reason ?? null);
      void navigate('/login', { replace: true });
    },
    [clearSession, navigate],
  );

  const setLanguage = useCallback(
    async (language: Language) => {
      await applyLanguage(language);
      if (statusRef.current !== 'authenticated') languagePickedWhileAnonymous.current = true;
      await savePreference({ language });
    },
    [savePreference],
  );

  const setTheme = useCallback(
    async (theme: 'light' | 'dark') => {
      setColorScheme(theme);
      await savePreference({ theme });
    },
    [setColorScheme, savePreference],
  );

  const setNotificationsEnabled = useCallback(
    async (enabled: boolean) => {
      // Ask the browser while we still have the click's user activation; the server flag is the user's intent.
      if (enabled) void requestNotificationPermission();
      await savePreference({ notificationsEnabled: enabled });
    },
    [savePreference],
  );

  const value = useMemo<AuthContextValue>(
    () => ({ status, user, signOutReason, login, logout, updateProfile: saveProfile, setLanguage, setTheme, setNotificationsEnabled }),
    [status, user, signOutReason, login, logout, saveProfile, setLanguage, setTheme, setNotificationsEnabled],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

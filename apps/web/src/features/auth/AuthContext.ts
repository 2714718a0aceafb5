import { createContext, useContext } from 'react';
import type { Language, SessionUser, UpdateProfileRequest } from '@jimmy/contracts';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous';
/** Why the user landed on the login page without asking to, so it can tell them. */
export type SignOutReason = 'expired' | 'revoked';

export interface AuthContextValue {
  status: AuthStatus;
  user: SessionUser | null;
  signOutReason: SignOutReason | null;
  login: (email: string, password: string) => Promise<SessionUser>;
  logout: (reason?: SignOutReason) => Promise<void>;
  updateProfile: (patch: UpdateProfileRequest) => Promise<SessionUser>;
  /** Applies at once in this browser; saved to the profile too when signed in. */
  setLanguage: (language: Language) => Promise<void>;
  setTheme: (theme: 'light' | 'dark') => Promise<void>;
  setNotificationsEnabled: (enabled: boolean) => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For screens that only render behind <RequireAuth>, where a user always exists. */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside an authenticated route');
  return user;
}

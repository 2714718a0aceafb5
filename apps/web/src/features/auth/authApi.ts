import type { LoginRequest, LoginResponse, SessionUser, UpdateProfileRequest } from '@jimmy/contracts';
import { api } from '../../lib/api.js';

export const authApi = {
  login: (body: LoginRequest) => api<LoginResponse>('/api/auth/login', { method: 'POST', body, noRefresh: true }),
  logout: () => api<void>('/api/auth/logout', { method: 'POST', noRefresh: true }),
  // The contract answers a bare SessionUser; a server that also returns the access token lets the
  // socket use it after a reload, so we accept it when present.
  me: () => api<SessionUser & { accessToken?: string }>('/api/me'),
  updateProfile: (body: UpdateProfileRequest) => api<SessionUser>('/api/me', { method: 'PATCH', body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api<void>('/api/me/password', { method: 'POST', body }),
};

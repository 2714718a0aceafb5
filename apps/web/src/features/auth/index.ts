export { AuthProvider } from './AuthProvider.js';
export { useAuth, useCurrentUser } from './AuthContext.js';
export { RequireAuth } from './RequireAuth.js';
export { LoginPage } from './LoginPage.js';
export { authApi } from './authApi.js';

/**
 * Version and build id, stamped by vite.config.ts (`define`). Under vitest
 * nothing is stamped, so fall back to readable placeholders.
 */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
export const BUILD_ID: string = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'unstamped';

/**
 * Ask the browser to keep this origin's storage even when space runs low
 * (otherwise readings not yet synced could be evicted), and report what the
 * About panel shows: persisted or not, usage and quota.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  try {
    if (!navigator.storage?.persist) return null;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

export interface StorageReport {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function storageReport(): Promise<StorageReport> {
  const report: StorageReport = { persisted: null, usage: null, quota: null };
  try {
    if (navigator.storage?.persisted) report.persisted = await navigator.storage.persisted();
    if (navigator.storage?.estimate) {
      const e = await navigator.storage.estimate();
      report.usage = e.usage ?? null;
      report.quota = e.quota ?? null;
    }
  } catch {
    // Some kiosk browsers hide the Storage API; the panel then says "unknown".
  }
  return report;
}

export type ServiceWorkerStatus = 'active' | 'waiting' | 'none' | 'unsupported';

export async function serviceWorkerStatus(): Promise<ServiceWorkerStatus> {
  if (!('serviceWorker' in navigator)) return 'unsupported';
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return 'none';
  if (registration.waiting) return 'waiting';
  return registration.active ? 'active' : 'none';
}

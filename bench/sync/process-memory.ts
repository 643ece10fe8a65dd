/**
 * Resident memory of another process from /proc/<pid>/status: VmRSS now,
 * VmHWM its peak. VmHWM is the true peak (the kernel tracks it on every page
 * fault); the 100 ms samples of VmRSS are kept as a cross-check.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Resets the process's peak (VmHWM) to its current RSS (`5` to clear_refs,
 * Linux >= 4.0), so the peak covers one phase only. False if not permitted.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemorySampler {
  /** Stops sampling; returns the peak in MB (max of VmHWM and every VmRSS sample) and the sampled maximum. */
  stop(): { peakMB: number; sampledMaxMB: number };
}

export function sampleMemory(pid: number, everyMs = 100): MemorySampler {
  let sampledMax = 0;
  const tick = (): void => {
    const rss = statusField(pid, 'VmRSS');
    if (rss !== null && rss > sampledMax) sampledMax = rss;
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      const hwm = statusField(pid, 'VmHWM') ?? 0;
      return { peakMB: Math.max(hwm, sampledMax), sampledMaxMB: sampledMax };
    },
  };
}

export function currentRssMB(pid: number): number {
  return statusField(pid, 'VmRSS') ?? Number.NaN;
}

/**
 * Another process's use of the machine, from /proc: resident memory
 * (/proc/<pid>/status: VmRSS now, VmHWM its peak; VmHWM is the true peak, the
 * kernel tracks it on every page fault; 100 ms samples of VmRSS are kept as a
 * cross-check) and CPU time (/proc/<pid>/stat), which, unlike wall time,
 * hardly changes when other work shares the machine.
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

/** User + system CPU seconds the process has used so far (clock ticks of 1/100 s, Linux's USER_HZ). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Seconds the process's main (JavaScript) thread has spent runnable but
 * waiting for a CPU (/proc/<pid>/schedstat, second field, ns): how much other
 * work on the machine held the server back.
 */
export function runQueueWaitSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/**
 * Seconds the process's main (JavaScript) thread has spent on a CPU
 * (/proc/<pid>/schedstat, first field, ns): the event loop's own work, without
 * V8's helper threads, and unlike wall time hardly moved by others' load.
 */
export function mainThreadCpuSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of this process (the benchmark's simulated devices). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

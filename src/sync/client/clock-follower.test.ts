import { describe, expect, it } from 'vitest';
import { createSyncStatusStore } from '../status.ts';
import { followClockOffset } from './clock-follower.ts';

describe('the session follows the measured clock', () => {
  it('[C-K4] an enrolled device trusts its clock for tier steps only once the offset is measured; a device with no server trusts its own', () => {
    const status = createSyncStatusStore();
    const seen: [number, boolean][] = [];
    const stop = followClockOffset(status, (ms, trusted) => seen.push([ms, trusted]));
    expect(seen.at(-1)).toEqual([0, true]);
    status.setState({ auth: 'enrolled' });
    expect(seen.at(-1)).toEqual([0, false]);
    status.setState({ clockOffsetMs: -18_000_000, clockOffsetMeasured: true });
    expect(seen.at(-1)).toEqual([-18_000_000, true]);
    stop();
    status.setState({ clockOffsetMs: 5 });
    expect(seen.at(-1)).toEqual([-18_000_000, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { correctedNow } from './clock.ts';

describe('correctedNow', () => {
  it('corrects device time by the offset', () => {
    expect(correctedNow(1_000_000, -2_500)).toBe(997_500);
  });
});

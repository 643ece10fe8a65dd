import { describe, expect, it } from 'vitest';
import { ID_MAX, ISO_MAX, PHOTO_MAX, TEXT_MAX } from '../records/json-schema.ts';
import { BODY_LIMIT_BYTES, PHOTO_BATCH, PHOTO_ROW_BYTES_MAX, PULL_LIMIT_MAX, PUSH_BATCH, PUSH_ROWS_MAX } from './limits.ts';
import { PULL_LIMIT_PATTERN, WHOLE_NUMBER_PATTERN } from './protocol-schemas.ts';

describe('wire limits', () => {
  it('a photo batch is the eight the client always sent, and eight of the largest escalations fit in one body', () => {
    expect(PHOTO_BATCH).toBe(8);
    // The largest escalation as JSON: its photo, a description of TEXT_MAX characters each
    // escaped as \uXXXX (6 bytes), eight ids and references, two times, two short enums, and keys.
    const worstRow = PHOTO_MAX + TEXT_MAX * 6 + 8 * ID_MAX * 6 + 2 * ISO_MAX + 200;
    expect(worstRow).toBeLessThanOrEqual(PHOTO_ROW_BYTES_MAX);
    expect(PHOTO_BATCH * PHOTO_ROW_BYTES_MAX).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
  });

  it("our client's push batch is within the server's rows per push", () => {
    expect(PUSH_BATCH).toBeLessThanOrEqual(PUSH_ROWS_MAX);
  });

  it('the pull limit pattern takes exactly 1 to PULL_LIMIT_MAX in digits, or nothing', () => {
    const limit = new RegExp(PULL_LIMIT_PATTERN);
    for (let n = 0; n <= PULL_LIMIT_MAX + 1; n++) expect(limit.test(String(n))).toBe(n >= 1 && n <= PULL_LIMIT_MAX);
    expect(limit.test('')).toBe(true);
    for (const bad of ['01', '+1', ' 1', '1.0', '1e2', '-1', '10000']) expect(limit.test(bad)).toBe(false);
  });

  it('a checkpoint is a whole number of at most 15 digits without a leading zero, or nothing', () => {
    const whole = new RegExp(WHOLE_NUMBER_PATTERN);
    for (const good of ['', '0', '7', '123456789012345']) expect(whole.test(good)).toBe(true);
    for (const bad of ['00', '01', '-1', '1.5', '1234567890123456', 'x']) expect(whole.test(bad)).toBe(false);
  });
});

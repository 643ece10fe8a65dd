import { describe, expect, it } from 'vitest';
import { enrollmentCodeFromHash } from './enrollment.ts';
import { summariseRejections, type RejectedRecord } from './rejections.ts';

describe('enrollment code from the QR link', () => {
  it('[C-L2] reads #enroll=CODE and nothing else', () => {
    expect(enrollmentCodeFromHash('#enroll=K7P-2QX')).toBe('K7P-2QX');
    expect(enrollmentCodeFromHash('#view=board&enroll=ABC')).toBe('ABC');
    expect(enrollmentCodeFromHash('#enroll=')).toBeNull();
    expect(enrollmentCodeFromHash('')).toBeNull();
  });
});

describe('refused records summary', () => {
  it('[C-O2] groups by collection and reason', () => {
    const r = (id: string, message: string): RejectedRecord => ({
      collection: 'kpi_readings',
      id,
      error: 'invalid_record',
      message,
      document: { id },
      atMs: 0,
    });
    expect(summariseRejections([r('a', 'Too big.'), r('b', 'Too big.'), r('c', 'Other plant.')])).toEqual([
      { collection: 'kpi_readings', message: 'Too big.', count: 2 },
      { collection: 'kpi_readings', message: 'Other plant.', count: 1 },
    ]);
  });
});

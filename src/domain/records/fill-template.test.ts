import { describe, expect, it } from 'vitest';
import { fillTemplate } from './fill-template.ts';

describe('fillTemplate', () => {
  it('fills every {name} from the params, numbers as text', () => {
    expect(fillTemplate('{name} · {value} %', { name: 'OEE', value: 87.5 })).toBe('OEE · 87.5 %');
  });

  it('leaves an unknown placeholder visible, and a template without params as it is', () => {
    expect(fillTemplate('Shift {code} · {name}', { code: 'E' })).toBe('Shift E · {name}');
    expect(fillTemplate('Shift {code}')).toBe('Shift {code}');
  });
});

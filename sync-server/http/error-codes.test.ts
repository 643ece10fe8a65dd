/** [P11] The prose and the code name the same request errors: API.md's table is ERROR_CODES. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/wire/protocol.ts';

describe('error codes', () => {
  it("[P11] API.md's error table names exactly the contract's error codes, each under its status", () => {
    const api = readFileSync(new URL('../API.md', import.meta.url), 'utf8');
    const errors = api.slice(api.indexOf('## Errors'), api.indexOf('## Acting person'));
    const inTable = new Map<string, string>();
    for (const line of errors.split('\n')) {
      const cells = /^\| (\d{3}|4xx) \| ([^|]+) \|/.exec(line);
      for (const code of cells?.[2]?.match(/`[a-z_]+`/g) ?? []) inTable.set(code.slice(1, -1), cells?.[1] ?? '');
    }
    const declared = new Map<string, string>();
    for (const [status, codes] of Object.entries(ERROR_CODES)) for (const code of codes) declared.set(code, code === 'bad_request' ? '4xx' : status);
    expect(Object.fromEntries([...inTable].sort())).toEqual(Object.fromEntries([...declared].sort()));
  });
});

import { describe, expect, it } from 'vitest';
import { API_ROUTES, apiPath } from './protocol.ts';

describe('apiPath', () => {
  it("fills a route's parameters, encoded, and leaves one not given as it is", () => {
    expect(apiPath(API_ROUTES.push, { collection: 'kpi_readings' })).toBe('/api/replication/kpi_readings/push');
    expect(apiPath(API_ROUTES.revoke, { id: 'a/b c' })).toBe('/api/devices/a%2Fb%20c/revoke');
    expect(apiPath(API_ROUTES.pull)).toBe('/api/replication/:collection/pull');
    expect(apiPath(API_ROUTES.enroll, { id: 'x' })).toBe('/api/enroll');
  });
});

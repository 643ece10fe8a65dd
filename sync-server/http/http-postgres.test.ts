import { httpSuite } from './http-suite.ts';
import { postgresEngine } from './test-support.ts';

// No skip when PostgreSQL is down: an unreachable database fails these tests.
httpSuite(postgresEngine);

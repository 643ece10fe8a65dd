import { trustSuite } from './testing/trust-suite.ts';
import { postgresEngine } from './testing/test-support.ts';

// No skip when PostgreSQL is down: an unreachable database fails these tests.
trustSuite(postgresEngine);

import { trustSuite } from './testing/trust-suite.ts';
import { sqliteEngine } from './testing/test-support.ts';

trustSuite(sqliteEngine);

import { httpSuite } from './testing/http-suite.ts';
import { sqliteEngine } from './testing/test-support.ts';

httpSuite(sqliteEngine);

import { httpSuite } from './http-suite.ts';
import { sqliteEngine } from './test-support.ts';

httpSuite(sqliteEngine);

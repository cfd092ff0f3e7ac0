// Every benchmark suite, in the order `npm run bench` runs them. A suite is added here only.
import type { Suite } from '../harness.js';
import { poolSuite } from './pool.js';

export const SUITES: Suite[] = [poolSuite];

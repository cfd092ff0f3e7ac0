// Every benchmark suite, in the order `npm run bench` runs them. A suite is added here only.
import type { Suite } from '../harness.js';
import { kernelsSuite } from './kernels.js';
import { pruneSuite } from './prune.js';
import { poolSuite } from './pool.js';
import { optimSuite } from './optim.js';
import { peersTfjsSuite } from './peers-tfjs.js';
import { tfjsSuite } from './tfjs.js';
import { coldstartSuite } from './coldstart.js';
import { modelsSuite } from './models.js';

export const SUITES: Suite[] = [
  kernelsSuite,
  pruneSuite,
  poolSuite,
  optimSuite,
  peersTfjsSuite,
  tfjsSuite,
  coldstartSuite,
  modelsSuite,
];

// Loads tfjs-core with the cpu and wasm backends for the shrinkage/tfjs tests. The wasm backend
// looks for its .wasm files next to the page in a browser: in Node they come from node_modules.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// tfjs-core alone registers no gradients: minimize() needs them, and in plain Node (no bundler) only
// the @tensorflow/tfjs umbrella brings them (tfjs-core's register_all_gradients.js does not resolve).
import '@tensorflow/tfjs';

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))}/`);
// PROD: no debug checks, and no "install tfjs-node for speed" banner in the test output.
tf.env().set('PROD', true);

export const TF_BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof TF_BACKENDS)[number]): Promise<typeof tf> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} did not initialise`);
  await tf.ready();
  return tf;
}

// The integer-hash data of scripts/fixtures/torch_optim_fixtures.py, bit for bit: values k/2^23 − 1,
// exact in f32 and f64, so PyTorch and these tests see the same parameters and gradients.

function mix(h: number): number {
  h >>>= 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** value(seed, t, i) of the fixture script. */
export function hashValue(seed: number, t: number, i: number): number {
  // i·2654435761 + t·40503 + seed·97 + 1 mod 2^32 (exact: every term stays below 2^53).
  const h = mix(((i * 2654435761) % 4294967296 + t * 40503 + seed * 97 + 1) % 4294967296);
  return (h >>> 8) / 8388608 - 1;
}

export function hashArray(seed: number, t: number, n: number, dtype: 'float32' | 'float64'): Float32Array | Float64Array {
  const a = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = hashValue(seed, t, i);
  return a;
}

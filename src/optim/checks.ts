// Hyperparameter checks shared by the optimizers: PyTorch's rules, as ShrinkageErrors that name the
// group and the option.
import { errNotFinite, errRange, errType } from '../errors.js';

/** A finite number ≥ 0 (lr, eps, weightDecay, momentum, l1): the engine's own check for λ and steps. */
export { nonNegative as nonNegativeFinite } from '../engine/regularizers.js';

/** Any finite number (dampening). */
export function finite(name: string, v: unknown): number {
  if (typeof v !== 'number') throw errType(name, v, 'a number');
  if (!Number.isFinite(v)) throw errNotFinite(name, v);
  return v;
}

export function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw errType(name, v, 'true or false');
  return v;
}

/** Adam's (β1, β2), each in [0, 1). */
export function betasOf(name: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw errType(name, v, 'an array [beta1, beta2]');
  for (let k = 0; k < 2; k++) {
    const b: unknown = v[k];
    if (typeof b !== 'number') throw errType(`${name}[${k}]`, b, 'a number');
    if (!Number.isFinite(b)) throw errNotFinite(`${name}[${k}]`, b);
    if (!(b >= 0 && b < 1)) throw errRange(`${name}[${k}]`, b, 'in [0, 1)');
  }
  return [v[0] as number, v[1] as number];
}

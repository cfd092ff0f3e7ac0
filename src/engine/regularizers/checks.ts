// Argument checks shared by the regularizer factories and the engine verbs.
import { errNotFinite, errRange, errType } from '../../errors.js';

/** Checks that `value` is a finite number ≥ 0 (λ, step sizes). */
export function nonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number') throw errType(name, value, 'a number');
  if (!Number.isFinite(value)) throw errNotFinite(name, value);
  if (value < 0) throw errRange(name, value, '>= 0');
  return value;
}

/** Checks a positive integer (group sizes, counts). */
export function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number') throw errType(name, value, 'a positive integer');
  if (!Number.isInteger(value) || value < 1) throw errRange(name, value, 'an integer >= 1');
  return value;
}

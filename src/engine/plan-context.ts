// What a verb's plan may ask of the engine while it runs.
import type { KernelName } from '../kernels/registry.js';
export interface PlanContext {
  /**
   * f64 scratch in engine memory for reduction partials, freed when the call ends; zeroed unless
   * `zero` is false (for partials every piece writes in full before they are read).
   */
  scratch(len: number, zero?: boolean): { ptr: number; view: Float64Array };
  /** Partial slots a 'shard' reduction needs (one per possible shard). */
  readonly maxShards: number;
  /**
   * Slots a 'shard' reduction of `kernel` over n elements needs when yielded alone: the most pieces
   * the executor may cut it into (1 where calls run inline). At most maxShards.
   */
  shardSlots(kernel: KernelName, n: number): number;
  /**
   * Pieces the first call of the last yielded batch was cut into (1 when it ran inline): a 'shard'
   * reduction has written slots [0, lastPieces()) and no others.
   */
  lastPieces(): number;
}

// What a verb's plan may ask of the engine while it runs.
export interface PlanContext {
  /** Zeroed f64 scratch in engine memory for reduction partials; freed when the call ends. */
  scratch(len: number): { ptr: number; view: Float64Array };
  /** Partial slots a 'shard' reduction needs (one per possible shard). */
  readonly maxShards: number;
}

// Learning-rate schedulers that set paramGroups[i].lr (the next step uses it), in closed form.
import { errRange, errType } from '../errors.js';
import { nonNegativeFinite } from './checks.js';

/** Anything with PyTorch-style parameter groups that carry an `lr`. */
export interface HasParamGroups {
  paramGroups: { lr: number }[];
}

/**
 * Base: remembers each group's base lr at construction, applies factor(0) at once (as PyTorch's
 * schedulers do), and factor(t) after the t-th call to step(). Call step() after each
 * optimizer step.
 */
abstract class Scheduler {
  readonly baseLrs: number[];
  /** Number of step() calls so far. */
  t = 0;
  constructor(readonly optimizer: HasParamGroups) {
    if (typeof optimizer !== 'object' || optimizer === null || !Array.isArray(optimizer.paramGroups))
      throw errType('optimizer', optimizer, 'an optimizer with paramGroups');
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }
  /** Multiplier of the base lr after t scheduler steps. */
  abstract factor(t: number): number;
  /** Advances one step and sets every group's lr. */
  step(): void {
    this.t++;
    this.apply();
  }
  /** The lr of each group now. */
  get lrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
  /** { t } (base lrs are re-read from the optimizer's groups at construction). */
  stateDict(): { t: number; baseLrs: number[] } {
    return { t: this.t, baseLrs: [...this.baseLrs] };
  }
  /** Restores a `stateDict()` and sets every group's lr to match it. */
  loadStateDict(s: { t: number; baseLrs: number[] }): void {
    if (!Number.isInteger(s?.t) || s.t < 0) throw errRange('t', s?.t, 'an integer >= 0');
    if (!Array.isArray(s.baseLrs) || s.baseLrs.length !== this.baseLrs.length) throw errType('baseLrs', s.baseLrs, `an array of ${this.baseLrs.length} numbers`);
    s.baseLrs.forEach((x, i) => nonNegativeFinite(`baseLrs[${i}]`, x));
    this.t = s.t;
    this.baseLrs.splice(0, this.baseLrs.length, ...s.baseLrs);
    this.apply();
  }
  /** Sets every group's lr to base·factor(t). */
  protected apply(): void {
    const f = this.factor(this.t);
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = this.baseLrs[i]! * f));
  }
}

/**
 * Linear warm-up: lr = base·min(1, (t + 1)/warmupSteps) after t scheduler steps, so the first
 * optimizer step uses base/warmupSteps and step number warmupSteps (1-based) reaches base.
 */
export class LinearWarmup extends Scheduler {
  readonly warmupSteps: number;
  constructor(optimizer: HasParamGroups, opts: { warmupSteps: number }) {
    super(optimizer);
    const w = opts?.warmupSteps;
    if (!Number.isInteger(w) || w < 1) throw errRange('warmupSteps', w, 'an integer >= 1');
    this.warmupSteps = w;
    this.apply();
  }
  factor(t: number): number {
    return Math.min(1, (t + 1) / this.warmupSteps);
  }
}

/**
 * Cosine decay (Loshchilov & Hutter 2017, SGDR, without restarts; PyTorch's CosineAnnealingLR in
 * closed form) with an optional linear warm-up: for t < W (warmupSteps) lr = base·(t + 1)/W; then
 * with u = min(1, (t − W)/(totalSteps − W)),
 *     lr = minLr + (base − minLr)·(1 + cos(π·u))/2,  expressed as a factor of base
 * (minLr is a fraction `minFactor` of each group's base lr, default 0).
 */
export class CosineDecay extends Scheduler {
  readonly totalSteps: number;
  readonly warmupSteps: number;
  readonly minFactor: number;
  constructor(optimizer: HasParamGroups, opts: { totalSteps: number; warmupSteps?: number; minFactor?: number }) {
    super(optimizer);
    const T = opts?.totalSteps, W = opts?.warmupSteps ?? 0, m = opts?.minFactor ?? 0;
    if (!Number.isInteger(T) || T < 1) throw errRange('totalSteps', T, 'an integer >= 1');
    if (!Number.isInteger(W) || W < 0 || W >= T) throw errRange('warmupSteps', W, `an integer in [0, totalSteps = ${T})`);
    nonNegativeFinite('minFactor', m);
    if (m > 1) throw errRange('minFactor', m, 'in [0, 1]');
    this.totalSteps = T;
    this.warmupSteps = W;
    this.minFactor = m;
    this.apply();
  }
  factor(t: number): number {
    const W = this.warmupSteps;
    if (t < W) return (t + 1) / W;
    const u = Math.min(1, (t - W) / (this.totalSteps - W));
    return this.minFactor + (1 - this.minFactor) * (1 + Math.cos(Math.PI * u)) / 2;
  }
}

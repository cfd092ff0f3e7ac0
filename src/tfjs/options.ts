// Options of the shrinkage/tfjs optimizers: the core optimizers' option names and defaults (checked
// by the same rules), an optional engine, and groups of variables chosen by name that override
// options or add a group lasso over a weight matrix's rows or columns.
import type { Engine } from '../engine/engine.js';
import { nonNegative } from '../engine/regularizers.js';
import { errType } from '../errors.js';
import type { Rule } from '../optim/rules.js';

/**
 * Which variables a group holds, by tfjs variable name: a RegExp (tested against the name), a list
 * of exact names, or the serialised RegExp `{ regexp, flags }` that getConfig() writes.
 */
export type VariableMatch = RegExp | readonly string[] | { regexp: string; flags?: string };

/**
 * Group lasso over a variable seen as a matrix [n / last, last] (a Dense kernel [inputs, units], a
 * conv kernel [..., filters]): `by: 'column'` groups each column (a unit's incoming weights, a
 * filter), `by: 'row'` each row (an input's outgoing weights). After the optimizer's step,
 * θ_g ← max(0, 1 − lr·λ/‖θ_g‖)·θ_g for every group g (the proximal step of lr·λ·Σ_g‖θ_g‖₂).
 */
export interface GroupLassoOption {
  lambda: number;
  by: 'row' | 'column';
}

/** A group of variables chosen by name, with options that override the optimizer's. */
export type VariableGroup<O> = Partial<O> & { match: VariableMatch; groupLasso?: GroupLassoOption };

/** Constructor options: the core optimizer's options, plus `engine` and `groups`. */
export type TfjsOptions<O> = Partial<O> & {
  /** Engine for the state and the kernels (default: one made on first use, closed by dispose()). */
  engine?: Engine;
  /** Variable groups, first match wins; variables no group matches use the top-level options. */
  groups?: VariableGroup<O>[];
};

/** A checked group: its matcher, the options it sets itself, and the options it resolves to. */
export interface ResolvedGroup<O> {
  matches: (name: string) => boolean;
  match: RegExp | string[];
  own: Partial<O>;
  options: O;
  groupLasso?: GroupLassoOption;
}

const TOP_KEYS = ['engine', 'groups'], GROUP_KEYS = ['match', 'groupLasso'];

function pick<O>(rule: Rule<O>, src: Record<string, unknown>, where: string, extra: string[]): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (extra.includes(k)) continue;
    if (!(rule.optionNames as string[]).includes(k)) throw errType(`${where}${k}`, k, `one of ${[...rule.optionNames, ...extra].join(', ')}`);
    if (v !== undefined) out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out as Partial<O>;
}

function matcherOf(m: unknown, where: string): { matches: (name: string) => boolean; match: RegExp | string[] } {
  if (Array.isArray(m)) {
    m.forEach((s, i) => {
      if (typeof s !== 'string') throw errType(`${where}[${i}]`, s, 'a variable name (string)');
    });
    const names = new Set(m as string[]);
    return { matches: (n) => names.has(n), match: [...(m as string[])] };
  }
  let re: RegExp;
  if (m instanceof RegExp) re = m;
  else if (typeof m === 'object' && m !== null && typeof (m as { regexp?: unknown }).regexp === 'string') {
    const { regexp, flags } = m as { regexp: string; flags?: unknown };
    if (flags !== undefined && typeof flags !== 'string') throw errType(`${where}.flags`, flags, 'a string of RegExp flags');
    try {
      re = new RegExp(regexp, flags);
    } catch {
      throw errType(where, regexp, 'a valid regular expression');
    }
  } else throw errType(where, m, 'a RegExp, an array of variable names or { regexp, flags }');
  // 'g' and 'y' make RegExp.test stateful (lastIndex): a name would match every other time.
  const stateless = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  return { matches: (n) => stateless.test(n), match: stateless };
}

function checkGroupLasso(v: unknown, where: string): GroupLassoOption {
  if (typeof v !== 'object' || v === null) throw errType(where, v, "{ lambda, by: 'row' | 'column' }");
  const { lambda, by } = v as Record<string, unknown>;
  for (const k of Object.keys(v)) if (k !== 'lambda' && k !== 'by') throw errType(`${where}.${k}`, k, 'one of lambda, by');
  nonNegative(`${where}.lambda`, lambda);
  if (by !== 'row' && by !== 'column') throw errType(`${where}.by`, by, "'row' or 'column'");
  return { lambda: lambda as number, by };
}

/**
 * Checks the constructor options with the core rule (same names, defaults and errors as the core
 * optimizer) and resolves each group's options: rule defaults, then top-level, then the group's own.
 */
export function resolveOptions<O>(rule: Rule<O>, opts: unknown): { engine?: Engine; top: ResolvedGroup<O>; groups: ResolvedGroup<O>[] } {
  if (opts === undefined) opts = {};
  if (typeof opts !== 'object' || opts === null) throw errType('options', opts, 'an object of optimizer options');
  const o = opts as Record<string, unknown>;
  const ownTop = pick(rule, o, 'options.', TOP_KEYS);
  const options = { ...rule.defaults, ...ownTop } as O;
  rule.check(options, 'options.');
  const top: ResolvedGroup<O> = { matches: () => true, match: /(?:)/, own: ownTop, options };
  if (o.groups !== undefined && !Array.isArray(o.groups)) throw errType('options.groups', o.groups, 'an array of { match, ...options }');
  const groups = ((o.groups as unknown[] | undefined) ?? []).map((g, i) => {
    const where = `options.groups[${i}]`;
    if (typeof g !== 'object' || g === null) throw errType(where, g, 'an object { match, ...options }');
    const gr = g as Record<string, unknown>;
    const own = pick(rule, gr, `${where}.`, GROUP_KEYS);
    const resolved = { ...options, ...own } as O;
    rule.check(resolved, `${where}.`);
    const groupLasso = gr.groupLasso === undefined ? undefined : checkGroupLasso(gr.groupLasso, `${where}.groupLasso`);
    return { ...matcherOf(gr.match, `${where}.match`), own, options: resolved, ...(groupLasso ? { groupLasso } : {}) };
  });
  const engine = o.engine as Engine | undefined;
  if (engine !== undefined && (typeof engine !== 'object' || engine === null || typeof engine.alloc !== 'function'))
    throw errType('options.engine', engine, 'an Engine from createEngine()');
  return { ...(engine ? { engine } : {}), top, groups };
}

/** JSON-safe value of an option (betas is an array, l1Mode a string, the rest numbers and booleans). */
type ConfigValue = number | boolean | string | number[] | { regexp: string; flags: string } | string[] | Record<string, unknown>;

/** The constructor options as a tfjs ConfigDict: resolved top-level options and each group. */
export function configOf<O>(top: ResolvedGroup<O>, groups: ResolvedGroup<O>[]): Record<string, ConfigValue | ConfigValue[]> {
  const plain = (x: object) => JSON.parse(JSON.stringify(x)) as Record<string, ConfigValue>;
  return {
    ...plain(top.options as object),
    groups: groups.map((g) => ({
      match: g.match instanceof RegExp ? { regexp: g.match.source, flags: g.match.flags } : [...g.match],
      ...plain(g.own as object),
      ...(g.groupLasso ? { groupLasso: { ...g.groupLasso } } : {}),
    })),
  };
}

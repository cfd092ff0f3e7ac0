// scale: x ← s·x in place (the L2 prox with s = 1/(1 + 2tλ), and the L2-ball projection).
import { scaleRange } from '../range';

export function scale_f32(x: usize, n: i32, s: f64): void { scaleRange<f32>(x, n, <f32>s); }
export function scale_f64(x: usize, n: i32, s: f64): void { scaleRange<f64>(x, n, s); }

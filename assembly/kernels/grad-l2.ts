// grad_l2: g ← g + c·w with c = 2λ (PyTorch's weight_decay = 2λ). Each store writes only the
// vector just loaded, so g and w may alias.
import { axpyRange } from '../range';

export function grad_l2_f32(g: usize, w: usize, n: i32, c: f64): void { axpyRange<f32>(g, w, n, <f32>c); }
export function grad_l2_f64(g: usize, w: usize, n: i32, c: f64): void { axpyRange<f64>(g, w, n, c); }

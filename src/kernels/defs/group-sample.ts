// Sample group sizes for grouped kernels: a random divisor of n (small ones and n itself).
export function sampleGroupSize(n: number, rand: () => number): number {
  if (n === 0) return 1 + Math.floor(rand() * 8);
  const ds: number[] = [];
  for (let d = 1; d <= Math.min(n, 200); d++) if (n % d === 0) ds.push(d);
  ds.push(n);
  return ds[Math.floor(rand() * ds.length)]!;
}

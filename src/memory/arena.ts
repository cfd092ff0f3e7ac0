// A first-fit arena over one shared WebAssembly.Memory. Blocks are 64-byte aligned (a cache line,
// four v128s) and the memory grows on demand, only from the thread that owns the arena.
import { errMemory, errRange } from '../errors.js';

export const ALIGN = 64;
/** Bytes kept free at address 0 so that no tensor has pointer 0 and kernels may use low memory. */
export const RESERVED = 64 * 1024;
const PAGE = 64 * 1024;

interface Block {
  offset: number;
  size: number;
}

const alignUp = (x: number) => Math.ceil(x / ALIGN) * ALIGN;

export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly maxBytes: number;
  /** Free blocks sorted by offset, never adjacent (coalesced on free). */
  private free: Block[] = [];
  /** Live blocks by offset. */
  private live = new Map<number, number>();
  private top = RESERVED;

  constructor(memory: WebAssembly.Memory, maxBytes: number) {
    this.memory = memory;
    this.maxBytes = maxBytes;
  }

  get bytesInUse(): number {
    let s = 0;
    for (const size of this.live.values()) s += size;
    return s;
  }

  /** Reserves `bytes` (rounded up to 64) and returns the offset; grows memory if needed. */
  alloc(bytes: number): number {
    // A NaN or fractional size would corrupt the free list (NaN compares false everywhere).
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw errRange('bytes', bytes, 'an integer >= 0');
    const size = Math.max(ALIGN, alignUp(bytes));
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!;
      if (b.size < size) continue;
      const offset = b.offset;
      if (b.size === size) this.free.splice(i, 1);
      else {
        b.offset += size;
        b.size -= size;
      }
      this.live.set(offset, size);
      return offset;
    }
    const offset = this.top;
    this.ensure(offset + size);
    this.top = offset + size;
    this.live.set(offset, size);
    return offset;
  }

  /** Returns a block to the free list; false if `offset` is not a live block. */
  release(offset: number): boolean {
    const size = this.live.get(offset);
    if (size === undefined) return false;
    this.live.delete(offset);
    let lo = 0, hi = this.free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.free[mid]!.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    this.free.splice(lo, 0, { offset, size });
    // Coalesce with the right neighbour, then the left one.
    const right = this.free[lo + 1];
    if (right && offset + size === right.offset) {
      this.free[lo]!.size += right.size;
      this.free.splice(lo + 1, 1);
    }
    const left = this.free[lo - 1];
    if (left && left.offset + left.size === offset) {
      left.size += this.free[lo]!.size;
      this.free.splice(lo, 1);
    }
    // A free block at the top goes back to the bump pointer.
    const last = this.free[this.free.length - 1];
    if (last && last.offset + last.size === this.top) {
      this.top = last.offset;
      this.free.pop();
    }
    return true;
  }

  /** True when [offset, offset + bytes) lies inside one live block. */
  contains(offset: number, bytes: number): boolean {
    for (const [start, size] of this.live) {
      if (offset >= start && offset + bytes <= start + size) return true;
    }
    return false;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    if (end > this.maxBytes) throw errMemory(end, this.maxBytes);
    // Grow geometrically so that many small allocations do not grow page by page.
    const want = Math.min(this.maxBytes, Math.max(end, have * 1.5));
    try {
      this.memory.grow(Math.ceil((want - have) / PAGE));
    } catch {
      throw errMemory(end, this.maxBytes); // the system refused the pages
    }
  }

  /**
   * The arena's invariants, for tests and debugging: every block is 64-byte aligned and lies in
   * [RESERVED, top); live and free blocks never overlap; free blocks are sorted, coalesced and do
   * not touch the top (they would have been returned to it); top lies inside the memory. Returns
   * one line per broken invariant (empty when the arena is whole).
   */
  checkInvariants(): string[] {
    const problems: string[] = [];
    const blocks = [
      ...[...this.live].map(([offset, size]) => ({ offset, size, kind: 'live' })),
      ...this.free.map((b) => ({ ...b, kind: 'free' })),
    ].sort((a, b) => a.offset - b.offset);
    let end = RESERVED;
    for (const b of blocks) {
      const where = `${b.kind} block [${b.offset}, ${b.offset + b.size})`;
      if (!Number.isSafeInteger(b.offset) || !Number.isSafeInteger(b.size) || b.size <= 0) problems.push(`${where}: not a positive integer size`);
      else if (b.offset % ALIGN !== 0 || b.size % ALIGN !== 0) problems.push(`${where}: not ${ALIGN}-byte aligned`);
      if (b.offset < end) problems.push(`${where}: overlaps the block before it or the reserved low memory`);
      end = Math.max(end, b.offset + b.size);
    }
    if (end > this.top) problems.push(`blocks end at ${end}, past the top ${this.top}`);
    if (this.top > this.memory.buffer.byteLength) problems.push(`top ${this.top} is past the memory (${this.memory.buffer.byteLength} bytes)`);
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!, next = this.free[i + 1];
      if (next && b.offset >= next.offset) problems.push(`free list not sorted at ${i}`);
      if (next && b.offset + b.size === next.offset) problems.push(`free blocks ${i} and ${i + 1} are not coalesced`);
      if (b.offset + b.size === this.top) problems.push(`free block ${i} touches the top`);
    }
    return problems;
  }
}

// The arena invariant check the memory tests run after every refused call: live and free blocks
// are aligned, inside [RESERVED, top), never overlap, free blocks are sorted and coalesced, the top
// lies inside the memory, and bytesInUse is the sum of the live blocks.
import { expect } from 'vitest';
import type { Engine } from '../../src/index.js';
import type { Arena } from '../../src/memory/arena.js';

export const arenaOf = (e: Engine): Arena => (e as unknown as { arena: Arena }).arena;

/** Fails the test with the list of broken invariants, if any. */
export function expectArenaIntact(e: Engine): void {
  const arena = arenaOf(e);
  expect(arena.checkInvariants()).toEqual([]);
  expect(Number.isInteger(e.bytesInUse) && e.bytesInUse >= 0).toBe(true);
}

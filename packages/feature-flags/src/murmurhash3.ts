const encoder = new TextEncoder();

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `key` — the hash Unleash's engine (Yggdrasil) uses
 * for stickiness. Hashing UTF-8 (not UTF-16 code units) keeps non-ASCII ids in agreement with it.
 */
export function murmurhash3(key: string, seed = 0): number {
  const data = encoder.encode(key);
  const length = data.length;
  const blocks = length & ~3;
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  for (let i = 0; i < blocks; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= data[blocks + 2]! << 16;
    if (tail >= 2) k ^= data[blocks + 1]! << 8;
    k ^= data[blocks]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Unleash's normalized bucket of a user for a group: `murmurhash3("<groupId>:<userId>") % 100 + 1`,
 * a number from 1 to 100. A user is in a rollout of `p` percent when `p > 0 && bucket <= p`.
 */
export function rolloutBucket(groupId: string, userId: string, seed = 0): number {
  return (murmurhash3(`${groupId}:${userId}`, seed) % 100) + 1;
}

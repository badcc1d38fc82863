/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a string, encoded inside the hash loop (no
 * `TextEncoder`, no allocation). This is the hash Unleash's engine (Yggdrasil) uses for stickiness.
 * Lone surrogates are hashed as U+FFFD, as `TextEncoder` encodes them.
 *
 * Note: the Node SDK `unleash-client` hashes with `murmurhash3js`, which takes the low byte of each
 * UTF-16 code unit; it agrees with this (and with the other SDKs) only on ASCII strings.
 * @module
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Mix one full 4-byte block `k` into `h`. */
function block(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * The tail (0–3 pending bytes in `k`), length and avalanche; with `bucket`, Unleash's bucket
 * (`hash % 100 + 1`) instead of the hash. The bucket is computed here so that no unsigned 32-bit
 * number (a heap number in V8 when above 2^30) leaves the function on the evaluation hot path.
 */
function finish(h: number, k: number, pending: number, length: number, bucket: boolean): number {
  if (pending > 0) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return bucket ? ((h >>> 0) % 100) + 1 : h >>> 0;
}

/** The hash state after some bytes: a prefix hashed once and reused for every id. */
export interface HashPrefix {
  /** The running hash after the complete blocks. */
  readonly h: number;
  /** The pending bytes (little-endian), fewer than four. */
  readonly k: number;
  /** How many bytes are pending in `k`. */
  readonly pending: number;
  /** How many bytes were hashed. */
  readonly length: number;
}

/**
 * Hash `text`'s UTF-8 bytes continuing from a state (`h`, `k`, `pending`, `length`). One function
 * with the byte step written inline so V8 keeps every variable in a register.
 */
function run(h: number, k: number, pending: number, length: number, text: string, bucket: boolean): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    let bytes: number;
    if (c < 0x80) {
      // ASCII fast path: one byte.
      k |= c << (pending << 3);
      length++;
      if (++pending === 4) {
        h = block(h, k);
        k = 0;
        pending = 0;
      }
      continue;
    }
    let first: number;
    if (c < 0x800) {
      bytes = 2;
      first = 0xc0 | (c >> 6);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        bytes = 4;
        first = 0xf0 | (c >> 18);
      } else {
        c = 0xfffd;
        bytes = 3;
        first = 0xe0 | (c >> 12);
      }
    } else {
      bytes = 3;
      first = 0xe0 | (c >> 12);
    }
    for (let b = 0; b < bytes; b++) {
      const byte = b === 0 ? first : 0x80 | ((c >> (6 * (bytes - 1 - b))) & 0x3f);
      k |= byte << (pending << 3);
      length++;
      if (++pending === 4) {
        h = block(h, k);
        k = 0;
        pending = 0;
      }
    }
  }
  return finish(h, k, pending, length, bucket);
}

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `key`, as an unsigned 32-bit number. */
export function murmurhash3(key: string, seed = 0): number {
  return run(seed | 0, 0, 0, 0, key, false);
}

/**
 * The hash state after the UTF-8 bytes of `prefix` (computed once per flag, e.g. for
 * `"<groupId>:"`), for {@link murmurhash3WithPrefix}.
 */
export function hashPrefix(prefix: string, seed = 0): HashPrefix {
  let h = seed | 0;
  const bytes = new TextEncoder().encode(prefix);
  const full = bytes.length & ~3;
  for (let i = 0; i < full; i += 4) {
    h = block(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  let k = 0;
  for (let i = full; i < bytes.length; i++) k |= bytes[i]! << ((i - full) << 3);
  return { h, k, pending: bytes.length - full, length: bytes.length };
}

/** The hash of the UTF-8 bytes of `prefix + key`, continuing from {@link hashPrefix}; allocates nothing. */
export function murmurhash3WithPrefix(prefix: HashPrefix, key: string): number {
  return run(prefix.h, prefix.k, prefix.pending, prefix.length, key, false);
}

/** Unleash's bucket (1–100) of `prefix + key`, continuing from {@link hashPrefix}; allocates nothing. */
export function bucketWithPrefix(prefix: HashPrefix, key: string): number {
  return run(prefix.h, prefix.k, prefix.pending, prefix.length, key, true);
}

/** Unleash's normalisation of a hash to a bucket from 1 to 100. */
export function bucketOf(hash: number): number {
  return (hash % 100) + 1;
}

/**
 * Unleash's normalized bucket of an id for a group: `murmurhash3("<groupId>:<id>") % 100 + 1`, a
 * number from 1 to 100. An id is in a rollout of `p` percent when `p > 0 && bucket <= p`.
 */
export function rolloutBucket(groupId: string, id: string, seed = 0): number {
  return bucketWithPrefix(hashPrefix(`${groupId}:`, seed), id);
}

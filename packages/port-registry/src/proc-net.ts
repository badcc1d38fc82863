import { readFile } from "node:fs/promises";

/** A TCP socket in the LISTEN state, as the kernel lists it in `/proc/net/tcp{,6}`. */
export interface ListeningSocket {
  readonly family: 4 | 6;
  /** The bound address in its usual text form (`127.0.0.1`, `::`, `::1`, `0.0.0.0`). */
  readonly address: string;
  readonly port: number;
  /** Owner uid. */
  readonly uid: number;
  /** Socket inode, to find the owning process through `/proc/<pid>/fd`. */
  readonly inode: number;
}

const LISTEN = "0A";

function ipv4FromHex(hex: string): string {
  // Little-endian machines print the address byte-reversed: 0100007F = 127.0.0.1.
  const bytes = [0, 1, 2, 3].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return bytes.reverse().join(".");
}

function ipv6FromHex(hex: string): string {
  // Four 32-bit words, each byte-reversed.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    return `::ffff:${bytes.slice(12).join(".")}`;
  }
  // Compress the longest run of zero groups.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

/** Parse the text of `/proc/net/tcp` (family 4) or `/proc/net/tcp6` (family 6), keeping LISTEN rows. */
export function parseProcNetTcp(text: string, family: 4 | 6): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== LISTEN) continue;
    const [addressHex, portHex] = fields[1]!.split(":");
    if (addressHex === undefined || portHex === undefined) continue;
    out.push({
      family,
      address: family === 4 ? ipv4FromHex(addressHex) : ipv6FromHex(addressHex),
      port: Number.parseInt(portHex, 16),
      uid: Number(fields[7]),
      inode: Number(fields[9]),
    });
  }
  return out;
}

/**
 * Every listening TCP socket on this Linux host, from both `/proc/net/tcp` and `/proc/net/tcp6`
 * (a dual-stack `::` listener appears only in the latter). Returns `[]` where `/proc` is absent.
 */
export async function readListeningSockets(procRoot = "/proc"): Promise<ListeningSocket[]> {
  const read = async (name: string, family: 4 | 6) => {
    try {
      return parseProcNetTcp(await readFile(`${procRoot}/net/${name}`, "utf8"), family);
    } catch {
      return [];
    }
  };
  const [v4, v6] = await Promise.all([read("tcp", 4), read("tcp6", 6)]);
  return [...v4, ...v6];
}

/** Options for {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Label of the old side (`--- a/...`). */
  readonly oldLabel?: string;
  /** Label of the new side (`+++ b/...`). */
  readonly newLabel?: string;
  /** Lines of context around each change (default 3). */
  readonly context?: number;
}

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Myers' O(ND) diff of two line arrays, as a list of keep/delete/insert operations. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix first: most config edits touch a few lines of a long file.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x0 = a.slice(start, endA);
  const y0 = b.slice(start, endB);
  const n = x0.length;
  const m = y0.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack through the saved frontiers.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!)) prevK = k + 1;
    else prevK = k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      middle.push({ kind: " ", line: x0[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) middle.push({ kind: "+", line: y0[y - 1]! });
      else middle.push({ kind: "-", line: x0[x - 1]! });
      x = prevX;
      y = prevY;
    }
  }
  middle.reverse();
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: " ", line: a[i]! });
  for (const item of middle) ops.push(item);
  for (let i = endA; i < a.length; i++) ops.push({ kind: " ", line: a[i]! });
  return ops;
}

/**
 * A unified diff (as `diff -u` and `git diff` print it) between two texts, or `""` when they are
 * equal. Lines are compared whole; a missing final newline is not reported separately.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return "";
  const context = options.context ?? 3;
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const out: string[] = [`--- ${options.oldLabel ?? "a"}`, `+++ ${options.newLabel ?? "b"}`];
  const changed = ops.map((op) => op.kind !== " ");
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    let hunkStart = Math.max(0, i - context);
    let hunkEnd = i;
    // Extend the hunk while the next change is within 2×context lines.
    let j = i;
    while (j < ops.length) {
      if (changed[j]) {
        hunkEnd = j;
        j++;
        continue;
      }
      let k = j;
      while (k < ops.length && !changed[k]) k++;
      if (k < ops.length && k - j <= 2 * context) {
        j = k;
        continue;
      }
      break;
    }
    const end = Math.min(ops.length, hunkEnd + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (let p = 0; p < hunkStart; p++) {
      if (ops[p]!.kind !== "+") oldLine++;
      if (ops[p]!.kind !== "-") newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    const body: string[] = [];
    for (let p = hunkStart; p < end; p++) {
      const op = ops[p]!;
      if (op.kind !== "+") oldCount++;
      if (op.kind !== "-") newCount++;
      body.push(`${op.kind}${op.line}`);
    }
    const oldStart = oldCount === 0 ? oldLine - 1 : oldLine;
    const newStart = newCount === 0 ? newLine - 1 : newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const line of body) out.push(line);
    hunkStart = end;
    i = end;
  }
  return `${out.join("\n")}\n`;
}

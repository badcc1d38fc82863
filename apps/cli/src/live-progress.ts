import type { CliStream } from "./io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Rows that update in place on a terminal while work runs: each row is pending (a spinner) until
 * it is given its final text. Redrawn on every change and on a timer for the spinner; `finish`
 * draws the final state and stops the timer. Only for TTYs: elsewhere print plain lines instead.
 */
export class LiveRows {
  readonly #stream: CliStream;
  readonly #rows: { key: string; pending: string; done?: string }[] = [];
  #drawn = 0;
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: CliStream) {
    this.#stream = stream;
  }

  /** Add a pending row (shown with a spinner). */
  add(key: string, pending: string): void {
    this.#rows.push({ key, pending });
    this.#timer ??= setInterval(() => {
      this.#frame = (this.#frame + 1) % FRAMES.length;
      this.#draw();
    }, 80);
    this.#timer.unref();
    this.#draw();
  }

  /**
   * Give rows their final text: the pending row `key` becomes `lines`; a later call with the same
   * key (a group: one row per provider) adds its lines after the ones already settled.
   */
  settle(key: string, lines: readonly string[]): void {
    let at = this.#rows.findIndex((r) => r.key === key);
    if (at !== -1) this.#rows.splice(at, 1);
    else {
      const last = this.#rows.findLastIndex((r) => r.key.startsWith(`${key}#`));
      at = last === -1 ? this.#rows.length : last + 1;
    }
    const base = this.#rows.filter((r) => r.key.startsWith(`${key}#`)).length;
    lines.forEach((line, i) => {
      this.#rows.splice(at + i, 0, { key: `${key}#${base + i}`, pending: "", done: line });
    });
    this.#draw();
  }

  /** Draw the final state and stop. */
  finish(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#draw();
  }

  #draw(): void {
    let text = this.#drawn > 0 ? `\u001b[${this.#drawn}A` : "";
    for (const row of this.#rows) {
      text += `\u001b[2K${row.done ?? `  ${FRAMES[this.#frame]} ${row.pending}`}\n`;
    }
    this.#drawn = this.#rows.length;
    this.#stream.write(text);
  }
}

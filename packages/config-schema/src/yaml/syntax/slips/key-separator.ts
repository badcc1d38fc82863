import { schemaDiagnostic } from "../../../diagnostics/schema-catalogue.js";
import { keyOf } from "../lines.js";
import { code, RANK, type Repair, type Slip } from "../slip.js";

const NO_SPACE = /^(\s*(?:-[ \t]+)?)([A-Za-z_][\w.-]*):([^\s:].*)$/;
const EQUALS = /^(\s*(?:-[ \t]+)?)([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/;
const NO_COLON = /^(\s*(?:-[ \t]+)?)([A-Za-z_][\w.-]*)[ \t]+([^\s:=#].*)$/;

/**
 * A key not separated from its value by `: `: `provider:ollama` (no space after the colon, so the
 * whole is one word), `provider ollama` (no colon) or `provider = ollama` (another format's syntax).
 */
export const keySeparator: Slip = {
  name: "key-separator",
  propose(context, line) {
    const text = context.lines[line]!;
    if (context.body[line] || keyOf(text) !== undefined) return [];
    const repairs: Repair[] = [];
    const make = (
      match: RegExpExecArray,
      rank: number,
      at: number,
      width: number,
      message: string,
    ): Repair => {
      const [, lead, key, value] = match as unknown as [string, string, string, string];
      const fixed = `${lead}${key}: ${value}`;
      return {
        line,
        text: fixed,
        rank,
        diagnostic: () =>
          schemaDiagnostic("SY1017", {
            message,
            file: context.file,
            range: context.range(line, at, at + width),
            hint: `Write ${code(fixed.trim())}: a key ends with \`:\` followed by a space.`,
          }),
      };
    };
    const noSpace = NO_SPACE.exec(text);
    if (noSpace !== null) {
      const colon = noSpace[1]!.length + noSpace[2]!.length;
      repairs.push(
        make(
          noSpace,
          RANK.keySeparator,
          colon,
          1,
          `${code(`${noSpace[2]}:${noSpace[3]!.split(/\s/)[0]}`)} is read as one word: the \`:\` after ${code(noSpace[2]!)} needs a space after it`,
        ),
      );
    }
    const equals = EQUALS.exec(text);
    if (equals !== null) {
      const at = text.indexOf("=", equals[1]!.length + equals[2]!.length);
      repairs.push(
        make(
          equals,
          RANK.keySeparator + 1,
          at,
          1,
          `${code(equals[2]!)} is followed by \`=\`; YAML separates a key from its value with \`: \``,
        ),
      );
    }
    const noColon = text.includes(":") ? null : NO_COLON.exec(text);
    if (noColon !== null) {
      const at = noColon[1]!.length;
      repairs.push(
        make(
          noColon,
          RANK.keySeparator + 2,
          at,
          noColon[2]!.length,
          `${code(noColon[2]!)} has no \`:\` between it and its value`,
        ),
      );
    }
    return repairs;
  },
};

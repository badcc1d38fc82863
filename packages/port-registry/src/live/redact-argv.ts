import { detectSecret, redactSecrets } from "@switchyard/config-schema/secrets";

/**
 * A process's command line with its secrets redacted (config-schema's one detector and redaction):
 * the value of an option that names a secret (`--api-key sk-…`, `--api-key=…`, `--token …`,
 * `--password …`) and any argument shaped like one (a provider key, `Bearer …`, a URL password).
 * vLLM, llama-server and LiteLLM take their keys on the command line, and `/proc/<pid>/cmdline`
 * shows them to every user: reports must not pass them on. Arguments keep their positions, so
 * matching a process by its program, script or `-m` module is unchanged.
 */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const option = /^--?([A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(argument);
    if (option !== null && i > 0) {
      const [, name, inline] = option;
      if (inline !== undefined) {
        const verdict = detectSecret(name, inline);
        out.push(
          verdict
            ? `${argument.slice(0, argument.length - inline.length)}${redactSecrets(inline, verdict.spans)}`
            : argument,
        );
        continue;
      }
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        const verdict = detectSecret(name, next);
        if (verdict) {
          out.push(argument, redactSecrets(next, verdict.spans));
          i++;
          continue;
        }
      }
    }
    // The program (or a whole retitled command line in one string): secrets by their shape.
    if (i === 0) {
      out.push(redactSecrets(argument));
      continue;
    }
    const verdict = detectSecret(undefined, argument);
    out.push(verdict ? redactSecrets(argument, verdict.spans) : argument);
  }
  return out;
}

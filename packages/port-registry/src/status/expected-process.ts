import type { ProcessInfo } from "../live/proc-owners.js";

/** Linux cuts `comm` at 15 characters (TASK_COMM_LEN - 1). */
const COMM_LENGTH = 15;

function normalize(name: string): string {
  const lower = name.toLowerCase();
  // python, python3, python3.11 are one interpreter as far as ports.yaml is concerned.
  return /^python(\d+(\.\d+)*)?$/.test(lower) ? "python" : lower;
}

function basename(path: string): string {
  const at = path.lastIndexOf("/");
  return at === -1 ? path : path.slice(at + 1);
}

/** Programs that run another program named by an argument: the script or module is the name that counts. */
const INTERPRETER = /^(python[\d.]*|pypy[\d.]*|node|nodejs|bun|deno|ruby|perl|php|sh|bash|dash|java)$/;
/** Python options that take a value as the next argument. */
const PYTHON_VALUE_OPTIONS = new Set(["-W", "-X", "--check-hash-based-pycs"]);

/**
 * The names a process goes by: its `comm` (and the part before `::`, as vLLM renames its workers
 * `VLLM::EngineCore`), the base name of the program it runs, and, when that program is an
 * interpreter, the script it runs (`python3 /usr/local/bin/vllm serve` → `vllm`) or the module
 * (`python3 -m llama_cpp.server` → `llama_cpp.server`). Later arguments never count: `--alias vllm`
 * does not make llama-server a vLLM. Lower case; python versions folded.
 */
export function processNames(process: ProcessInfo): Set<string> {
  const names = new Set<string>();
  if (process.comm !== "") {
    names.add(normalize(process.comm));
    const colon = process.comm.indexOf("::");
    if (colon > 0) names.add(normalize(process.comm.slice(0, colon)));
  }
  // A process that rewrote its title (redis-server, Node's process.title) may hold it all in argv[0].
  const argv = process.cmdline.length === 1 ? process.cmdline[0]!.trim().split(/\s+/) : [...process.cmdline];
  const program = argv[0];
  if (program === undefined || program === "") return names;
  const programName = basename(program).toLowerCase();
  names.add(normalize(programName));
  if (!INTERPRETER.test(programName)) return names;
  for (let i = 1; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === "-m" && argv[i + 1] !== undefined) {
      names.add(normalize(argv[i + 1]!));
      break;
    }
    if (argument === "-c" || argument === "-e" || argument === "--eval") break;
    if (PYTHON_VALUE_OPTIONS.has(argument)) {
      i++;
      continue;
    }
    if (argument.startsWith("-")) continue;
    names.add(normalize(basename(argument)));
    break;
  }
  return names;
}

/**
 * The entry of `expected` (ports.yaml's `expected_processes`) that a process matches, compared
 * case-insensitively with {@link processNames}; a name longer than 15 characters also matches a
 * `comm` that is its first 15. `undefined` when none does.
 */
export function matchExpectedProcess(process: ProcessInfo, expected: readonly string[]): string | undefined {
  const names = processNames(process);
  const comm = process.comm.toLowerCase();
  for (const name of expected) {
    const wanted = normalize(name);
    if (names.has(wanted)) return name;
    if (wanted.length > COMM_LENGTH && comm === wanted.slice(0, COMM_LENGTH)) return name;
  }
  return undefined;
}

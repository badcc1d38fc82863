import type { Diagnostic, Severity, YamlPath } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import type { ConfigFileKind } from "@switchyard/config-schema/schemas";
import type { GeneratorCode } from "../catalogue.js";

/** Collects the generator's findings, each located in the source file it is about. */
export class Findings {
  readonly notes: Diagnostic[] = [];
  readonly errors: Diagnostic[] = [];

  constructor(private readonly set: ConfigSet) {}

  /** Record a finding about `path` in a source file; errors go to {@link errors}, the rest to {@link notes}. */
  add(
    code: GeneratorCode,
    severity: Severity,
    message: string,
    where: { readonly kind: ConfigFileKind; readonly path: YamlPath; readonly part?: "key" | "value" },
    extra: { readonly hint?: string; readonly suggestion?: string } = {},
  ): void {
    const loaded = this.set.files[where.kind];
    const range = loaded?.source.rangeOf(where.path, where.part ?? "value");
    const diagnostic: Diagnostic = {
      code,
      severity,
      message,
      ...(loaded ? { file: loaded.file } : {}),
      ...(range ? { range } : {}),
      path: where.path,
      ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    };
    (severity === "error" ? this.errors : this.notes).push(diagnostic);
  }
}

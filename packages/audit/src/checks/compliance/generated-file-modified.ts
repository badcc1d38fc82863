import { generatedStatus } from "@switchyard/config-schema/generated";
import { defineCheck, notApplicable, ran } from "../define.js";

/** SY5206: the generated LiteLLM file lacks its Switchyard header, or was edited after generation. */
export const generatedFileModified = defineCheck({
  id: "SY5206",
  name: "generated-file-modified",
  category: "compliance",
  severity: "medium",
  title: "The generated LiteLLM file is missing its header or was edited by hand.",
  cause:
    "`litellm-unified.yaml` is generated from providers.yaml, model-mappings.yaml and ports.yaml; its header records a SHA-256 of the body. A file without the header was not generated (or the header was removed), and a body whose hash differs was edited by hand: the next `switchyard generate` overwrites those edits, and the sources no longer describe what runs.",
  fix: "Move the edits into the source files and run `switchyard generate --force` (a backup is kept); `switchyard generate --check` shows the difference. A hand-written LiteLLM file can be brought in with `switchyard import`.",
  run(context) {
    const file = context.set.files.litellm;
    if (!file || file.source.text === "") return notApplicable("no litellm-unified.yaml");
    const status = generatedStatus(file.source.text);
    if (status === "intact") return ran([]);
    const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    return ran([
      status === "no-header"
        ? {
            file,
            range,
            discriminator: "no-header",
            message: `${file.file} has no Switchyard header, so it was not generated or its header was removed`,
          }
        : {
            file,
            range,
            discriminator: "hand-edited",
            message: `${file.file} was edited by hand after it was generated (its body no longer matches the header's hash)`,
          },
    ]);
  },
});

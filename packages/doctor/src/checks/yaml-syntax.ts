import { plural } from "@switchyard/config-schema/text";
import { defineDoctorCheck, firstFinding } from "../context.js";

/**
 * Reading and parsing codes (SY1001–SY1019 and SY1024, the list-item slip): the files are not
 * usable YAML. SY1020 and up are about what the YAML says (schema version, keys, values).
 */
const SYNTAX = /^SY10(0\d|1\d|24)$/;

export const yamlSyntax = defineDoctorCheck({
  id: "yaml",
  title: "YAML syntax",
  critical: true,
  async run(context) {
    const files = Object.values(context.set.files).filter((f) => f !== undefined);
    const errors = context.validation().filter((d) => d.severity === "error" && SYNTAX.test(d.code));
    if (files.length === 0 && errors.length === 0)
      return {
        status: "fail",
        reason: `no config files in ${context.dir}`,
        fix: `switchyard init${context.dirFlag ? ` ${context.dirFlag.replace("--config-dir ", "")}` : ""}`,
      };
    if (errors.length === 0) return { status: "pass", reason: `${plural(files.length, "file")} parse` };
    return {
      status: "fail",
      reason: `${plural(errors.length, "error")}: ${firstFinding(errors)}`,
      fix: `switchyard validate${context.dirFlag}`,
      diagnostics: errors,
    };
  },
});

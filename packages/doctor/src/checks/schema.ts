import { plural } from "@switchyard/config-schema/text";
import { defineDoctorCheck, findingsOutcome } from "../context.js";

/** Schema codes (SY1020–SY1049) of the loaded files; the schema version is its own check. */
const SCHEMA = /^SY10[2-4]\d$/;

export const schema = defineDoctorCheck({
  id: "schema",
  title: "schema of each file",
  critical: true,
  async run(context) {
    const found = context.validation().filter((d) => SCHEMA.test(d.code) && d.code !== "SY1022");
    const files = Object.values(context.set.files).filter((f) => f?.value !== undefined).length;
    return findingsOutcome(context, found, `${plural(files, "file")} valid`);
  },
});

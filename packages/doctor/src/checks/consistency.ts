import { defineDoctorCheck, findingsOutcome } from "../context.js";

export const consistency = defineDoctorCheck({
  id: "consistency",
  title: "cross-file consistency",
  critical: true,
  async run(context) {
    const found = context.validation().filter((d) => d.code.startsWith("SY2"));
    return findingsOutcome(context, found, "references, ports and fallbacks agree across files");
  },
});

import { urlFields } from "../internal/url-fields.js";
import { readUrl } from "../internal/urls.js";
import { defineRule } from "../rule.js";

/** SY2030: URLs that look like URLs but cannot be parsed. */
export const malformedUrl = defineRule({
  id: "SY2030",
  name: "malformed-url",
  title: "A URL is not well formed.",
  severity: "error",
  cause:
    "A `base_url` or `health_url` has the shape of an http(s) URL but cannot be parsed: a port above 65535 or with letters, an empty host, a stray character in the host. (Values that are not http(s) URLs at all are reported by the schema as SY1035.)",
  fix: "Write `http://host:port/path` with a numeric port between 1 and 65535.",
  example: "base_url: http://127.0.0.1:114341",
  *check(context) {
    for (const field of urlFields(context)) {
      const url = readUrl(field.value);
      if (url.kind !== "malformed") continue;
      yield {
        message: `The ${field.label} is not a valid URL: ${url.reason}`,
        ...context.at(field.place),
        hint: "Write `http://host:port/path` with a numeric port between 1 and 65535.",
      };
    }
  },
});

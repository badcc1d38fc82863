import { urlFields } from "../internal/url-fields.js";
import { readUrl, withoutCredentials } from "../internal/urls.js";
import { defineRule } from "../rule.js";

/** SY2031: user names or passwords inside URLs. */
export const urlCredentials = defineRule({
  id: "SY2031",
  name: "url-credentials",
  title: "A URL embeds credentials.",
  severity: "error",
  cause:
    "`http://user:secret@host` puts a secret where it is logged, shown by LiteLLM's model info endpoints, copied into generated files and committed with the config. The message never repeats the credentials.",
  fix: "Remove the credentials from the URL. Give the provider its key as `api_key: os.environ/NAME`; for a health check behind authentication use a health endpoint that needs none.",
  *check(context) {
    for (const field of urlFields(context)) {
      const url = readUrl(field.value);
      if (url.kind !== "ok") continue;
      const { username, password } = url.parsed.url;
      if (username === "" && password === "") continue;
      const parts = [username !== "" ? "a user name" : "", password !== "" ? "a password" : ""]
        .filter(Boolean)
        .join(" and ");
      const suggestion = withoutCredentials(url.value, url.parsed.url);
      yield {
        message: `The ${field.label} embeds credentials (${parts})`,
        ...context.at(field.place),
        hint:
          field.kind === "base_url"
            ? `Write \`${suggestion}\` and give the key as \`api_key: os.environ/NAME\`; rotate the secret if this file was shared.`
            : `Write \`${suggestion}\`; use a health endpoint that needs no credentials, and rotate the secret if this file was shared.`,
        suggestion,
      };
    }
  },
});

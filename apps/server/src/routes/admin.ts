/// <reference path="../raw.d.ts" />
/**
 * The admin page: plain HTML, one ES module and one stylesheet, served as they are in the
 * repository (no build step). The page talks to the same API as every other client, with a token
 * the user enters once (kept in sessionStorage). A strict Content-Security-Policy allows only these
 * files and same-origin API calls.
 */
import script from "../admin/app.js?raw";
import page from "../admin/index.html?raw";
import style from "../admin/style.css?raw";
import { type AnyRoute, defineRoute } from "./route.js";

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function asset(path: string, text: string, contentType: string): AnyRoute {
  return defineRoute({
    method: "GET",
    path,
    access: "public",
    hidden: true,
    summary: `The admin page (${path})`,
    tags: ["admin"],
    responses: { 200: { description: "The file.", contentType } },
    handler: () => ({
      text,
      headers: {
        "content-type": `${contentType}; charset=utf-8`,
        "content-security-policy": CSP,
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cache-control": "no-cache",
      },
    }),
  });
}

export const ADMIN_ROUTES = [
  asset("/", page, "text/html"),
  asset("/admin/app.js", script, "text/javascript"),
  asset("/admin/style.css", style, "text/css"),
];

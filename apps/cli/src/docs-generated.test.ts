/**
 * docs/cli.md and docs/troubleshooting.md are generated from the command specs and the diagnostic
 * catalogues. Their staleness checks (docs/test/generated.test.ts) run here too, so a change to a
 * command or a catalogue fails the CLI's tests until the pages are regenerated with
 * `npx -y pnpm@10.34.8 docs:generate`.
 */
import "../../../docs/test/generated.test.ts";

import { defineCheck, ran } from "../define.js";

/** SY5204: no migration history, or one with unreadable records. */
export const noMigrationHistory = defineCheck({
  id: "SY5204",
  name: "no-migration-history",
  category: "compliance",
  severity: "low",
  title: "There is no readable migration history.",
  cause:
    "`switchyard migrate` records every schema migration (versions, file hashes, time) in `.switchyard/migrations.jsonl` inside the config directory. Without it, nobody can tell which migrations ran or verify a rollback; unreadable lines mean the record is damaged.",
  fix: "Run schema migrations through `switchyard migrate`, which writes the history; restore a damaged history from version control.",
  run(context) {
    const history = context.facts.migrationHistory;
    if (history.status === "missing") {
      return ran([
        { message: `No migration history (${history.file} does not exist)`, discriminator: "missing" },
      ]);
    }
    if (history.badLines.length > 0) {
      const lines = history.badLines.slice(0, 5).join(", ") + (history.badLines.length > 5 ? ", …" : "");
      return ran([
        {
          message: `${history.file} has ${history.badLines.length} unreadable line(s): ${lines}`,
          discriminator: "damaged",
        },
      ]);
    }
    if (history.entries === 0) {
      return ran([{ message: `${history.file} holds no migration records`, discriminator: "empty" }]);
    }
    return ran([]);
  },
});

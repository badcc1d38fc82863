/** The edit-distance suggestion, loaded lazily by {@link didYouMeanAmong} (see suggest.ts). */
export { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";

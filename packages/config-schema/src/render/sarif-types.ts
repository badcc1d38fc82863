/**
 * The subset of SARIF 2.1.0 that Switchyard writes. Declared here rather than imported from
 * `@types/sarif` so that the published `.d.ts` does not depend on a package consumers may not have;
 * a test checks these types stay assignable to `@types/sarif`'s `Log`.
 */

/** SARIF result and notification levels. */
export type SarifLevel = "none" | "note" | "warning" | "error";

export interface SarifMessage {
  text: string;
}

export interface SarifMultiformatMessageString {
  text: string;
  markdown?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region?: SarifRegion;
}

export interface SarifLocation {
  id?: number;
  physicalLocation?: SarifPhysicalLocation;
  message?: SarifMessage;
}

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: SarifMultiformatMessageString;
  fullDescription?: SarifMultiformatMessageString;
  help?: SarifMultiformatMessageString;
  helpUri?: string;
  defaultConfiguration?: { level?: SarifLevel };
  properties?: Record<string, unknown>;
}

export interface SarifReportingDescriptorReference {
  id?: string;
  index?: number;
}

export interface SarifNotification {
  level?: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  associatedRule?: SarifReportingDescriptorReference;
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  /** The directory the tool ran in (`file:///…/`). */
  workingDirectory?: { uri: string };
  toolExecutionNotifications?: SarifNotification[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifToolComponent {
  name: string;
  version?: string;
  informationUri?: string;
  rules: SarifReportingDescriptor[];
}

/** Where a `uriBaseId` points: an absolute `file:` URI ending in `/`. */
export interface SarifBaseLocation {
  uri: string;
  description?: SarifMessage;
}

export interface SarifRun {
  tool: { driver: SarifToolComponent };
  /** The meaning of every `uriBaseId` results use (`%SRCROOT%`: the repository root). */
  originalUriBaseIds?: Record<string, SarifBaseLocation>;
  invocations: SarifInvocation[];
  results: SarifResult[];
  columnKind: "utf16CodeUnits" | "unicodeCodePoints";
  properties?: Record<string, unknown>;
}

/** A SARIF 2.1.0 log: what `switchyard … --format sarif` prints. */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

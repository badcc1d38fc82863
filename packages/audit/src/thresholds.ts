/** The tunable limits of the checks. Every default is documented in the README. */
export interface AuditThresholds {
  /**
   * Shannon entropy (bits per character) at or above which a literal value under a secret-like key is
   * reported as a secret (SY5102). Default 3.5, gitleaks' generic-secret threshold.
   */
  readonly entropy: number;
  /** The entropy threshold for values made only of hex digits (their alphabet is smaller). Default 3.0. */
  readonly hexEntropy: number;
  /** Shortest value the entropy rule considers. Default 10. */
  readonly minSecretLength: number;
  /** Timeouts below this many seconds are extreme (SY5303). Default 1. */
  readonly minTimeoutSeconds: number;
  /** Timeouts above this many seconds are extreme (SY5303). Default 600. */
  readonly maxTimeoutSeconds: number;
  /** Retry counts above this are unbounded for practical purposes (SY5306). Default 5. */
  readonly maxRetries: number;
  /** A model with at least this many requests per minute counts as heavily used (SY5305). Default 300. */
  readonly heavyRpm: number;
  /** A model with at least this many tokens per minute counts as heavily used (SY5305). Default 1 000 000. */
  readonly heavyTpm: number;
  /** A model that at least this many other models fall back to counts as heavily used (SY5305). Default 3. */
  readonly heavyFallbackTargets: number;
  /** A flag fully on or off and unchanged for more than this many days is stale (SY5406). Default 90. */
  readonly staleFlagDays: number;
  /** `litellm_settings` keys to accept besides the built-in list (settings of newer LiteLLM releases, SY5504). */
  readonly extraLitellmSettings: readonly string[];
}

/** The default thresholds. */
export const DEFAULT_THRESHOLDS: AuditThresholds = {
  entropy: 3.5,
  hexEntropy: 3.0,
  minSecretLength: 10,
  minTimeoutSeconds: 1,
  maxTimeoutSeconds: 600,
  maxRetries: 5,
  heavyRpm: 300,
  heavyTpm: 1_000_000,
  heavyFallbackTargets: 3,
  staleFlagDays: 90,
  extraLitellmSettings: [],
};

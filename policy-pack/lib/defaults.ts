/**
 * The defaults of an agent's identity, in one object: the components' fleet schema, the pack's
 * config schema and `agent-iam audit` read them here, so what the components build by default is
 * exactly what the pack accepts by default.
 */
export const DEFAULTS = {
  /** How long the STS credentials Vault issues live (`credentials.ttl`, Vault's `defaultStsTtl`). */
  ttlSeconds: 900,
  /** How long Vault may renew them (`credentials.maxTtl`, Vault's `maxStsTtl`). */
  maxTtlSeconds: 3600,
  /** How far away an agent's expiry date may be. */
  maxLifetimeDays: 90,
  /** The longest session an agent role may allow (`maxSessionDuration`). */
  maxSessionDurationSeconds: 3600,
  /** How long an AppRole SecretID may be used to log in. */
  secretIdTtlSeconds: 86_400,
  /** Logins per AppRole SecretID: one wrapped SecretID per run. */
  secretIdNumUses: 1,
  /** The furthest an exemption from a policy may expire from today. */
  maxExemptionDays: 90,
} as const;

/** What AWS itself allows (IAM CreateRole and STS AssumeRole API references). */
export const AWS_LIMITS = {
  /** STS issues role sessions of 15 minutes ... */
  stsMinSeconds: 900,
  /** ... to 12 hours. */
  stsMaxSeconds: 43_200,
  /** A role's MaxSessionDuration when it sets none, which is also the least it may set. */
  roleMaxSessionDefaultSeconds: 3600,
} as const;

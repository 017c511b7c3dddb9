/**
 * IAM documents built to make a backtracking glob matcher blow up (issue 9: a Deny such as
 * `*a*a*a…` tested against a long Allow resource hung the check). Shared by the engine's test,
 * which requires a verdict for each without a hang, and by `npm run bench -- glob`, which times
 * them against the goal of 100 ms per document of at most 100 KB.
 */

/** The largest document the goal covers, in bytes of JSON. */
export const ADVERSARIAL_MAX_BYTES = 100_000;

/** One family: its Deny and Allow resources (and action) for a bucket and a size parameter. */
export type AdversarialBuild = (
  bucket: string,
  size: number,
) => { deny: unknown; allow: unknown; action?: string };

const arn = (bucket: string, rest: string): string => `arn:aws:s3:::${bucket}${rest}`;

export const ADVERSARIAL_FAMILIES: Record<string, AdversarialBuild> = {
  // The issue's own example: a Deny that backtracks over a long Allow resource.
  'stars between one letter, *a*a*…*b': (b, n) => ({
    deny: arn(b, '*a'.repeat(n / 5) + '*b'),
    allow: arn(b, 'a'.repeat((n * 3) / 5)),
  }),
  'stars between one letter, matching': (b, n) => ({
    deny: arn(b, '*a'.repeat(n / 5) + '*'),
    allow: arn(b, 'a'.repeat((n * 3) / 5)),
  }),
  'one-unit wildcards between stars, ?*?*…': (b, n) => ({
    deny: arn(b, '?*'.repeat(n / 5)),
    allow: arn(b, 'a'.repeat((n * 3) / 5)),
  }),
  'a long literal run that almost occurs': (b, n) => ({
    deny: arn(b, `*${'a'.repeat(n / 5)}b${'a'.repeat(n / 5)}*`),
    allow: arn(b, 'a'.repeat(n / 2)),
  }),
  'a long run of ?': (b, n) => ({
    deny: arn(b, `*${'?'.repeat(n / 3)}b`),
    allow: arn(b, 'a'.repeat(n / 2)),
  }),
  // The costliest shape for the bit-parallel search: a segment of about a quarter of the
  // document, searched over the rest.
  'a long segment of letters and ?': (b, n) => ({
    deny: arn(b, `*${'a?'.repeat(n / 7)}ab*`),
    allow: arn(b, 'a'.repeat((n * 7) / 10)),
  }),
  'an Allow pattern tested against every resource type': (b, n) => ({
    deny: arn(b, '/x'),
    allow: arn(b, '*a'.repeat(n / 2 - 100) + '*b'),
  }),
  'a NotResource Deny on either side': (b, n) => ({
    deny: { NotResource: [arn(b, '*a'.repeat(n / 7) + '*b'), arn(b, 'a'.repeat(n / 7))] },
    allow: [arn(b, 'a'.repeat((n * 2) / 7)), arn(b, '*a'.repeat(n / 7) + 'b')],
  }),
  'an action pattern of many stars': (b, n) => ({
    deny: arn(b, '/*'),
    allow: arn(b, '/*'),
    action: `s3:${'*t'.repeat(n / 4)}*x`,
  }),
};

/** The document of one family: an Allow and a Deny of the same action. */
export function adversarialDocument(build: AdversarialBuild, bucket: string, size: number): object {
  const { deny, allow, action } = build(bucket, size);
  const denyScope = typeof deny === 'string' ? { Resource: deny } : deny;
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: action ?? 's3:GetObject', Resource: allow },
      { Effect: 'Deny', Action: action ?? 's3:GetObject', ...(denyScope as object) },
    ],
  };
}

/** The size parameter, lowered until the family's document fits in 100 KB. */
export function fittingSize(build: AdversarialBuild, size: number): number {
  let fitted = size - (size % 40);
  while (
    JSON.stringify(adversarialDocument(build, 'b0xxxxxx', fitted)).length > ADVERSARIAL_MAX_BYTES
  )
    fitted -= 1_000;
  return fitted;
}

/**
 * Vault policies of about 200 KB built to make a backtracking or quadratic tokenizer slow (issue 9:
 * a 200 KB policy of escaped quotes took 15 s). The goal is 100 ms each.
 */
export const ADVERSARIAL_VAULT_POLICIES: Array<{ case: string; build: () => string }> = [
  {
    case: 'an unclosed string of escaped quotes',
    build: () => `path "a" { capabilities = ["read"] }\n"${'\\"'.repeat(100_000)}`,
  },
  {
    case: 'a path of escaped quotes',
    build: () => `path "${'\\"'.repeat(100_000)}" { capabilities = ["read"] }`,
  },
  {
    case: 'a JSON key of escaped quotes',
    build: () => `{"path": {"${'\\"'.repeat(100_000)}": {"capabilities": ["read"]}}}`,
  },
  {
    case: 'an unclosed JSON string of escaped quotes',
    build: () => `{"path": {"${'\\"'.repeat(100_000)}`,
  },
  {
    case: 'comment openers without an end',
    build: () => `path "a" { capabilities = ["read"] }\n${'/*'.repeat(100_000)}`,
  },
  {
    case: 'line comments',
    build: () => `${'#"\n'.repeat(66_000)}path "a" { capabilities = ["read"] }`,
  },
  {
    case: 'many blocks of one path',
    build: () => 'path "a" { capabilities = ["read"] }\n'.repeat(5_500),
  },
  {
    case: 'an unclosed heredoc of many lines',
    build: () => `path "a" {\n  comment = <<EOT\n${'EO\n'.repeat(66_000)}`,
  },
];

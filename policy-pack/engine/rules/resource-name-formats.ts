/**
 * How AWS forms the names of some resource types: which characters every name (or an unbounded
 * family of names) has, whatever its owner chose, and a few real names of the type. A Resource
 * pattern whose only literal characters in the name are these, and that matches a real name,
 * reaches every resource of the type: the author chose no name.
 *
 * A type not listed here reaches every resource only when its name is wildcards (scope.ts).
 */

export interface ResourceNameFormat {
  /** The service prefix of the ARN. */
  service: string;
  /** Where the name starts in the ARN's resource part (lower case). */
  prefix: string;
  /** Characters AWS puts in names of this type whatever its owner chose. */
  structural: string;
  /** Real names of the type, as AWS forms them (what follows `prefix`). */
  examples: readonly string[];
  source: string;
}

const IAM_PATHS =
  'IAM User Guide, "IAM identifiers", friendly names and paths: a name may sit under a path of any depth (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names)';

export const RESOURCE_NAME_FORMATS: readonly ResourceNameFormat[] = [
  {
    service: 'secretsmanager',
    prefix: 'secret:',
    structural: '-/',
    examples: ['db-AbC123', 'prod/payments/api.key_1-x9YZ0q'],
    source:
      'AWS Secrets Manager User Guide, "Troubleshooting": a secret\'s ARN ends in a hyphen and six random characters (https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen)',
  },
  {
    service: 'kms',
    prefix: 'key/',
    structural: '-',
    examples: ['1234abcd-12ab-34cd-56ef-1234567890ab', 'mrk-1234abcd12ab34cd56ef1234567890ab'],
    source:
      'AWS KMS Developer Guide, "Key identifiers (KeyId)": a key id is a UUID, a multi-Region key id starts with mrk- (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id)',
  },
  ...['role/', 'user/', 'policy/', 'group/', 'instance-profile/'].map((prefix) => ({
    service: 'iam',
    prefix,
    structural: '/',
    examples: ['Name_1', 'team/Name_1', 'a/b.c/Name+=,.@-_1'],
    source: IAM_PATHS,
  })),
];

/**
 * Read actions that leak data when allowed on any resource.
 *
 * Source: Cloudsplaining `cloudsplaining/shared/constants.py` `READ_ONLY_DATA_EXFILTRATION_ACTIONS`
 * (salesforce/cloudsplaining, commit 126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4), plus `kms:Decrypt`,
 * which the corpus spec (`shared/corpus/iam-policies/README.md`) adds: decrypting with any key
 * reads whatever that key protects.
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:getobject',
  'ssm:getparameter',
  'ssm:getparameters',
  'ssm:getparametersbypath',
  'secretsmanager:getsecretvalue',
  'kms:decrypt',
];

/** The values every test fixture shares: one account, one region, one Vault principal. */

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';

/** The IAM role Vault's AWS secrets engine uses to call sts:AssumeRole, in every test. */
export const VAULT_PRINCIPAL_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/vault-aws-secrets-engine`;

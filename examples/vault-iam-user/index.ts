/**
 * Wrong: a Vault AWS secrets-engine role with credential type iam_user. Vault creates a real IAM
 * user with a long-lived key for every lease, instead of a short STS session on the agent's role.
 * Expect agent-no-static-credentials.
 */
import * as vault from '@pulumi/vault';
import { Agent } from '../../components';
import { daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();
new Agent('ledger-reader', {
  fleet,
  owner: 'team:finance',
  purpose: 'Reads the payment ledger to answer finance questions',
  expiresOn: daysFromToday(30),
  permissions: [
    {
      actions: ['dynamodb:GetItem'],
      resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/ledger'],
    },
  ],
});

new vault.aws.SecretBackendRole('ledger-reader-iam-user', {
  backend: fleet.awsMountPath,
  name: 'ledger-reader-iam-user',
  credentialType: 'iam_user',
  policyArns: ['arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess'],
});

/**
 * Wrong: besides its Vault-issued role, the agent gets an IAM user and a static access key "for
 * local testing". Expect agent-no-static-credentials.
 */
import * as aws from '@pulumi/aws';
import { Agent } from '../../components';
import { daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();
new Agent('report-mailer', {
  fleet,
  owner: 'team:finance',
  purpose: 'Mails the monthly report to the finance team',
  expiresOn: daysFromToday(30),
  permissions: [
    {
      actions: ['ses:SendEmail'],
      resources: ['arn:aws:ses:us-east-1:123456789012:identity/example.com'],
    },
  ],
});

const user = new aws.iam.User('report-mailer-user', {
  name: 'report-mailer',
  tags: { 'agent:name': 'report-mailer', 'agent:owner': 'team:finance' },
});
new aws.iam.AccessKey('report-mailer-key', { user: user.name });

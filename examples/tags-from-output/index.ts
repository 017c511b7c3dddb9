/**
 * Wrong: a role's tags are computed from another new resource, so at preview nobody can tell
 * whether it is an agent, who owns it, or when it expires. Expect agent-known-at-preview, naming
 * the resource the tags come from. Fix: literal tags.
 */
import * as aws from '@pulumi/aws';

const team = new aws.sns.Topic('data-team');
new aws.iam.Role('sales-exporter', {
  name: 'agent-sales-exporter',
  path: '/agents/',
  tags: team.arn.apply((arn) => ({
    'agent:name': 'sales-exporter',
    'agent:owner': arn,
    'agent:expires-on': '2027-01-31',
  })),
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: ['sts:AssumeRole'],
      },
    ],
  }),
});

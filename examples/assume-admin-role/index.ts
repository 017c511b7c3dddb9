/**
 * Wrong: the agent's own permissions are least privilege, but it may assume a role of the same
 * stack that trusts it, and that role is an administrator. What it can become is what it can do.
 * Expect agent-no-admin, with the path.
 */
import * as aws from '@pulumi/aws';
import { ACCOUNT_ID } from '../shared/fleet';
import { rawAgent } from '../shared/raw-agent';

const adminArn = `arn:aws:iam::${ACCOUNT_ID}:role/ops-break-glass`;

rawAgent('ops-helper', {
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::ops-runbooks/*'] },
      { Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [adminArn] },
    ],
  },
});

const admin = new aws.iam.Role('break-glass', {
  name: 'ops-break-glass',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ops-helper` },
        Action: 'sts:AssumeRole',
      },
    ],
  }),
});

new aws.iam.RolePolicyAttachment('break-glass-admin', {
  role: admin.name,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});

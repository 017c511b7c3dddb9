/**
 * Programs written to get a bad agent past the check, by class. Each hides an over-permissioned
 * grant where a naive emulator would not look: inside an `apply` that a preview skips, behind
 * `pulumi.runtime.isDryRun()`, in a repeated JSON key, or in a part
 * of `aws.iam.getPolicyDocument` the mock provider once dropped. The check must exit 1 and name
 * the policy, never 0; the benign twin of each class still exits 0.
 */
import { runCheckBinary } from '../support/check-binary';
import { removePrograms, writeProgram } from '../support/programs';

afterAll(removePrograms);

const IN_30_DAYS = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const ADMIN = `JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })`;

/** A compliant fleet of one agent, `reader`, whose role is `agent-reader`. */
const FLEET = `
import * as aws from '@pulumi/aws';
import { AgentFleet } from 'agent-iam';
const queue = new aws.sqs.Queue('tickets', { name: 'tickets' });
new AgentFleet('agents', {
  vaultPrincipalArn: 'arn:aws:iam::123456789012:role/vault-secrets-engine',
  awsSecretsEngine: { mode: 'existing', path: 'aws-agents' },
  appRoleAuth: { mode: 'create', path: 'agents' },
  agents: [{ name: 'reader', owner: 'team:support', purpose: 'Reads tickets', expiresOn: '${IN_30_DAYS}',
    permissions: [{ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:tickets'] }] }],
});
`;

/** A raw role that is an agent by its tag, trusted by Vault as the components write it. */
function taggedRole(name: string, policy: string): string {
  return `new aws.iam.Role('${name}', {
  name: '${name}',
  tags: { 'agent:name': '${name}', 'agent:owner': 'team:support', 'agent:expires-on': '${IN_30_DAYS}' },
  maxSessionDuration: 3600,
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:role/vault-secrets-engine' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'aws:RequestTag/agent': '${name}' } } }] }),
  inlinePolicies: [{ name: 'p', policy: ${policy} }],
})`;
}

const CASES: { case: string; program: string; code: 0 | 1; says: RegExp[] }[] = [
  {
    case: 'apply hiding: an admin agent role created inside an apply on an unknown ARN',
    program: `${FLEET}
queue.arn.apply((arn) => { ${taggedRole('hidden-agent', ADMIN)}; return arn; });`,
    code: 1,
    says: [
      /Unseen at preview: aws:iam\/role:Role "hidden-agent" is registered only when every output is known/,
      /agent-no-wildcard-actions/,
    ],
  },
  {
    case: "apply hiding: an admin RolePolicy added inside an apply to a declared agent's role",
    program: `${FLEET}
queue.arn.apply((arn) => { new aws.iam.RolePolicy('widen', { role: 'agent-reader', policy: ${ADMIN} }); return arn; });`,
    code: 1,
    says: [
      /Unseen at preview: aws:iam\/rolePolicy:RolePolicy "widen"/,
      /agent-no-wildcard-actions +reader-role/,
    ],
  },
  {
    case: 'isDryRun hiding: an admin agent role created only when not previewing',
    program: `${FLEET}
import * as pulumi from '@pulumi/pulumi';
if (!pulumi.runtime.isDryRun()) { ${taggedRole('up-only', ADMIN)}; }`,
    code: 1,
    says: [
      /Unseen at preview: aws:iam\/role:Role "up-only" is registered only when every output is known/,
    ],
  },
  {
    case: 'isDryRun divergence: a RolePolicy on a declared agent\'s role, narrow at preview and Action "*" at update',
    program: `${FLEET}
import * as pulumi from '@pulumi/pulumi';
new aws.iam.RolePolicy('two-faced', { role: 'agent-reader', policy: pulumi.runtime.isDryRun()
  ? JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:tickets' }] })
  : ${ADMIN} });`,
    code: 1,
    says: [
      /Unseen at preview: the program registers this differently when every output is known/,
      /agent-no-wildcard-actions +reader-role/,
    ],
  },
  {
    case: 'apply hiding, benign twin: a bucket created inside an apply',
    program: `${FLEET}
queue.arn.apply((arn) => { new aws.s3.Bucket('later'); return arn; });`,
    code: 0,
    says: [/^PASS/m],
  },
  {
    case: 'getPolicyDocument: Action "*" in sourcePolicyDocuments',
    program: `${FLEET}
const doc = aws.iam.getPolicyDocumentOutput({ sourcePolicyDocuments: [${ADMIN}],
  statements: [{ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:tickets'] }] });
${taggedRole('source-doc', 'doc.json')};`,
    code: 1,
    says: [/agent-no-wildcard-actions +source-doc/],
  },
  {
    case: 'getPolicyDocument: a narrow statement replaced by overridePolicyDocuments',
    program: `${FLEET}
const doc = aws.iam.getPolicyDocumentOutput({
  statements: [{ sid: 'Read', actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:tickets'] }],
  overridePolicyDocuments: [JSON.stringify({ Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] })] });
${taggedRole('override-doc', 'doc.json')};`,
    code: 1,
    says: [/agent-no-unscoped-write +override-doc|agent-no-privilege-escalation +override-doc/],
  },
  {
    case: 'duplicate JSON keys: Action "*" hidden under a narrow Action that JavaScript keeps',
    program: `${FLEET}
${taggedRole('dup-keys', `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Action":"sqs:ReceiveMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:tickets"}]}'`)};`,
    code: 1,
    says: [
      /agent-no-wildcard-actions.* +dup-keys/,
      /repeats a key in one object \("Action" in Statement\[0\]/,
    ],
  },
  {
    case: 'principal case: AdministratorAccess on a role trusting "BEDROCK.amazonaws.com"',
    program: `${FLEET}
new aws.iam.Role('loud-bedrock', { name: 'loud-bedrock',
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'BEDROCK.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }),
  managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });`,
    code: 1,
    says: [/agent-ai-workload-declared +loud-bedrock/, /agent-no-admin +loud-bedrock/],
  },
];

describe.each(CASES)('$case', ({ program, code, says }) => {
  test(`exits ${code} and says why`, async () => {
    const dir = writeProgram({
      'Pulumi.yaml': 'name: adversarial\nruntime: nodejs\n',
      'index.ts': program,
    });
    const run = await runCheckBinary([
      '--program',
      dir,
      '--policy-config',
      'agent-iam.config.json',
    ]);
    for (const pattern of says) expect(run.stdout).toMatch(pattern);
    expect(run.code).toBe(code);
  });
});

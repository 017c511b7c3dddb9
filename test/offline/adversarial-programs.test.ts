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
  {
    case: 'Vault side door: an "iam_user" AWS role written by vault.generic.Endpoint, not vault.aws.SecretBackendRole',
    program: `${FLEET}
import * as vault from '@pulumi/vault';
new vault.generic.Endpoint('evil-role', { path: 'aws-agents/roles/evil',
  dataJson: JSON.stringify({ credential_type: 'iam_user', policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }) });`,
    code: 1,
    says: [
      /agent-no-static-credentials +evil-role \(vault:generic\/endpoint:Endpoint\)/,
      /writes "aws-agents\/roles\/evil" of the Vault AWS secrets engine "aws-agents"/,
    ],
  },
  {
    case: "Vault side door: Vault's default policy written to sys/policies/acl/default, reading every agent's credentials",
    program: `${FLEET}
import * as vault from '@pulumi/vault';
new vault.generic.Endpoint('default-acl', { path: 'sys/policies/acl/default',
  dataJson: JSON.stringify({ policy: 'path "aws-agents/creds/*" { capabilities = ["read"] }' }) });`,
    code: 1,
    says: [/agent-vault-token-scoped +default-acl/, /Vault policy "default", which every token/],
  },
  {
    case: 'shadow AI: an IAM user whose group may invoke Bedrock models (static credentials, no agent)',
    program: `${FLEET}
const group = new aws.iam.Group('ai-users', { name: 'ai-users' });
new aws.iam.GroupPolicyAttachment('bedrock', { group: group.name, policyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess' });
const user = new aws.iam.User('chatbot', { name: 'chatbot' });
new aws.iam.UserGroupMembership('chatbot-groups', { user: user.name, groups: [group.name] });`,
    code: 1,
    says: [/agent-ai-workload-declared +chatbot \(aws:iam\/user:User\)/],
  },
  {
    case: 'shadow AI: a Bedrock flow running with an admin role made outside the stack',
    program: `${FLEET}
new aws.bedrock.AgentFlow('triage-flow', { name: 'triage-flow', executionRoleArn: 'arn:aws:iam::123456789012:role/ops-admin' });`,
    code: 1,
    says: [
      /agent-ai-workload-declared +triage-flow/,
      /Amazon Bedrock flow "triage-flow" runs with role/,
    ],
  },
];

/** Programs whose deployed resources the emulator cannot know: the check gives no verdict. */
const NO_VERDICT: { case: string; program: string; says: RegExp }[] = [
  {
    case: 'the transforms resource option on a fleet, adding AdministratorAccess to every role at deploy time',
    program: FLEET.replace(
      /\}\);\n$/,
      `}, { transforms: [async (a) => a.type === 'aws:iam/role:Role'
  ? { props: { ...a.props, managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, opts: a.opts } : undefined] });\n`,
    ),
    says: /agent-iam:index:AgentFleet "agents" is registered with the `transforms` resource option, which Pulumi's engine applies at deploy time and the offline check cannot/,
  },
  {
    case: 'a stack transform (registerResourceTransform) widening every role',
    program: `import * as pulumi from '@pulumi/pulumi';
pulumi.runtime.registerResourceTransform(async (a) => a.type === 'aws:iam/role:Role'
  ? { props: { ...a.props, managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, opts: a.opts } : undefined);
${FLEET}`,
    says: /The program calls `pulumi.runtime.registerResourceTransform`, which Pulumi's engine applies at deploy time/,
  },
  {
    case: 'an invoke transform (registerInvokeTransform), which could rewrite getPolicyDocument',
    program: `import * as pulumi from '@pulumi/pulumi';
pulumi.runtime.registerInvokeTransform(async (a) => ({ args: a.args, opts: a.opts }));
${FLEET}`,
    says: /The program calls `pulumi.runtime.registerInvokeTransform`/,
  },
];

describe.each(NO_VERDICT)('$case', ({ program, says }) => {
  test('exits 2 and says why', async () => {
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
    expect(run.stderr).toMatch(says);
    expect(run.stdout).not.toMatch(/^PASS/m);
    expect(run.code).toBe(2);
  });
});

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

/**
 * Real Pulumi programs that declare IAM roles, copied from pulumi/examples and pulumi/templates
 * under their Apache-2.0 licence (each `index.ts` names its source path and commit and what was
 * changed), must run under the offline check with a complete verdict, at preview and at update:
 * exit 0 or 1, never 2; the JSON report parses; every custom resource the program declares is
 * counted. None of the pulumi/examples and pulumi/templates roles is an agent (they are Lambda,
 * API Gateway, Glue, ECS and Organizations service roles, or a human's assumable role), so each
 * passes with no agent. The examples @pulumi/aws publishes for Bedrock agents are agents nobody
 * declared: each is counted as one and blocks, with exactly the violations listed.
 * Each check runs the binary in a child process, one at a time: jest already runs this suite
 * beside test/examples (two checks at a time, under a 180 s hook), and 44 checks of about 5 s of
 * CPU each would otherwise starve it on 2 cores. The hook may take minutes on a loaded machine.
 */
import { runCheckBinary, type CheckRun } from '../support/check-binary';
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PROGRAMS = path.join(REPO_ROOT, 'test', 'fixtures', 'programs');
const POLICY_CONFIG = path.join(REPO_ROOT, 'agent-iam.config.json');

interface Case {
  program: string;
  /** Custom resources the program declares, counted by hand from its source. */
  resources: number;
  code: 0 | 1;
  agents: number;
  /** Every violation's policy and enforcement level, in report order, at both modes or at each. */
  violations?: string[] | { preview: string[]; update: string[] };
}

/** What an undeclared agent always lacks: its owner, its end date and the fleet's boundary. */
const UNDECLARED = [
  'agent-owner-required mandatory',
  'agent-expiry-required mandatory',
  'agent-permissions-boundary-required mandatory',
];

const CASES: Case[] = [
  // RestApi, EventBus, EventRule, RequestValidator, Model, Resource, Method, Role, Integration,
  // MethodResponse, IntegrationResponse, Deployment, Stage, EventTarget, Permission; the
  // CallbackFunction's Role, RolePolicyAttachment and Function.
  { program: 'aws-ts-apigateway-eventbridge', resources: 18, code: 0, agents: 0 },
  // Api, Stage, EventBus, EventRule, Role, Integration, Route, EventTarget, Permission; the
  // CallbackFunction's Role, RolePolicyAttachment and Function.
  { program: 'aws-ts-apigatewayv2-eventbridge', resources: 12, code: 0, agents: 0 },
  // Role, RolePolicyAttachment (role: the Role resource), Function, Api, Permission, Integration,
  // Route, Stage.
  { program: 'aws-ts-apigatewayv2-http-api', resources: 8, code: 0, agents: 0 },
  { program: 'aws-ts-apigatewayv2-http-api-quickcreate', resources: 5, code: 0, agents: 0 },
  // Role (trust pinned to the account and its agents), RolePolicy (InvokeModel on one model),
  // AgentAgent: scoped, but nobody declared it.
  {
    program: 'aws-bedrock-agent-agent',
    resources: 3,
    code: 1,
    agents: 1,
    violations: [
      ...UNDECLARED,
      'agent-ai-workload-declared mandatory',
      'agent-audit-trail-present advisory',
    ],
  },
  // Role trusting bedrock-agentcore.amazonaws.com with no condition, AgentcoreGateway.
  {
    program: 'aws-bedrock-agentcore-gateway',
    resources: 2,
    code: 1,
    agents: 1,
    violations: [
      ...UNDECLARED,
      'agent-trust-restricted mandatory',
      'agent-trust-restricted mandatory',
      'agent-ai-workload-declared mandatory',
      'agent-audit-trail-present advisory',
    ],
  },
  // Table, Role, Policy, RolePolicyAttachment, GraphQLApi, ApiKey, DataSource, two Resolvers.
  { program: 'aws-ts-appsync', resources: 9, code: 0, agents: 0 },
  // The explicit Provider and the Bucket; roleToAssumeARN is not set (read as unknown).
  { program: 'aws-ts-assume-role-assume-role', resources: 2, code: 0, agents: 0 },
  // User, AccessKey, Role, RolePolicy.
  { program: 'aws-ts-assume-role-create-role', resources: 4, code: 0, agents: 0 },
  // Two Secrets and SecretVersions (config), Role, two attachments, Policy, Function.
  { program: 'aws-ts-lambda-secrets', resources: 9, code: 0, agents: 0 },
  // VPC, subnets, routes, ECR repository and lifecycle policy, docker.Image (its registry login
  // from ecr.getAuthorizationTokenOutput), KMS key, SSM parameter, two ECS task Roles, ECS cluster,
  // task definition and service, load balancer, listener and target group.
  // At preview its secrets policy is built in an apply over unknown ARNs: whether the execution
  // role can invoke models is unknown then, an advisory; with every output known it cannot.
  {
    program: 'aws-ts-langserve',
    resources: 26,
    code: 0,
    agents: 0,
    violations: { preview: ['agent-ai-workload-declared advisory'], update: [] },
  },
  { program: 'aws-ts-lambda-slack', resources: 9, code: 0, agents: 0 },
  { program: 'aws-ts-organizations', resources: 22, code: 0, agents: 0 },
  { program: 'aws-ts-redshift-glue-etl', resources: 15, code: 0, agents: 0 },
  { program: 'aws-ts-resources', resources: 28, code: 0, agents: 0 },
  { program: 'aws-ts-s3-lambda-copyzip', resources: 14, code: 0, agents: 0 },
  { program: 'aws-ts-scheduled-function', resources: 15, code: 0, agents: 0 },
  { program: 'aws-ts-serverless-raw', resources: 8, code: 0, agents: 0 },
  { program: 'aws-ts-stackreference-architecture-networking', resources: 58, code: 0, agents: 0 },
  // Two Roles, two RolePolicies, two CallbackFunctions given a Role resource as role:, StateMachine.
  { program: 'aws-ts-stepfunctions', resources: 7, code: 0, agents: 0 },
  { program: 'aws-ts-synthetics-canary', resources: 7, code: 0, agents: 0 },
  { program: 'aws-ts-twitter-athena', resources: 19, code: 0, agents: 0 },
  { program: 'aws-ts-wordpress-fargate-rds', resources: 19, code: 0, agents: 0 },
  // CodeSigningConfig, two Roles, SecurityGroup, two SecurityGroupRules, Function, and the
  // OpenIdConnectProvider it creates when getOpenIdConnectProvider finds none.
  { program: 'esc-connector-lambda-typescript', resources: 8, code: 0, agents: 0 },
  // The CallbackFunction's Role, its nine default policy attachments and Function; a FunctionUrl.
  { program: 'testing-unit-ts-mocks-jest', resources: 12, code: 0, agents: 0 },
];

const check = runCheckBinary;
type Run = CheckRun;

const MODES = [
  { mode: 'preview', flags: [] as string[] },
  { mode: 'update', flags: ['--update'] },
];

const runs = new Map<string, Run>();
const key = (program: string, mode: string) => `${program} ${mode}`;

beforeAll(async () => {
  const queue = MODES.flatMap(({ mode, flags }) =>
    CASES.map((c) => ({
      id: key(c.program, mode),
      args: [
        '--program',
        path.join('test', 'fixtures', 'programs', c.program),
        '--policy-config',
        POLICY_CONFIG,
        '--json',
        ...flags,
      ],
    })),
  );
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) runs.set(job.id, await check(job.args));
  };
  await worker();
}, 900_000);

interface Report {
  inventory: unknown[];
  violations: { policy: string; enforcementLevel: string }[];
  summary: { resources: number; agents: number; mandatory: number; passed: boolean };
}

test('every program folder is in the table', () => {
  const folders = fs
    .readdirSync(PROGRAMS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(folders).toEqual(CASES.map((c) => c.program).sort());
});

test.each(CASES)('$program names its source, path, commit and licence', ({ program }) => {
  const header = fs.readFileSync(path.join(PROGRAMS, program, 'index.ts'), 'utf8').slice(0, 2000);
  // A repository at a commit, or a published package at its version and the file within it.
  expect(header).toMatch(
    /^\/\*\n \* Copied from (https:\/\/github\.com\/pulumi\/(examples|templates)\/tree\/[0-9a-f]{40}\/|the @pulumi\/aws \d+\.\d+\.\d+ npm package \(https:\/\/www\.npmjs\.com\/package\/@pulumi\/aws\/v\/\d+\.\d+\.\d+\),\n \* file [\w/]+\.d\.ts)/,
  );
  expect(header).toContain('licensed under the Apache License, Version 2.0');
});

/** The shapes of program the set must keep, each found in a program's own source. */
const SHAPES = [
  {
    shape: 'required config the stack does not set, and a region read from config',
    program: 'aws-ts-assume-role-assume-role',
    file: 'index.ts',
    source: 'config.require("roleToAssumeARN");',
    absent: 'Pulumi.dev.yaml',
  },
  {
    shape: 'aws.config.requireRegion() in a stack without aws:region',
    program: 'aws-ts-assume-role-assume-role',
    file: 'index.ts',
    source: 'region: aws.config.requireRegion(),',
    absent: 'Pulumi.dev.yaml',
  },
  {
    shape: 'a NodeNext import of ./vpc.js where only vpc.ts exists',
    program: 'aws-ts-stackreference-architecture-networking',
    file: 'index.ts',
    source: 'from "./vpc.js"',
    absent: 'vpc.js',
  },
  {
    shape: 'a file read relative to its folder',
    program: 'aws-ts-stepfunctions',
    file: 'index.ts',
    source: 'readFileSync("./Pulumi.README.md")',
  },
  {
    shape: 'aws.organizations.getOrganization',
    program: 'aws-ts-organizations',
    file: 'index.ts',
    source: 'aws.organizations.getOrganization({})',
  },
  {
    shape: "a container registry's login read for docker.Image",
    program: 'aws-ts-langserve',
    file: 'index.ts',
    source: 'aws.ecr.getAuthorizationTokenOutput({',
  },
  {
    shape: 'pulumi.getOrganization',
    program: 'esc-connector-lambda-typescript',
    file: 'index.ts',
    source: 'pulumi.getOrganization()',
  },
  {
    shape: 'a Role resource passed itself as role:',
    program: 'aws-ts-lambda-secrets',
    file: 'index.ts',
    source: 'role: role,\n    policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole',
  },
];

test.each(SHAPES)('the set keeps $shape ($program)', ({ program, file, source, absent }) => {
  const dir = path.join(PROGRAMS, program);
  expect(fs.readFileSync(path.join(dir, file), 'utf8')).toContain(source);
  if (absent) expect(fs.existsSync(path.join(dir, absent))).toBe(false);
});

const CASES_BY_MODE = MODES.flatMap(({ mode }) => CASES.map((c) => ({ ...c, mode })));

describe.each(CASES_BY_MODE)('$program at $mode', (c) => {
  const { program, mode, resources, code, agents } = c;
  test(`a complete verdict: exit ${code}, ${resources} resources, ${agents} agents`, () => {
    const run = runs.get(key(program, mode))!;
    // Nothing on stderr: no failure, and at update no output a program reads left undefined.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.resources).toBe(resources);
    expect(report.summary.agents).toBe(agents);
    expect(report.inventory).toHaveLength(agents);
    expect(report.summary.passed).toBe(code === 0);
    if (code === 0) expect(report.summary.mandatory).toBe(0);
    if (c.violations) {
      const expected = Array.isArray(c.violations)
        ? c.violations
        : c.violations[mode as 'preview' | 'update'];
      expect(report.violations.map((v) => `${v.policy} ${v.enforcementLevel}`)).toEqual(expected);
    }
  });
});

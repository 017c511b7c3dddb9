import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentAiWorkloadDeclared } from '../../../policy-pack/policies/ai-workload-declared';
import {
  ACCOUNT_ID,
  advisory,
  compliantAgent,
  compliantConfig,
  mandatory,
  resource,
  roleArn,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';

useFixtureClockInEachTest();

const DECLARE =
  'declare it through the Agent component (`runtime` says where it runs) and pass `agent.roleArn` to the resource, or tag the role with agent:name, agent:owner, agent:purpose and agent:expires-on so the pack judges it as an agent';
const KNOWN_CALLER_HINT =
  ' If it calls models but is not an agent, list it under knownModelCallers in the policy-pack config with a reason.';

const trust = (service: string, condition?: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
const policy = (actions: string[], resources: string[] = ['*']) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }],
  });

function role(name: string, props: Record<string, unknown>): AnalyzedResource {
  return resource(RESOURCE_TYPES.role, name, {
    name,
    path: '/',
    arn: roleArn(name),
    ...props,
  });
}

const lambdaRole = (actions: string[]) =>
  role('summariser-role', {
    assumeRolePolicy: trust('lambda.amazonaws.com'),
    inlinePolicies: [{ name: 'models', policy: policy(actions) }],
  });

describe('agent-ai-workload-declared', () => {
  test('a Lambda role that can invoke a model, undeclared, is refused with the grant named', async () => {
    const r = lambdaRole(['bedrock:InvokeModel', 'logs:PutLogEvents']);
    expect(await verdictsOf(agentAiWorkloadDeclared, [r])).toEqual([
      mandatory(
        r.urn,
        `Role "summariser-role" is an undeclared AI workload: it can invoke models (bedrock:InvokeModel in inline:models). Declare it: ${DECLARE}.${KNOWN_CALLER_HINT}`,
      ),
    ]);
  });

  test.each([
    ['bedrock:*', 'bedrock:*'],
    ['bedrock:invoke*', 'bedrock:invoke*'],
    ['*:InvokeModel', '*:InvokeModel'],
    ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntime'],
    ['qbusiness:ChatSync', 'qbusiness:ChatSync'],
  ])('%s is a model-invoking grant', async (action, named) => {
    const r = lambdaRole([action]);
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [r]);
    expect(v.enforcementLevel).toBe('mandatory');
    expect(v.message).toContain(`it can invoke models (${named} in inline:models)`);
  });

  test.each([['*'], ['*:*'], ['s3:GetObject'], ['sagemaker:InvokeEndpoint']])(
    '%s is no sign of an AI workload',
    async (action) => {
      expect(await verdictsOf(agentAiWorkloadDeclared, [lambdaRole([action])])).toEqual([]);
    },
  );

  test('a managed policy attached by a separate resource counts (AmazonBedrockFullAccess)', async () => {
    const r = role('kb-role', { assumeRolePolicy: trust('lambda.amazonaws.com') });
    const attachment = resource(RESOURCE_TYPES.rolePolicyAttachment, 'kb-bedrock', {
      role: 'kb-role',
      policyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess',
    });
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [r, attachment]);
    expect(v).toEqual(
      mandatory(
        r.urn,
        expect.stringContaining(
          'Role "kb-role" is an undeclared AI workload: it can invoke models (',
        ) as unknown as string,
      ),
    );
    expect(v.message).toContain('in arn:aws:iam::aws:policy/AmazonBedrockFullAccess');
  });

  test('an AgentCore runtime running with an undeclared role: the resource and the trust are named', async () => {
    const r = role('runtime-role', {
      assumeRolePolicy: trust('bedrock-agentcore.amazonaws.com'),
      inlinePolicies: [{ name: 'ecr', policy: policy(['ecr:BatchGetImage']) }],
    });
    const runtime = resource('aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime', 'basic', {
      agentRuntimeName: 'basic',
      roleArn: roleArn('runtime-role'),
    });
    expect(await verdictsOf(agentAiWorkloadDeclared, [r, runtime])).toEqual([
      mandatory(
        r.urn,
        'Role "runtime-role" is an undeclared AI workload: Bedrock AgentCore runtime "basic" runs with it (roleArn); its trust policy admits bedrock-agentcore.amazonaws.com. Declare it: new Agent(name, { fleet, runtime: "agentcore-runtime", owner, purpose, expiresOn, permissions }) and new aws.bedrock.AgentcoreAgentRuntime(name, { roleArn: agent.roleArn, ... }).',
      ),
    ]);
  });

  test('at preview, a new role’s ARN is traced through propertyDependencies', async () => {
    const r = role('agent-role', { assumeRolePolicy: trust('ec2.amazonaws.com'), arn: UNKNOWN });
    const bedrockAgent = {
      ...resource('aws:bedrock/agentAgent:AgentAgent', 'helper', {
        agentName: 'helper',
        agentResourceRoleArn: UNKNOWN,
      }),
      propertyDependencies: { agentResourceRoleArn: [r.urn] },
    };
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [r, bedrockAgent]);
    expect(v).toEqual(
      mandatory(
        r.urn,
        'Role "agent-role" is an undeclared AI workload: Amazon Bedrock agent "helper" runs with it (agentResourceRoleArn). Declare it: new Agent(name, { fleet, runtime: "bedrock-agent", owner, purpose, expiresOn, permissions }) and new aws.bedrock.AgentAgent(name, { agentResourceRoleArn: agent.roleArn, ... }).',
      ),
    );
  });

  test('a declared agent (agent:name tag) is left to the other policies', async () => {
    expect(await verdictsOf(agentAiWorkloadDeclared, compliantAgent())).toEqual([]);
    const r = lambdaRole(['bedrock:InvokeModel']);
    r.props.tags = { 'agent:name': 'summariser' };
    expect(await verdictsOf(agentAiWorkloadDeclared, [r])).toEqual([]);
  });

  test('a known model caller is excused for its grant only, and said so on every run', async () => {
    const config = {
      ...compliantConfig,
      knownModelCallers: [
        { role: 'summariser-role', reason: 'Nightly batch summary, no autonomy' },
      ],
    };
    const r = lambdaRole(['bedrock:InvokeModel']);
    expect(await verdictsOf(agentAiWorkloadDeclared, [r], config)).toEqual([
      advisory(
        r.urn,
        'Role "summariser-role" invokes models and is listed under knownModelCallers as not an agent: Nightly batch summary, no autonomy.',
      ),
    ]);
    // The list cannot excuse a role that trusts an AI service.
    const agentRole = role('summariser-role', {
      assumeRolePolicy: trust('bedrock.amazonaws.com'),
      inlinePolicies: [{ name: 'models', policy: policy(['bedrock:InvokeModel']) }],
    });
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [agentRole], config);
    expect(v.enforcementLevel).toBe('mandatory');
    expect(v.message).toContain('its trust policy admits bedrock.amazonaws.com');
  });

  test('a role whose policy is unknown at preview gets an advisory, never silence', async () => {
    const r = role('worker-role', {
      assumeRolePolicy: trust('lambda.amazonaws.com'),
      inlinePolicies: [{ name: 'work', policy: UNKNOWN }],
    });
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [r]);
    expect(v.enforcementLevel).toBe('advisory');
    expect(v.message).toMatch(
      /^Role "worker-role": whether it can invoke models is unknown at preview \(.+\); write its policies as objects or from names known at preview so the gate sees them before the role exists\.$/,
    );
  });

  test('an AI-agent resource running with a role this stack does not declare is refused; the stack’s namesake role is not it', async () => {
    const r = role('runtime-role', { assumeRolePolicy: trust('ecs-tasks.amazonaws.com') });
    const other = `arn:aws:iam::${String(Number(ACCOUNT_ID) + 1).padStart(12, '0')}:role/runtime-role`;
    const runtime = resource('aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime', 'x', {
      roleArn: other,
    });
    expect(await verdictsOf(agentAiWorkloadDeclared, [r, runtime])).toEqual([
      mandatory(
        runtime.urn,
        `Bedrock AgentCore runtime "x" runs with role "${other}" (roleArn), which this stack does not declare, so the pack cannot see who owns it or what it can do; declare its role here: new Agent(name, { fleet, runtime: "agentcore-runtime", owner, purpose, expiresOn, permissions }) and new aws.bedrock.AgentcoreAgentRuntime(name, { roleArn: agent.roleArn, ... }).`,
      ),
    ]);
  });

  test.each([
    { type: 'aws:bedrock/agentcoreBrowser:AgentcoreBrowser', props: {} },
    { type: 'aws:bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter', props: {} },
    { type: 'aws:bedrock/agentcoreBrowser:AgentcoreBrowser', props: { executionRoleArn: '' } },
  ])('$type given no role ($props) assumes none: nothing to declare', async ({ type, props }) => {
    const tool = resource(type, 'tool', {
      networkConfiguration: { networkMode: 'PUBLIC' },
      ...props,
    });
    expect(await verdictsOf(agentAiWorkloadDeclared, [tool])).toEqual([]);
  });

  test('a role argument that is not an ARN string is still refused, quoted as given', async () => {
    const tool = resource('aws:bedrock/agentcoreBrowser:AgentcoreBrowser', 'tool', {
      executionRoleArn: 42,
    });
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [tool]);
    expect(v.enforcementLevel).toBe('mandatory');
    expect(v.message).toMatch(
      /^Bedrock AgentCore browser "tool" runs with role 42 \(executionRoleArn\), which this stack does not declare/,
    );
  });

  test('an AI-agent resource whose role is unknown at preview and traces to no role of the stack fails closed', async () => {
    const bedrockAgent = resource('aws:bedrock/agentAgent:AgentAgent', 'helper', {
      agentResourceRoleArn: UNKNOWN,
    });
    const [v] = await verdictsOf(agentAiWorkloadDeclared, [bedrockAgent]);
    expect(v.enforcementLevel).toBe('mandatory');
    expect(v.urn).toBe(bedrockAgent.urn);
    expect(v.message).toContain(
      'the role Amazon Bedrock agent "helper" runs with (agentResourceRoleArn)',
    );
  });

  describe('AI resources that run with a role but are no agent runtime', () => {
    const OUTSIDE = `arn:aws:iam::${ACCOUNT_ID}:role/ops-admin`;
    const DECLARE_ROLE = (argument: string) =>
      `an aws.iam.Role tagged agent:name, agent:owner, agent:purpose and agent:expires-on, trusting only the service that runs it, passed as ${argument}`;

    test.each<{ title: string; type: string; argument: string }>([
      {
        title: 'Amazon Bedrock flow',
        type: 'aws:bedrock/agentFlow:AgentFlow',
        argument: 'executionRoleArn',
      },
      {
        title: 'Amazon Bedrock knowledge base',
        type: 'aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase',
        argument: 'roleArn',
      },
      {
        title: 'Bedrock AgentCore memory',
        type: 'aws:bedrock/agentcoreMemory:AgentcoreMemory',
        argument: 'memoryExecutionRoleArn',
      },
      {
        title: 'Amazon Q Business application',
        type: 'aws:qbusiness/application:Application',
        argument: 'iamServiceRoleArn',
      },
    ])(
      'a $title running with a role this stack does not declare is refused',
      async ({ title, type, argument }) => {
        const r = resource(type, 'x', { [argument]: OUTSIDE });
        expect(await verdictsOf(agentAiWorkloadDeclared, [r])).toEqual([
          mandatory(
            r.urn,
            `${title} "x" runs with role "${OUTSIDE}" (${argument}), which this stack does not declare, so the pack cannot see who owns it or what it can do; declare its role here: ${DECLARE_ROLE(argument)}.`,
          ),
        ]);
      },
    );

    test('an undeclared role of the stack that a flow runs with is an AI workload, naming the flow', async () => {
      const r = role('flow-role', { assumeRolePolicy: trust('lambda.amazonaws.com') });
      const flow = resource('aws:bedrock/agentFlow:AgentFlow', 'triage', {
        executionRoleArn: roleArn('flow-role'),
      });
      expect(await verdictsOf(agentAiWorkloadDeclared, [r, flow])).toEqual([
        mandatory(
          r.urn,
          `Role "flow-role" is an undeclared AI workload: Amazon Bedrock flow "triage" runs with it (executionRoleArn). Declare it: ${DECLARE}.`,
        ),
      ]);
    });

    test('a flow whose role is unknown at preview and traces to no role of the stack fails closed', async () => {
      const flow = resource('aws:bedrock/agentFlow:AgentFlow', 'later', {
        executionRoleArn: UNKNOWN,
      });
      const [v] = await verdictsOf(agentAiWorkloadDeclared, [flow]);
      expect(v.enforcementLevel).toBe('mandatory');
      expect(v.message).toContain(
        'the role Amazon Bedrock flow "later" runs with (executionRoleArn)',
      );
    });
  });

  describe('IAM users that can invoke models', () => {
    const user = (name: string) => resource(RESOURCE_TYPES.user, name, { name });
    const USER_FIX =
      'Run it as an agent instead: a role declared through the Agent component, with short-lived credentials from Vault; then remove the model grants from the user, or delete the user.';

    test('a user with an inline model grant is an undeclared AI workload', async () => {
      const u = user('chatbot');
      const inline = resource(RESOURCE_TYPES.userPolicy, 'chatbot-models', {
        user: 'chatbot',
        policy: policy(['bedrock:InvokeModel', 's3:GetObject']),
      });
      expect(await verdictsOf(agentAiWorkloadDeclared, [u, inline])).toEqual([
        mandatory(
          u.urn,
          `IAM user "chatbot" is an undeclared AI workload with long-lived credentials: it can invoke models (bedrock:InvokeModel in userPolicy:chatbot-models). ${USER_FIX}`,
        ),
      ]);
    });

    test('a user whose group (UserGroupMembership, named in another case) has AmazonBedrockFullAccess', async () => {
      const u = user('Summariser');
      const group = resource(RESOURCE_TYPES.group, 'ai-users', { name: 'ai-users' });
      const membership = resource(RESOURCE_TYPES.userGroupMembership, 'm', {
        user: 'summariser',
        groups: ['AI-Users'],
      });
      const attachment = resource(RESOURCE_TYPES.groupPolicyAttachment, 'bedrock', {
        group: 'ai-users',
        policyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess',
      });
      const [v] = await verdictsOf(agentAiWorkloadDeclared, [u, group, membership, attachment]);
      expect(v).toEqual(
        mandatory(
          u.urn,
          `IAM user "Summariser" is an undeclared AI workload with long-lived credentials: it can invoke models (bedrock:* in arn:aws:iam::aws:policy/AmazonBedrockFullAccess). ${USER_FIX}`,
        ),
      );
    });

    test('a user in a group (GroupMembership) given a customer policy by PolicyAttachment', async () => {
      const u = user('writer');
      const customer = resource(RESOURCE_TYPES.policy, 'models', {
        name: 'models',
        path: '/',
        arn: `arn:aws:iam::${ACCOUNT_ID}:policy/models`,
        policy: policy(['bedrock:Converse*', 'bedrock:InvokeModelWithResponseStream']),
      });
      const membership = resource(RESOURCE_TYPES.groupMembership, 'm', {
        group: `arn:aws:iam::${ACCOUNT_ID}:group/team/writers`,
        users: ['writer'],
      });
      const attachment = resource(RESOURCE_TYPES.policyAttachment, 'a', {
        groups: ['writers'],
        policyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/models`,
      });
      expect(
        await verdictsOf(agentAiWorkloadDeclared, [u, customer, membership, attachment]),
      ).toEqual([
        mandatory(
          u.urn,
          `IAM user "writer" is an undeclared AI workload with long-lived credentials: it can invoke models (bedrock:InvokeModelWithResponseStream in policy:models). ${USER_FIX}`,
        ),
      ]);
    });

    test('a user given a model grant through UserPolicyAttachmentsExclusive', async () => {
      const u = user('bot');
      const exclusive = resource(RESOURCE_TYPES.userPolicyAttachmentsExclusive, 'x', {
        userName: 'bot',
        policyArns: ['arn:aws:iam::aws:policy/AmazonBedrockFullAccess'],
      });
      const [v] = await verdictsOf(agentAiWorkloadDeclared, [u, exclusive]);
      expect(v?.urn).toBe(u.urn);
      expect(v?.enforcementLevel).toBe('mandatory');
    });

    test('a user without model grants, and another user’s model grant, leave it alone', async () => {
      const u = user('deployer');
      const other = resource(RESOURCE_TYPES.userPolicy, 'p', {
        user: 'someone-else',
        policy: policy(['bedrock:InvokeModel']),
      });
      const own = resource(RESOURCE_TYPES.userPolicy, 'q', {
        user: 'deployer',
        policy: policy(['s3:PutObject']),
      });
      expect(await verdictsOf(agentAiWorkloadDeclared, [u, other, own])).toEqual([]);
    });

    test('a user whose attached policy is unknown at preview gets an advisory', async () => {
      const u = user('later');
      const attachment = resource(RESOURCE_TYPES.userPolicyAttachment, 'a', {
        user: 'later',
        policyArn: UNKNOWN,
      });
      expect(await verdictsOf(agentAiWorkloadDeclared, [u, attachment])).toEqual([
        advisory(
          u.urn,
          'IAM user "later": whether it can invoke models is unknown at preview (the policy ARN attached by userPolicyAttachment:a); write its policies as objects or from names known at preview so the gate sees them before the user exists.',
        ),
      ]);
    });
  });
});

/**
 * The mock providers' answers that real programs read back: data sources that look up existing
 * infrastructure, and the outputs AWS computes on create. Unknown at preview, realistic at update,
 * and an invoke with no offline answer still fails naming its token.
 */
import { answerInvoke, checkedInputs, providerOutputs } from '../../offline/mock-provider';
import { UNKNOWN } from '../../offline/policy-internals';

const CTX = { account: '123456789012', region: 'us-west-2', partition: 'aws', preview: false };
const URN = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

function created(type: string, name: string, inputs: Record<string, unknown>, preview = false) {
  const urn = URN(type, name);
  const checked = checkedInputs(type, name, urn, inputs);
  return providerOutputs(type, name, urn, checked, { ...CTX, preview });
}

describe('data sources that look up existing infrastructure', () => {
  test('rds.getCluster answers the named cluster, its subnet group and port', () => {
    const cluster = answerInvoke(
      'aws:rds/getCluster:getCluster',
      { clusterIdentifier: 'orders' },
      CTX,
    );
    expect(cluster).toMatchObject({
      id: 'orders',
      arn: 'arn:aws:rds:us-west-2:123456789012:cluster:orders',
      dbSubnetGroupName: 'orders-subnet-group',
      engine: 'aurora-postgresql',
      port: 5432,
    });
    expect(cluster.endpoint).toMatch(
      /^orders\.cluster-[0-9a-f]{12}\.us-west-2\.rds\.amazonaws\.com$/,
    );
    expect(cluster.vpcSecurityGroupIds).toEqual([expect.stringMatching(/^sg-[0-9a-f]{17}$/)]);
  });

  test('rds.getSubnetGroup answers three subnets of the default VPC', () => {
    const group = answerInvoke('aws:rds/getSubnetGroup:getSubnetGroup', { name: 'orders' }, CTX);
    const vpc = answerInvoke('aws:ec2/getVpc:getVpc', { default: true }, CTX);
    expect(group).toMatchObject({ id: 'orders', name: 'orders', vpcId: vpc.id });
    expect(group.subnetIds).toEqual([
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
    ]);
  });

  test('s3.getObject answers the object metadata and keeps a requested version', () => {
    const object = answerInvoke(
      'aws:s3/getObject:getObject',
      { bucket: 'artifacts', key: 'lambda/latest.zip', versionId: 'v1' },
      CTX,
    );
    expect(object).toMatchObject({
      bucket: 'artifacts',
      key: 'lambda/latest.zip',
      arn: 'arn:aws:s3:::artifacts/lambda/latest.zip',
      versionId: 'v1',
    });
  });

  test.each([
    {
      token: 'aws:ecr/getAuthorizationToken:getAuthorizationToken',
      args: { registryId: '210987654321' },
      endpoint: 'https://210987654321.dkr.ecr.us-west-2.amazonaws.com',
    },
    {
      token: 'aws:ecr/getAuthorizationToken:getAuthorizationToken',
      args: {},
      endpoint: 'https://123456789012.dkr.ecr.us-west-2.amazonaws.com',
    },
    {
      token: 'aws:ecr/getCredentials:getCredentials',
      args: { registryId: '210987654321' },
      endpoint: 'https://210987654321.dkr.ecr.us-west-2.amazonaws.com',
    },
    {
      token: 'aws:ecrpublic/getAuthorizationToken:getAuthorizationToken',
      args: {},
      endpoint: undefined,
    },
  ])('$token answers a placeholder login for $args', ({ token, args, endpoint }) => {
    const login = answerInvoke(token, args, CTX);
    const password = 'offline-check-placeholder-not-a-credential';
    expect(login).toMatchObject({ id: 'us-west-2', userName: 'AWS', password });
    // The token is base64 of user:password, as Docker reads it.
    expect(Buffer.from(login.authorizationToken as string, 'base64').toString()).toBe(
      `AWS:${password}`,
    );
    expect(login.proxyEndpoint).toBe(endpoint);
  });

  test('route53.getZone answers the named zone (no trailing dot), a stable id and its ARN', () => {
    const zone = answerInvoke('aws:route53/getZone:getZone', { name: 'example.net.' }, CTX);
    expect(zone).toMatchObject({ name: 'example.net', privateZone: false });
    expect(zone.zoneId).toMatch(/^Z[0-9A-F]{20}$/);
    expect(zone.id).toBe(zone.zoneId);
    expect(zone.arn).toBe(`arn:aws:route53:::hostedzone/${zone.zoneId as string}`);
    expect(zone.nameServers).toHaveLength(4);
    // The same name answers the same zone; a private zone of that name is another one.
    expect(answerInvoke('aws:route53/getZone:getZone', { name: 'example.net' }, CTX).zoneId).toBe(
      zone.zoneId,
    );
    const inVpc = { name: 'example.net', privateZone: true, vpcId: 'vpc-1' };
    const privateZone = answerInvoke('aws:route53/getZone:getZone', inVpc, CTX);
    expect(privateZone).toMatchObject({ privateZone: true, vpcId: 'vpc-1' });
    expect(privateZone.zoneId).not.toBe(zone.zoneId);
  });

  test('route53.getZone by id keeps the id', () => {
    const zone = answerInvoke('aws:route53/getZone:getZone', { zoneId: 'Z1D633PJN98FT9' }, CTX);
    expect(zone).toMatchObject({
      id: 'Z1D633PJN98FT9',
      zoneId: 'Z1D633PJN98FT9',
      arn: 'arn:aws:route53:::hostedzone/Z1D633PJN98FT9',
    });
  });

  test('an invoke with no offline answer fails naming its token', () => {
    expect(() =>
      answerInvoke('aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider', {}, CTX),
    ).toThrow(/"aws:iam\/getOpenIdConnectProvider:getOpenIdConnectProvider"/);
  });
});

const OUTPUTS = [
  {
    case: 'a REST API stage has its invoke URL',
    type: 'aws:apigateway/stage:Stage',
    inputs: { restApi: 'a1b2c3d4e5', stageName: 'dev' },
    field: 'invokeUrl',
    expected: 'https://a1b2c3d4e5.execute-api.us-west-2.amazonaws.com/dev',
  },
  {
    case: 'an HTTP API stage $default has the bare invoke URL',
    type: 'aws:apigatewayv2/stage:Stage',
    inputs: { apiId: 'a1b2c3d4e5', name: '$default' },
    field: 'invokeUrl',
    expected: 'https://a1b2c3d4e5.execute-api.us-west-2.amazonaws.com/',
  },
  {
    case: 'a Lambda function has its API Gateway invoke ARN',
    type: 'aws:lambda/function:Function',
    inputs: { name: 'handler' },
    field: 'invokeArn',
    expected:
      'arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:handler/invocations',
  },
  {
    case: 'an autonamed ECS cluster has its name in its ARN',
    type: 'aws:ecs/cluster:Cluster',
    inputs: {},
    field: 'arn',
    expected: /^arn:aws:ecs:us-west-2:123456789012:cluster\/web-[0-9a-f]{7}$/,
  },
  {
    case: 'an autonamed RDS instance has a DNS address',
    type: 'aws:rds/instance:Instance',
    inputs: { port: 3306 },
    field: 'endpoint',
    expected: /^web-[0-9a-f]{7}\.[a-z0-9]{12}\.us-west-2\.rds\.amazonaws\.com:3306$/,
  },
  {
    case: 'an AppSync API has its GraphQL URI',
    type: 'aws:appsync/graphQLApi:GraphQLApi',
    inputs: {},
    field: 'uris',
    expected: {
      GRAPHQL: expect.stringMatching(
        /^https:\/\/[a-z0-9]{26}\.appsync-api\.us-west-2\.amazonaws\.com\/graphql$/,
      ),
      REALTIME: expect.stringMatching(/^wss:\/\/[a-z0-9]{26}\.appsync-realtime-api\./),
    },
  },
  {
    case: 'a Lambda function URL has its URL',
    type: 'aws:lambda/functionUrl:FunctionUrl',
    inputs: { functionName: 'handler' },
    field: 'functionUrl',
    expected: /^https:\/\/[a-z0-9]{32}\.lambda-url\.us-west-2\.on\.aws\/$/,
  },
  {
    case: 'a CloudTrail trail has its ARN in its home region',
    type: 'aws:cloudtrail/trail:Trail',
    inputs: { name: 'agent-audit' },
    field: 'arn',
    expected: 'arn:aws:cloudtrail:us-west-2:123456789012:trail/agent-audit',
  },
  {
    case: 'an autonamed CloudWatch alarm has its name in its ARN',
    type: 'aws:cloudwatch/metricAlarm:MetricAlarm',
    inputs: {},
    field: 'arn',
    expected: /^arn:aws:cloudwatch:us-west-2:123456789012:alarm:web-[0-9a-f]{7}$/,
  },
];

describe.each(OUTPUTS)('$case', ({ type, inputs, field, expected }) => {
  test('known at update', () => {
    const { state } = created(type, 'web', inputs);
    if (expected instanceof RegExp) expect(state[field]).toMatch(expected);
    else if (typeof expected === 'string') expect(state[field]).toBe(expected);
    else expect(state[field]).toEqual(expected);
  });

  test('unknown at preview', () => {
    const { id, state } = created(type, 'web', inputs, true);
    expect(id).toBe('');
    expect(state[field]).toBe(UNKNOWN);
  });
});

/**
 * Computed outputs of the AWS resources, outside IAM, that real programs read back most: the URLs,
 * endpoints, ids and ARNs an API, a database, a cluster or a load balancer only gets once created.
 * Field names are those of `@pulumi/aws` 7.x; formats are AWS's (API Gateway: "Invoking a REST
 * API" and "Working with HTTP APIs"; AppSync: "GraphQL and real-time endpoints"; Lambda: "Function
 * URLs"; RDS: "Connecting to a DB instance"; ELB: "DNS name"; each service's "Resource types"
 * page in the Service Authorization Reference for the ARNs). Every value here is unknown at
 * preview; at update it is stable for a given resource.
 */
import { from, stableAlphanumeric, stableSuffix } from './provider-values';

type Props = Record<string, unknown>;

export interface ServiceContext {
  account: string;
  region: string;
  partition: string;
}

type Outputs = (props: Props, urn: string, ctx: ServiceContext) => Props;

const executeApiHost = (id: string, region: string) => `${id}.execute-api.${region}.amazonaws.com`;

const OUTPUTS: Record<string, Outputs> = {
  'aws:apigateway/restApi:RestApi': (_props, urn, { account, region, partition }) => {
    const id = stableAlphanumeric(urn, 10);
    return {
      id,
      rootResourceId: stableAlphanumeric(`${urn}/`, 10),
      arn: `arn:${partition}:apigateway:${region}::/restapis/${id}`,
      executionArn: `arn:${partition}:execute-api:${region}:${account}:${id}`,
      createdDate: '2026-01-01T00:00:00Z',
    };
  },
  'aws:apigateway/resource:Resource': (props, urn) => ({
    id: stableAlphanumeric(urn, 6),
    path: from([props.pathPart], (p) => `/${p}`),
  }),
  'aws:apigateway/deployment:Deployment': (_props, urn) => ({
    id: stableAlphanumeric(urn, 6),
    createdDate: '2026-01-01T00:00:00Z',
  }),
  'aws:apigateway/stage:Stage': (props, _urn, { account, region, partition }) => ({
    id: from([props.restApi, props.stageName], (api, stage) => `ags-${api}-${stage}`),
    arn: from(
      [props.restApi, props.stageName],
      (api, stage) => `arn:${partition}:apigateway:${region}::/restapis/${api}/stages/${stage}`,
    ),
    invokeUrl: from(
      [props.restApi, props.stageName],
      (api, stage) => `https://${executeApiHost(api, region)}/${stage}`,
    ),
    executionArn: from(
      [props.restApi, props.stageName],
      (api, stage) => `arn:${partition}:execute-api:${region}:${account}:${api}/${stage}`,
    ),
  }),
  'aws:apigatewayv2/api:Api': (props, urn, { account, region, partition }) => {
    const id = stableAlphanumeric(urn, 10);
    const scheme = props.protocolType === 'WEBSOCKET' ? 'wss' : 'https';
    return {
      id,
      apiEndpoint: `${scheme}://${executeApiHost(id, region)}`,
      arn: `arn:${partition}:apigateway:${region}::/apis/${id}`,
      executionArn: `arn:${partition}:execute-api:${region}:${account}:${id}`,
    };
  },
  'aws:apigatewayv2/stage:Stage': (props, _urn, { account, region, partition }) => ({
    id: props.name,
    arn: from(
      [props.apiId, props.name],
      (api, stage) => `arn:${partition}:apigateway:${region}::/apis/${api}/stages/${stage}`,
    ),
    invokeUrl: from([props.apiId, props.name], (api, stage) =>
      stage === '$default'
        ? `https://${executeApiHost(api, region)}/`
        : `https://${executeApiHost(api, region)}/${stage}`,
    ),
    executionArn: from(
      [props.apiId, props.name],
      (api, stage) => `arn:${partition}:execute-api:${region}:${account}:${api}/${stage}`,
    ),
  }),
  'aws:appsync/graphQLApi:GraphQLApi': (_props, urn, { account, region, partition }) => {
    const id = stableAlphanumeric(urn, 26);
    const host = stableAlphanumeric(`${urn}#host`, 26);
    return {
      id,
      arn: `arn:${partition}:appsync:${region}:${account}:apis/${id}`,
      uris: {
        GRAPHQL: `https://${host}.appsync-api.${region}.amazonaws.com/graphql`,
        REALTIME: `wss://${host}.appsync-realtime-api.${region}.amazonaws.com/graphql`,
      },
    };
  },
  'aws:appsync/apiKey:ApiKey': (props, urn) => {
    const keyId = `da2-${stableAlphanumeric(urn, 26)}`;
    return { id: from([props.apiId], (api) => `${api}:${keyId}`), key: keyId };
  },
  'aws:lambda/functionUrl:FunctionUrl': (props, urn, { region }) => {
    const urlId = stableAlphanumeric(urn, 32);
    return {
      id: props.functionName,
      urlId,
      functionUrl: `https://${urlId}.lambda-url.${region}.on.aws/`,
    };
  },
  'aws:rds/instance:Instance': (props, urn, { account, region, partition }) => {
    const address = from(
      [props.identifier],
      (id) => `${id}.${stableAlphanumeric(`${account}${region}`, 12)}.${region}.rds.amazonaws.com`,
    );
    const port = typeof props.port === 'number' ? props.port : 3306;
    return {
      id: stableUpper(urn),
      arn: from([props.identifier], (id) => `arn:${partition}:rds:${region}:${account}:db:${id}`),
      address,
      endpoint: from([address], (a) => `${a}:${port}`),
      resourceId: `db-${stableUpper(urn)}`,
    };
  },
  'aws:ecs/cluster:Cluster': (props, _urn, { account, region, partition }) => {
    const arn = from([props.name], (n) => `arn:${partition}:ecs:${region}:${account}:cluster/${n}`);
    return { id: arn, arn };
  },
  'aws:lb/loadBalancer:LoadBalancer': (props, urn, { account, region, partition }) => {
    const arn = from(
      [props.name],
      (n) =>
        `arn:${partition}:elasticloadbalancing:${region}:${account}:loadbalancer/app/${n}/${stableSuffix(urn, 16)}`,
    );
    return {
      id: arn,
      arn,
      dnsName: from(
        [props.name],
        (n) => `${n}-${parseInt(stableSuffix(urn, 8), 16)}.${region}.elb.amazonaws.com`,
      ),
      zoneId: 'Z35SXDOTRQ7X7K',
    };
  },
  'aws:cloudwatch/eventBus:EventBus': (props, _urn, { account, region, partition }) => ({
    id: props.name,
    arn: from([props.name], (n) => `arn:${partition}:events:${region}:${account}:event-bus/${n}`),
  }),
  'aws:cloudwatch/eventRule:EventRule': (props, _urn, { account, region, partition }) => {
    const bus = props.eventBusName ?? 'default';
    return {
      id: from([bus, props.name], (b, n) => (b === 'default' ? n : `${b}/${n}`)),
      arn: from([bus, props.name], (b, n) =>
        b === 'default'
          ? `arn:${partition}:events:${region}:${account}:rule/${n}`
          : `arn:${partition}:events:${region}:${account}:rule/${b}/${n}`,
      ),
    };
  },
  'aws:secretsmanager/secret:Secret': (props, urn, { account, region, partition }) => {
    const arn = from(
      [props.name],
      (n) =>
        `arn:${partition}:secretsmanager:${region}:${account}:secret:${n}-${stableAlphanumeric(urn, 6)}`,
    );
    return { id: arn, arn };
  },
  'aws:sfn/stateMachine:StateMachine': (props, _urn, { account, region, partition }) => {
    const arn = from(
      [props.name],
      (n) => `arn:${partition}:states:${region}:${account}:stateMachine:${n}`,
    );
    return { id: arn, arn, creationDate: '2026-01-01T00:00:00Z' };
  },
  'aws:synthetics/canary:Canary': (props, _urn, { account, region, partition }) => ({
    id: props.name,
    arn: from([props.name], (n) => `arn:${partition}:synthetics:${region}:${account}:canary:${n}`),
  }),
  'aws:cloudwatch/logGroup:LogGroup': (props, _urn, { account, region, partition }) => ({
    id: props.name,
    arn: from([props.name], (n) => `arn:${partition}:logs:${region}:${account}:log-group:${n}`),
  }),
  // The audit trail's resources (CloudTrail API Reference, `Trail.TrailARN`; CloudWatch's
  // "Resource types": `alarm:<name>`). The provider's id of a trail is its ARN.
  'aws:cloudtrail/trail:Trail': (props, _urn, { account, region, partition }) => {
    const arn = from(
      [props.name],
      (n) => `arn:${partition}:cloudtrail:${region}:${account}:trail/${n}`,
    );
    return { id: arn, arn, homeRegion: region };
  },
  'aws:cloudwatch/metricAlarm:MetricAlarm': (props, _urn, { account, region, partition }) => ({
    id: props.name,
    arn: from([props.name], (n) => `arn:${partition}:cloudwatch:${region}:${account}:alarm:${n}`),
  }),
  'aws:ec2/securityGroup:SecurityGroup': (_props, urn, { account, region, partition }) => {
    const id = `sg-${stableSuffix(urn, 17)}`;
    return {
      id,
      arn: `arn:${partition}:ec2:${region}:${account}:security-group/${id}`,
      ownerId: account,
    };
  },
};

function stableUpper(seed: string): string {
  return stableAlphanumeric(seed, 26).toUpperCase();
}

/** The computed outputs of a resource of `type` (its `id` included), or undefined if not modelled. */
export function serviceOutputs(
  type: string,
  urn: string,
  props: Props,
  ctx: ServiceContext,
): Props | undefined {
  const outputs = OUTPUTS[type];
  return outputs ? outputs(props, urn, ctx) : undefined;
}

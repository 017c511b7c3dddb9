/**
 * What the AWS and Vault providers would answer, for the offline check's mock engine.
 *
 * A provider's Check fills in autonamed names and defaults, so those are known even at preview, and
 * the analyzer sees them in a resource's inputs. Its Create computes the rest (ARNs, ids, Vault
 * accessors): unknown at preview, realistic values at update. Only the fields policies and
 * programs read are modelled; every other output echoes the inputs, as the real providers do.
 */
import { answerDataSource, DATA_SOURCE_TOKENS } from './data-sources';
import { UNKNOWN } from './policy-internals';
import { renderPolicyDocument } from './policy-document-render';
import { from, isKnownString, stableSuffix, stableUpper, stableUuid } from './provider-values';
import { serviceOutputs } from './service-outputs';

export { stableSuffix } from './provider-values';

export interface ProviderContext {
  account: string;
  region: string;
  partition: string;
  /** True at preview: computed outputs of new resources are unknown. */
  preview: boolean;
}

type Props = Record<string, unknown>;

/**
 * Types whose physical name the provider generates when the program leaves it out, and the
 * property it lives in (pulumi-aws and pulumi-vault autonaming: `<pulumi name>-<7 hex>`; pulumi-aws
 * autonames the optional `name` of its resources, `provider/resources.go` `SetAutonaming`, and
 * `identifier` for RDS instances).
 */
const AUTONAMED: Record<string, { property: string; prefixProperty?: string }> = {
  'aws:iam/role:Role': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:iam/policy:Policy': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:iam/user:User': { property: 'name' },
  'aws:iam/group:Group': { property: 'name' },
  'aws:iam/rolePolicy:RolePolicy': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:iam/userPolicy:UserPolicy': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:iam/instanceProfile:InstanceProfile': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:s3/bucket:Bucket': { property: 'bucket', prefixProperty: 'bucketPrefix' },
  'aws:s3/bucketV2:BucketV2': { property: 'bucket', prefixProperty: 'bucketPrefix' },
  'aws:sqs/queue:Queue': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:sns/topic:Topic': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:dynamodb/table:Table': { property: 'name' },
  'aws:lambda/function:Function': { property: 'name' },
  'aws:kms/alias:Alias': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:apigateway/restApi:RestApi': { property: 'name' },
  'aws:apigatewayv2/api:Api': { property: 'name' },
  'aws:appsync/graphQLApi:GraphQLApi': { property: 'name' },
  'aws:cloudwatch/eventBus:EventBus': { property: 'name' },
  'aws:cloudwatch/eventRule:EventRule': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:cloudwatch/logGroup:LogGroup': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:cloudwatch/metricAlarm:MetricAlarm': { property: 'name' },
  'aws:cloudwatch/logMetricFilter:LogMetricFilter': { property: 'name' },
  'aws:ec2/securityGroup:SecurityGroup': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:ecs/cluster:Cluster': { property: 'name' },
  'aws:ecs/service:Service': { property: 'name' },
  'aws:lb/loadBalancer:LoadBalancer': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:lb/targetGroup:TargetGroup': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:rds/instance:Instance': { property: 'identifier', prefixProperty: 'identifierPrefix' },
  'aws:secretsmanager/secret:Secret': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:sfn/stateMachine:StateMachine': { property: 'name', prefixProperty: 'namePrefix' },
  'aws:synthetics/canary:Canary': { property: 'name' },
  'vault:index/policy:Policy': { property: 'name' },
  'vault:aws/secretBackendRole:SecretBackendRole': { property: 'name' },
  'vault:aws/secretBackendStaticRole:SecretBackendStaticRole': { property: 'name' },
  'vault:identity/entity:Entity': { property: 'name' },
  'vault:identity/entityAlias:EntityAlias': { property: 'name' },
};

/** Defaults the providers fill in at Check, so the analyzer sees them in inputs. */
const DEFAULTS: Record<string, Props> = {
  'aws:iam/role:Role': { path: '/', maxSessionDuration: 3600, forceDetachPolicies: false },
  'aws:iam/policy:Policy': { path: '/' },
  'aws:iam/user:User': { path: '/', forceDestroy: false },
  'aws:iam/accessKey:AccessKey': { status: 'Active' },
  'vault:aws/secretBackend:SecretBackend': { path: 'aws' },
};

/** The inputs after the provider's Check: autoname and defaults applied. */
export function checkedInputs(type: string, name: string, urn: string, inputs: Props): Props {
  const out: Props = { ...DEFAULTS[type], ...inputs };
  const autoname = AUTONAMED[type];
  if (autoname && out[autoname.property] === undefined) {
    const prefix = autoname.prefixProperty ? out[autoname.prefixProperty] : undefined;
    if (prefix === UNKNOWN) out[autoname.property] = UNKNOWN;
    else {
      const base = typeof prefix === 'string' ? prefix : `${name}-`;
      out[autoname.property] = `${base}${stableSuffix(urn)}`;
    }
  }
  if (type === 'vault:index/authBackend:AuthBackend' && out.path === undefined) {
    out.path = isKnownString(out.type) ? out.type : UNKNOWN;
  }
  return out;
}

function iamPath(props: Props): unknown {
  return props.path === undefined ? '/' : props.path;
}

/** Computed outputs by type; `id` included. Every field here is unknown at preview. */
function computedOutputs(
  type: string,
  name: string,
  urn: string,
  props: Props,
  ctx: ProviderContext,
): Props {
  const { account, region, partition } = ctx;
  const iam = (kind: string) =>
    from(
      [iamPath(props), props.name],
      (p, n) => `arn:${partition}:iam::${account}:${kind}${p}${n}`,
    );
  switch (type) {
    case 'aws:iam/role:Role':
      return {
        id: props.name,
        arn: iam('role'),
        uniqueId: stableUpper('AROA', urn),
        createDate: '2026-01-01T00:00:00Z',
      };
    case 'aws:iam/user:User':
      return { id: props.name, arn: iam('user'), uniqueId: stableUpper('AIDA', urn) };
    case 'aws:iam/group:Group':
      return { id: props.name, arn: iam('group'), uniqueId: stableUpper('AGPA', urn) };
    case 'aws:iam/policy:Policy': {
      const arn = iam('policy');
      return { id: arn, arn, policyId: stableUpper('ANPA', urn), attachmentCount: 0 };
    }
    case 'aws:iam/instanceProfile:InstanceProfile':
      return { id: props.name, arn: iam('instance-profile'), uniqueId: stableUpper('AIPA', urn) };
    case 'aws:iam/rolePolicy:RolePolicy':
      return { id: from([props.role, props.name], (r, n) => `${r}:${n}`) };
    case 'aws:iam/rolePolicyAttachment:RolePolicyAttachment':
      return { id: from([props.role], (r) => `${r}-${stableSuffix(urn, 20)}`) };
    case 'aws:iam/accessKey:AccessKey':
      return {
        id: stableUpper('AKIA', urn).slice(0, 20),
        secret: `mock-secret-${stableSuffix(urn, 32)}`,
        sesSmtpPasswordV4: `mock-smtp-${stableSuffix(urn, 32)}`,
        createDate: '2026-01-01T00:00:00Z',
      };
    case 'aws:s3/bucket:Bucket':
    case 'aws:s3/bucketV2:BucketV2':
      return {
        id: props.bucket,
        arn: from([props.bucket], (b) => `arn:${partition}:s3:::${b}`),
        bucketDomainName: from([props.bucket], (b) => `${b}.s3.amazonaws.com`),
        region,
      };
    case 'aws:sqs/queue:Queue': {
      const url = from([props.name], (n) => `https://sqs.${region}.amazonaws.com/${account}/${n}`);
      return {
        id: url,
        url,
        arn: from([props.name], (n) => `arn:${partition}:sqs:${region}:${account}:${n}`),
      };
    }
    case 'aws:sns/topic:Topic': {
      const arn = from([props.name], (n) => `arn:${partition}:sns:${region}:${account}:${n}`);
      return { id: arn, arn };
    }
    case 'aws:dynamodb/table:Table':
      return {
        id: props.name,
        arn: from([props.name], (n) => `arn:${partition}:dynamodb:${region}:${account}:table/${n}`),
      };
    case 'aws:lambda/function:Function': {
      const arn = from(
        [props.name],
        (n) => `arn:${partition}:lambda:${region}:${account}:function:${n}`,
      );
      // Lambda's "Invoke" ARN for API Gateway integrations (AWS docs, "Lambda proxy integrations").
      const invoke = (fn: string) =>
        `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}/invocations`;
      return {
        id: props.name,
        arn,
        invokeArn: from([arn], invoke),
        qualifiedArn: from([arn], (a) => `${a}:$LATEST`),
        qualifiedInvokeArn: from([arn], (a) => invoke(`${a}:$LATEST`)),
        version: '$LATEST',
      };
    }
    case 'vault:aws/secretBackend:SecretBackend':
      return { id: props.path, accessor: `aws_${stableSuffix(urn, 8)}` };
    case 'vault:index/authBackend:AuthBackend':
      return { id: props.path, accessor: `auth_${String(props.type)}_${stableSuffix(urn, 8)}` };
    case 'vault:index/mount:Mount':
      return { id: props.path, accessor: `${String(props.type)}_${stableSuffix(urn, 8)}` };
    case 'vault:aws/secretBackendRole:SecretBackendRole':
    case 'vault:aws/secretBackendStaticRole:SecretBackendStaticRole':
      return { id: from([props.backend ?? 'aws', props.name], (b, n) => `${b}/roles/${n}`) };
    case 'vault:index/policy:Policy':
      return { id: props.name };
    case 'vault:appRole/authBackendRole:AuthBackendRole':
      return {
        id: from([props.backend ?? 'approle', props.roleName], (b, n) => `auth/${b}/role/${n}`),
        roleId: props.roleId ?? stableUuid(`${urn}#role-id`),
      };
    case 'vault:identity/entity:Entity':
    case 'vault:identity/entityAlias:EntityAlias':
      return { id: stableUuid(urn) };
    default:
      return serviceOutputs(type, urn, props, ctx) ?? { id: `${name}-${stableSuffix(urn)}` };
  }
}

/** The resource's id and output state, as the engine records them after Create (or at preview). */
export function providerOutputs(
  type: string,
  name: string,
  urn: string,
  checked: Props,
  ctx: ProviderContext,
): { id: string; state: Props } {
  const computed = computedOutputs(type, name, urn, checked, ctx);
  const { id, ...rest } = computed;
  const state: Props = { ...checked };
  for (const [key, value] of Object.entries(rest)) {
    if (state[key] !== undefined) continue; // an input always wins over a computed default
    state[key] = ctx.preview ? UNKNOWN : value;
  }
  // At preview the engine has no id for a resource it has not created yet.
  const knownId = isKnownString(id) ? id : '';
  return { id: ctx.preview ? '' : knownId, state };
}

/** Provider functions (invokes) programs commonly call, answered for the mock account. */
export function answerInvoke(token: string, args: Props, ctx: ProviderContext): Props {
  const { account, region, partition } = ctx;
  switch (token) {
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        id: account,
        accountId: account,
        arn: `arn:${partition}:iam::${account}:user/agent-iam-check`,
        userId: 'AIDAAGENTIAMCHECK',
      };
    case 'aws:index/getRegion:getRegion': {
      const name =
        typeof args.region === 'string'
          ? args.region
          : typeof args.name === 'string'
            ? args.name
            : region;
      return {
        id: name,
        name,
        region: name,
        description: name,
        endpoint: `ec2.${name}.amazonaws.com`,
      };
    }
    case 'aws:index/getPartition:getPartition':
      return {
        id: partition,
        partition,
        dnsSuffix: 'amazonaws.com',
        reverseDnsPrefix: 'com.amazonaws',
      };
    case 'aws:iam/getPolicyDocument:getPolicyDocument': {
      const json = JSON.stringify(renderPolicyDocument(args), null, 2);
      return { id: stableSuffix(json, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
    }
    default: {
      const answer = answerDataSource(token, args, ctx);
      if (answer) return answer;
      throw new UnsupportedInvokeError(token);
    }
  }
}

export const SUPPORTED_INVOKES = [
  'aws:index/getCallerIdentity:getCallerIdentity',
  'aws:index/getRegion:getRegion',
  'aws:index/getPartition:getPartition',
  'aws:iam/getPolicyDocument:getPolicyDocument',
  ...DATA_SOURCE_TOKENS,
];

export class UnsupportedInvokeError extends Error {
  constructor(readonly token: string) {
    super(
      `the program calls the provider function "${token}", which the offline check cannot answer ` +
        `without a cloud account (it answers ${SUPPORTED_INVOKES.join(', ')}). ` +
        'Pass the value in as stack config instead, or run a real `pulumi preview`.',
    );
    this.name = 'UnsupportedInvokeError';
  }
}

/**
 * Resource policies of the stack that grant a role: a bucket, key, queue, topic or secret policy,
 * a Lambda permission or an AgentCore resource policy whose statement names the role (or any
 * principal of its account) adds to what the role can do. Each becomes an identity-style document
 * for the engine, its `Principal` dropped and a `*` resource read as the resource the policy is on
 * (a resource policy governs only its own resource).
 *
 * Types and properties from `@pulumi/aws` 7.48 (`s3/bucketPolicy.d.ts`, `sqs/queue.d.ts`,
 * `sqs/queuePolicy.d.ts`, `sns/topic.d.ts`, `sns/topicPolicy.d.ts`, `kms/key.d.ts`,
 * `kms/keyPolicy.d.ts`, `secretsmanager/secretPolicy.d.ts`, `lambda/permission.d.ts`,
 * `bedrock/agentcoreResourcePolicy.d.ts`). Principal semantics: IAM User Guide, "AWS JSON policy
 * elements: Principal" (an account principal delegates to the account's own IAM policies and
 * grants nothing by itself; `*` is everyone, narrowed by conditions such as `aws:PrincipalAccount`).
 */
import type { PolicyResource } from '@pulumi/policy';
import { documentStatements, stringsOf } from '../../engine/element-names';
import { matchesGlob } from '../../engine/glob';
import { memoizeByIdentity } from '../../engine/memo';
import { parseRoleArn, rolesMatchingArn } from '../agents';
import { readKnown, readPlain, type Known } from '../unknowns';
import { foundDocument, type FoundDocument } from './documents';

interface ResourcePolicyType {
  /** What messages call it. */
  noun: string;
  /** The property that holds the document. */
  policy: string;
  /** The ARN (pattern) of the resource the policy governs, from the resource's props. */
  governed(props: (key: string) => string | undefined, name: string): string[];
}

const ANY = 'arn:aws:*';

const RESOURCE_POLICY_TYPES: Record<string, ResourcePolicyType> = {
  'aws:s3/bucketPolicy:BucketPolicy': {
    noun: 'bucket policy',
    policy: 'policy',
    governed: (p) => {
      const bucket = p('bucket');
      return bucket ? [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] : [ANY];
    },
  },
  'aws:sqs/queue:Queue': {
    noun: 'queue policy',
    policy: 'policy',
    governed: (p, name) => [p('arn') ?? `arn:aws:sqs:*:*:${p('name') ?? name}`],
  },
  'aws:sqs/queuePolicy:QueuePolicy': {
    noun: 'queue policy',
    policy: 'policy',
    governed: (p) => {
      const url = p('queueUrl');
      const queue = url?.split('/').pop();
      return [queue ? `arn:aws:sqs:*:*:${queue}` : ANY];
    },
  },
  'aws:sns/topic:Topic': {
    noun: 'topic policy',
    policy: 'policy',
    governed: (p, name) => [p('arn') ?? `arn:aws:sns:*:*:${p('name') ?? name}`],
  },
  'aws:sns/topicPolicy:TopicPolicy': {
    noun: 'topic policy',
    policy: 'policy',
    governed: (p) => [p('arn') ?? ANY],
  },
  'aws:kms/key:Key': {
    noun: 'key policy',
    policy: 'policy',
    governed: (p) => [p('arn') ?? 'arn:aws:kms:*:*:key/*'],
  },
  'aws:kms/keyPolicy:KeyPolicy': {
    noun: 'key policy',
    policy: 'policy',
    governed: (p) => {
      const id = p('keyId');
      return [id?.startsWith('arn:') ? id : `arn:aws:kms:*:*:key/${id ?? '*'}`];
    },
  },
  'aws:secretsmanager/secretPolicy:SecretPolicy': {
    noun: 'secret policy',
    policy: 'policy',
    governed: (p) => [p('secretArn') ?? 'arn:aws:secretsmanager:*:*:secret:*'],
  },
  'aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy': {
    noun: 'AgentCore resource policy',
    policy: 'policy',
    governed: (p) => [p('resourceArn') ?? 'arn:aws:bedrock-agentcore:*:*:*'],
  },
};

const LAMBDA_PERMISSION = 'aws:lambda/permission:Permission';

/** The role a grant must name: its ARN when known, else how an ARN names it. */
export interface GranteeRole {
  role: PolicyResource;
  arn?: string;
  /** The role's account when known (from its ARN). */
  account?: string;
}

/** The values a condition block gives `key` under any operator, or undefined when it has none. */
function conditionValues(condition: unknown, key: string): string[] | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  let found: string[] | undefined;
  for (const body of Object.values(condition as Record<string, unknown>)) {
    if (!body || typeof body !== 'object') continue;
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k.toLowerCase() === key.toLowerCase()) found = [...(found ?? []), ...stringsOf(v)];
    }
  }
  return found;
}

/**
 * Whether a statement's principal includes the role: it names the role, or it is `*` and its
 * conditions do not rule the role out by account or ARN.
 */
function namesRole(
  statement: Record<string, unknown>,
  grantee: GranteeRole,
  resources: readonly PolicyResource[],
): boolean {
  if (statement.NotPrincipal !== undefined) return true; // everyone it does not list
  const principal = statement.Principal;
  const aws = principal === '*' ? ['*'] : stringsOf((principal as { AWS?: unknown })?.AWS);
  for (const value of aws) {
    if (value === '*') {
      const accounts = conditionValues(statement.Condition, 'aws:PrincipalAccount');
      if (accounts && grantee.account && !accounts.includes(grantee.account)) continue;
      const arns = conditionValues(statement.Condition, 'aws:PrincipalArn');
      if (arns && grantee.arn && !arns.some((a) => matchesGlob(a, grantee.arn!))) continue;
      return true;
    }
    if (grantee.arn !== undefined && value === grantee.arn) return true;
    if (parseRoleArn(value) && rolesMatchingArn(resources, value).includes(grantee.role)) {
      return true;
    }
  }
  return false;
}

function resourcePolicyStatements(
  document: unknown,
  grantee: GranteeRole,
  governed: string[],
  resources: readonly PolicyResource[],
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const st of documentStatements(document)) {
    if (!namesRole(st, grantee, resources)) continue;
    const { Principal: _p, NotPrincipal: _np, ...rest } = st;
    const resource = stringsOf(st.Resource);
    out.push({
      ...rest,
      ...(st.NotResource === undefined
        ? {
            Resource:
              resource.length === 0
                ? governed
                : resource.flatMap((r) => (r === '*' ? governed : [r])),
          }
        : {}),
    });
  }
  return out;
}

/** Resource policies and Lambda permissions of the stack, found once per resources array. */
const policyResources = memoizeByIdentity((resources: readonly PolicyResource[]) =>
  resources.filter((r) => r.type in RESOURCE_POLICY_TYPES || r.type === LAMBDA_PERMISSION),
);

/**
 * The documents the stack's resource policies grant the role, one per resource policy that names
 * it, and the unknown ones computed from the role (its ARN at preview), which cannot be judged.
 */
export function resourcePolicyGrants(
  resources: readonly PolicyResource[],
  grantee: GranteeRole,
): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const r of policyResources(resources)) {
    const prop = (key: string) => {
      const v = readKnown(() => r.props[key] as unknown);
      return v.known && typeof v.value === 'string' ? v.value : undefined;
    };
    if (r.type === LAMBDA_PERMISSION) {
      const principal = readKnown(() => r.props.principal as unknown);
      const action = prop('action');
      const fn = prop('function');
      const named =
        principal.known &&
        typeof principal.value === 'string' &&
        (principal.value === grantee.arn ||
          (parseRoleArn(principal.value) !== undefined &&
            rolesMatchingArn(resources, principal.value).includes(grantee.role)));
      const fromRole = !principal.known && dependsOn(r, 'principal', grantee.role);
      if (fromRole) {
        found.push(unknownGrant(`Lambda permission "${r.name}"`, principal, r));
      } else if (named && action) {
        const resource = fn?.startsWith('arn:') ? fn : `arn:aws:lambda:*:*:function:${fn ?? '*'}`;
        const document = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: action, Resource: [resource, `${resource}:*`] }],
        };
        found.push(
          foundDocument(`Lambda permission "${r.name}"`, { known: true, value: document }),
        );
      }
      continue;
    }
    const type = RESOURCE_POLICY_TYPES[r.type];
    const source = `${type.noun} "${r.name}"`;
    const document = readPlain(() => r.props[type.policy] as unknown);
    if (!document.known) {
      // Computed from the role (its ARN at preview): it may grant the role, and cannot be read.
      if (dependsOn(r, type.policy, grantee.role)) found.push(unknownGrant(source, document, r));
      continue;
    }
    if (document.value === undefined || document.value === null || document.value === '') continue;
    const statements = resourcePolicyStatements(
      document.value,
      grantee,
      type.governed(prop, r.name),
      resources,
    );
    if (statements.length === 0) continue;
    found.push(
      foundDocument(source, {
        known: true,
        value: { Version: '2012-10-17', Statement: statements },
      }),
    );
  }
  return found;
}

function dependsOn(resource: PolicyResource, key: string, role: PolicyResource): boolean {
  return (resource.propertyDependencies?.[key] ?? []).includes(role);
}

function unknownGrant(source: string, value: Known<unknown>, from: PolicyResource): FoundDocument {
  return foundDocument(
    source,
    value.known ? { known: false, path: 'policy' } : value,
    undefined,
    from,
  );
}

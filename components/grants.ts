/**
 * Least-privilege statements for common agent tasks (after aws-cdk's `grantRead`/`grantWrite`).
 * Each returns exact actions, never wildcards, on resources built from names, so that when the
 * names are literal the whole statement is known at preview. Spread them into `permissions`.
 */
import * as pulumi from '@pulumi/pulumi';
import type { AgentStatement } from './documents';

export type GrantStatement = AgentStatement<pulumi.Input<string>>;

/** Joins parts into one string, kept a plain string when every part is one. */
function arn(...parts: pulumi.Input<string>[]): pulumi.Input<string> {
  if (parts.every((p): p is string => typeof p === 'string')) return parts.join('');
  return pulumi.all(parts).apply((resolved) => resolved.join(''));
}

export interface S3Options {
  /** Key prefix the grant is limited to, e.g. `"reports/"`; the whole bucket when omitted. */
  prefix?: string;
  partition?: string;
}

export interface AccountScope {
  accountId: pulumi.Input<string>;
  region: pulumi.Input<string>;
  partition?: string;
}

function s3ObjectArn(bucket: pulumi.Input<string>, options: S3Options) {
  return arn(`arn:${options.partition ?? 'aws'}:s3:::`, bucket, `/${options.prefix ?? ''}*`);
}

function s3BucketArn(bucket: pulumi.Input<string>, options: S3Options) {
  return arn(`arn:${options.partition ?? 'aws'}:s3:::`, bucket);
}

/** Listing is limited to the prefix through the `s3:prefix` condition key. */
function listPrefix(bucket: pulumi.Input<string>, options: S3Options): GrantStatement {
  return {
    actions: ['s3:ListBucket'],
    resources: [s3BucketArn(bucket, options)],
    ...(options.prefix === undefined
      ? {}
      : { conditions: { StringLike: { 's3:prefix': [`${options.prefix}*`] } } }),
  };
}

export const s3 = {
  /** Read (and list) objects of a bucket, optionally under one prefix. */
  readObjects(bucket: pulumi.Input<string>, options: S3Options = {}): GrantStatement[] {
    return [
      { actions: ['s3:GetObject'], resources: [s3ObjectArn(bucket, options)] },
      listPrefix(bucket, options),
    ];
  },
  /** Write objects under a prefix; no delete, no ACL changes. */
  writeObjects(bucket: pulumi.Input<string>, options: S3Options = {}): GrantStatement[] {
    return [{ actions: ['s3:PutObject'], resources: [s3ObjectArn(bucket, options)] }];
  },
};

/**
 * The earlier positional forms `(resource, accountId, region)`, kept for one release: each is the
 * one-signature helper below, so every task's actions have one home.
 */
export const dynamodb = {
  /** Read items of a table and query its indexes. */
  readItems: (
    table: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] => grantsFor.dynamodb.readItems(table, { account: accountId, region }),
  /** Create and update items; no deletes, no table changes. */
  writeItems: (
    table: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] => grantsFor.dynamodb.writeItems(table, { account: accountId, region }),
};

export const sqs = {
  /** Receive and delete messages of one queue. */
  consumeMessages: (
    queue: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] => grantsFor.sqs.consume(queue, { account: accountId, region }),
  /** Send messages to one queue. */
  sendMessages: (
    queue: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] => grantsFor.sqs.send(queue, { account: accountId, region }),
};

/**
 * Where a resource named by its name lives. Every helper below takes the resource as a Pulumi
 * `Input`: its name (then `account` and `region` build the ARN) or its ARN (used as it is).
 */
export interface ResourceScope {
  account?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  partition?: string;
}

/** The error a grant helper throws when a name comes without the account and region it needs. */
export class GrantArgumentError extends Error {
  override readonly name = 'GrantArgumentError';
}

/**
 * The resource's ARN: `target` itself when it is an ARN, else `arn:<partition>:<service>:<region>:
 * <account>:<path(target)>`. Plain strings stay plain strings, so literal names are known at preview.
 */
function resourceArn(
  helper: string,
  target: pulumi.Input<string>,
  scope: ResourceScope,
  service: string,
  path: (name: string) => string,
  { regional = true, needsAccount = true }: { regional?: boolean; needsAccount?: boolean } = {},
): pulumi.Input<string> {
  const build = (name: string, account: string, region: string): string => {
    if (name.startsWith('arn:')) return name;
    return `arn:${scope.partition ?? 'aws'}:${service}:${regional ? region : ''}:${account}:${path(name)}`;
  };
  const missing = (name: string) =>
    new GrantArgumentError(
      `grants.${helper}(${JSON.stringify(name)}): a name needs { account, region } to build the ARN; pass them, or pass the resource's ARN`,
    );
  if (
    typeof target === 'string' &&
    (target.startsWith('arn:') ||
      (typeof scope.account === 'string' && typeof scope.region === 'string'))
  ) {
    return build(target, scope.account as string, scope.region as string);
  }
  if (typeof target === 'string' && (scope.account === undefined || scope.region === undefined)) {
    throw missing(target);
  }
  return pulumi.all([target, scope.account ?? '', scope.region ?? '']).apply(([t, a, r]) => {
    if (!t.startsWith('arn:') && ((needsAccount && a === '') || r === '')) throw missing(t);
    return build(t, a, r);
  });
}

export interface DynamoOptions extends ResourceScope {
  /**
   * Only items whose partition key is one of these (`dynamodb:LeadingKeys`), e.g.
   * `["${aws:PrincipalTag/on-behalf-of}"]` to keep an agent to its user's items.
   */
  leadingKeys?: string[];
}

function leadingKeys(options: DynamoOptions): Pick<GrantStatement, 'conditions'> {
  return options.leadingKeys === undefined
    ? {}
    : {
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': options.leadingKeys },
        },
      };
}

/**
 * The grant helpers with one signature: `(resource, options)`, the resource a name or an ARN as
 * an `Input`, the options its account and region (for a name) and what narrows the grant. Each
 * returns exact actions on that one resource.
 */
export const grantsFor = {
  s3: {
    /** Read (and list) objects under one prefix of one bucket. */
    readPrefix: (bucket: pulumi.Input<string>, options: S3Options = {}) =>
      s3.readObjects(bucket, options),
    /** Write objects under one prefix of one bucket; no delete, no ACL changes. */
    writePrefix: (bucket: pulumi.Input<string>, options: S3Options = {}) =>
      s3.writeObjects(bucket, options),
  },
  dynamodb: {
    /** Read items of one table and query its indexes, optionally only some partition keys. */
    readItems(table: pulumi.Input<string>, options: DynamoOptions = {}): GrantStatement[] {
      const resource = resourceArn(
        'dynamodb.readItems',
        table,
        options,
        'dynamodb',
        (n) => `table/${n}`,
      );
      return [
        {
          actions: [
            'dynamodb:GetItem',
            'dynamodb:BatchGetItem',
            'dynamodb:Query',
            'dynamodb:DescribeTable',
          ],
          resources: [resource, arn(resource, '/index/*')],
          ...leadingKeys(options),
        },
      ];
    },
    /** Create and update items of one table, optionally only some partition keys; no deletes. */
    writeItems(table: pulumi.Input<string>, options: DynamoOptions = {}): GrantStatement[] {
      return [
        {
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
          resources: [
            resourceArn('dynamodb.writeItems', table, options, 'dynamodb', (n) => `table/${n}`),
          ],
          ...leadingKeys(options),
        },
      ];
    },
  },
  sqs: {
    /** Receive and delete messages of one queue. */
    consume: (queue: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] => [
      {
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        resources: [resourceArn('sqs.consume', queue, options, 'sqs', (n) => n)],
      },
    ],
    /** Send messages to one queue. */
    send: (queue: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] => [
      {
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [resourceArn('sqs.send', queue, options, 'sqs', (n) => n)],
      },
    ],
  },
  sns: {
    /** Publish to one topic. */
    publish: (topic: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] => [
      {
        actions: ['sns:Publish'],
        resources: [resourceArn('sns.publish', topic, options, 'sns', (n) => n)],
      },
    ],
  },
  secretsManager: {
    /**
     * Read one secret. By name, the ARN ends in the 6 random characters Secrets Manager appends
     * (`-??????`, Secrets Manager User Guide, "Secret ARN"), which match that secret only.
     */
    readSecret: (secret: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] => [
      {
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [
          resourceArn(
            'secretsManager.readSecret',
            secret,
            options,
            'secretsmanager',
            (n) => `secret:${n}-??????`,
          ),
        ],
      },
    ],
  },
  ssm: {
    /** Read the parameters under one path, e.g. `/agents/triager` (the path and below). */
    readPath(path: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] {
      const base = resourceArn(
        'ssm.readPath',
        path,
        options,
        'ssm',
        (n) => `parameter/${n.replace(/^\/+|\/+$/g, '')}`,
      );
      return [
        {
          actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          resources: [base, arn(base, '/*')],
        },
      ];
    },
  },
  kms: {
    /** Decrypt with one key, only through the named AWS service (`kms:ViaService`). */
    decryptVia(
      key: pulumi.Input<string>,
      options: ResourceScope & { service: string; region: pulumi.Input<string> },
    ): GrantStatement[] {
      return [
        {
          actions: ['kms:Decrypt'],
          resources: [resourceArn('kms.decryptVia', key, options, 'kms', (n) => `key/${n}`)],
          conditions: {
            StringEquals: {
              'kms:ViaService':
                typeof options.region === 'string'
                  ? `${options.service}.${options.region}.amazonaws.com`
                  : `${options.service}.*.amazonaws.com`,
            },
          },
        },
      ];
    },
  },
  bedrock: {
    /**
     * Invoke named foundation models (ids such as `anthropic.claude-3-5-haiku-20241022-v1:0`) or
     * inference profiles (ARNs); Converse and ConverseStream are authorised by the same actions.
     */
    invokeModels(models: pulumi.Input<string>[], options: ResourceScope = {}): GrantStatement[] {
      return [
        {
          actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          resources: models.map((m) =>
            resourceArn(
              'bedrock.invokeModels',
              m,
              // Foundation models are AWS's: their ARNs have no account.
              { ...options, account: '' },
              'bedrock',
              (n) => `foundation-model/${n}`,
              { needsAccount: false },
            ),
          ),
        },
      ];
    },
  },
  agentcore: {
    /** Invoke one AgentCore runtime (its id or ARN). */
    invokeRuntime: (
      runtime: pulumi.Input<string>,
      options: ResourceScope = {},
    ): GrantStatement[] => [
      {
        actions: ['bedrock-agentcore:InvokeAgentRuntime'],
        resources: [
          resourceArn(
            'agentcore.invokeRuntime',
            runtime,
            options,
            'bedrock-agentcore',
            (n) => `runtime/${n}`,
          ),
        ],
      },
    ],
    /** Invoke one AgentCore gateway (its id or ARN). */
    invokeGateway: (
      gateway: pulumi.Input<string>,
      options: ResourceScope = {},
    ): GrantStatement[] => [
      {
        actions: ['bedrock-agentcore:InvokeGateway'],
        resources: [
          resourceArn(
            'agentcore.invokeGateway',
            gateway,
            options,
            'bedrock-agentcore',
            (n) => `gateway/${n}`,
          ),
        ],
      },
    ],
  },
  lambda: {
    /** Invoke one function, any of its versions and aliases. */
    invoke(fn: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] {
      const resource = resourceArn('lambda.invoke', fn, options, 'lambda', (n) => `function:${n}`);
      return [{ actions: ['lambda:InvokeFunction'], resources: [resource, arn(resource, ':*')] }];
    },
  },
  logs: {
    /** Write log events to one log group. */
    writeTo(group: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] {
      const resource = resourceArn('logs.writeTo', group, options, 'logs', (n) => `log-group:${n}`);
      return [
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [arn(resource, ':log-stream:*')],
        },
      ];
    },
  },
  events: {
    /** Put events on one event bus. */
    putEvents: (bus: pulumi.Input<string>, options: ResourceScope = {}): GrantStatement[] => [
      {
        actions: ['events:PutEvents'],
        resources: [
          resourceArn('events.putEvents', bus, options, 'events', (n) => `event-bus/${n}`),
        ],
      },
    ],
  },
};

/** Options rather than the earlier positional account id. */
function isScope<T extends object>(value: T | pulumi.Input<string>): value is T {
  return (
    typeof value === 'object' &&
    value !== null &&
    !pulumi.Output.isInstance(value) &&
    !(value instanceof Promise)
  );
}

/**
 * The grant helpers, by service: the one signature of `grantsFor` (`grants.sns.publish(topic,
 * { account, region })`), and for one release the earlier positional forms of S3, DynamoDB and SQS.
 */
export const grants = {
  ...grantsFor,
  s3: { ...s3, ...grantsFor.s3 },
  dynamodb: {
    /** `(table, { account, region, leadingKeys })`; `(table, accountId, region)` for one release. */
    readItems: (
      table: pulumi.Input<string>,
      options: DynamoOptions | pulumi.Input<string> = {},
      region?: pulumi.Input<string>,
    ) =>
      isScope(options)
        ? grantsFor.dynamodb.readItems(table, options)
        : dynamodb.readItems(table, options, region!),
    /** `(table, { account, region, leadingKeys })`; `(table, accountId, region)` for one release. */
    writeItems: (
      table: pulumi.Input<string>,
      options: DynamoOptions | pulumi.Input<string> = {},
      region?: pulumi.Input<string>,
    ) =>
      isScope(options)
        ? grantsFor.dynamodb.writeItems(table, options)
        : dynamodb.writeItems(table, options, region!),
  },
  sqs: { ...sqs, ...grantsFor.sqs },
};

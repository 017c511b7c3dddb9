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

function tableArn(table: pulumi.Input<string>, scope: AccountScope) {
  return arn(
    `arn:${scope.partition ?? 'aws'}:dynamodb:`,
    scope.region,
    ':',
    scope.accountId,
    ':table/',
    table,
  );
}

export const dynamodb = {
  /** Read items of a table and query its indexes. */
  readItems(
    table: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] {
    const scope = { accountId, region };
    const tableResource = tableArn(table, scope);
    return [
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:DescribeTable',
        ],
        resources: [tableResource, arn(tableResource, '/index/*')],
      },
    ];
  },
  /** Create and update items; no deletes, no table changes. */
  writeItems(
    table: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] {
    return [
      {
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [tableArn(table, { accountId, region })],
      },
    ];
  },
};

function queueArn(queue: pulumi.Input<string>, scope: AccountScope) {
  return arn(
    `arn:${scope.partition ?? 'aws'}:sqs:`,
    scope.region,
    ':',
    scope.accountId,
    ':',
    queue,
  );
}

export const sqs = {
  /** Receive and delete messages of one queue. */
  consumeMessages(
    queue: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] {
    return [
      {
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        resources: [queueArn(queue, { accountId, region })],
      },
    ];
  },
  /** Send messages to one queue. */
  sendMessages(
    queue: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    region: pulumi.Input<string>,
  ): GrantStatement[] {
    return [
      {
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [queueArn(queue, { accountId, region })],
      },
    ];
  },
};

/** The grant helpers, by service. */
export const grants = { s3, dynamodb, sqs };

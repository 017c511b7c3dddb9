/**
 * The ARNs a CloudTrail record says a call acted on: its `resources[]` (data events and some
 * management events list them), and the ARNs its `requestParameters` name, for the services
 * agents use most. Field names are those the services' CloudTrail documentation shows:
 * S3 `bucketName` and `key` (S3 User Guide, "CloudTrail log file entries for Amazon S3");
 * DynamoDB `tableName`, `indexName` and `requestItems` (DynamoDB Developer Guide, "Logging
 * DynamoDB operations by using AWS CloudTrail"); SQS `queueUrl` and `queueName` (SQS Developer
 * Guide, "Logging Amazon SQS API calls using AWS CloudTrail"); SNS `topicArn`; Lambda
 * `functionName` (Lambda Developer Guide, "Logging AWS Lambda API calls using AWS CloudTrail");
 * Bedrock `modelId` (Bedrock User Guide, "Monitor Amazon Bedrock API calls using CloudTrail").
 * Any other top-level request parameter whose value is an ARN is taken as is. Of an ARN and one
 * inside it (a bucket and its object), only the inner one is the call's resource.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Where a call ran: the ARN parts a resource named without its ARN gets. */
interface Place {
  partition: string;
  region: string;
  account: string;
}

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/tickets` → the queue's ARN. */
function queueArn(url: string, place: Place): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const [account, name] = parsed.pathname.split('/').filter((p) => p !== '');
  if (!account || !/^\d{12}$/.test(account) || !name) return undefined;
  // sqs.<region>.amazonaws.com, or the legacy <region>.queue.amazonaws.com.
  const host = parsed.hostname;
  const region =
    /^sqs\.([a-z0-9-]+)\.amazonaws\./.exec(host)?.[1] ??
    /^([a-z0-9-]+)\.queue\.amazonaws\./.exec(host)?.[1] ??
    place.region;
  return `arn:${place.partition}:sqs:${region}:${account}:${name}`;
}

function tableArn(name: string, place: Place): string {
  return name.startsWith('arn:')
    ? name
    : `arn:${place.partition}:dynamodb:${place.region}:${place.account}:table/${name}`;
}

function dynamodbArns(params: Json, place: Place): string[] {
  const out: string[] = [];
  const table = str(params.tableName);
  if (table) {
    const index = str(params.indexName);
    out.push(index ? `${tableArn(table, place)}/index/${index}` : tableArn(table, place));
  }
  // BatchGetItem and BatchWriteItem: one entry per table, keyed by its name.
  const items = params.requestItems;
  if (isObject(items)) out.push(...Object.keys(items).map((t) => tableArn(t, place)));
  if (Array.isArray(items)) {
    for (const item of items) {
      const name = isObject(item) ? str(item.tableName) : undefined;
      if (name) out.push(tableArn(name, place));
    }
  }
  return out;
}

function lambdaArns(params: Json, place: Place): string[] {
  const name = str(params.functionName);
  if (!name) return [];
  if (name.startsWith('arn:')) return [name];
  const [fn, qualifier] = name.split(':');
  const base = `arn:${place.partition}:lambda:${place.region}:${place.account}:function:${fn}`;
  return qualifier ? [base, `${base}:${qualifier}`] : [base];
}

function serviceArns(prefix: string, params: Json, place: Place): string[] {
  switch (prefix) {
    case 's3': {
      const bucket = str(params.bucketName);
      if (!bucket) return [];
      const bucketArn = `arn:${place.partition}:s3:::${bucket}`;
      const key = str(params.key);
      return key ? [bucketArn, `${bucketArn}/${key}`] : [bucketArn];
    }
    case 'dynamodb':
      return dynamodbArns(params, place);
    case 'sqs': {
      const url = str(params.queueUrl) ?? str(params.QueueUrl);
      if (url) return [queueArn(url, place)].filter((a): a is string => a !== undefined);
      const name = str(params.queueName);
      return name ? [`arn:${place.partition}:sqs:${place.region}:${place.account}:${name}`] : [];
    }
    case 'lambda':
      return lambdaArns(params, place);
    case 'bedrock': {
      const model = str(params.modelId);
      if (!model) return [];
      return [
        model.startsWith('arn:')
          ? model
          : `arn:${place.partition}:bedrock:${place.region}::foundation-model/${model}`,
      ];
    }
    default:
      return [];
  }
}

/** The partition of the caller's ARN, `aws` when there is none. */
function partitionOf(record: Json): string {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  return /^arn:([a-z-]+):/.exec(str(identity.arn) ?? '')?.[1] ?? 'aws';
}

/** The ARNs the call acted on, without repeats, in the order the record names them. */
export function callResources(record: Json, prefix: string): string[] {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const place: Place = {
    partition: partitionOf(record),
    region: str(record.awsRegion) ?? '',
    account: str(record.recipientAccountId) ?? str(identity.accountId) ?? '',
  };
  const out: string[] = [];
  const listed = Array.isArray(record.resources) ? record.resources : [];
  for (const r of listed) {
    const arn = isObject(r) ? (str(r.ARN) ?? str(r.arn)) : undefined;
    if (arn?.startsWith('arn:')) out.push(arn);
  }
  const params = isObject(record.requestParameters) ? record.requestParameters : {};
  out.push(...serviceArns(prefix, params, place));
  for (const value of Object.values(params)) {
    const arn = str(value);
    if (arn?.startsWith('arn:')) out.push(arn);
  }
  // An object's record also names its bucket, an index query its table: the call acts on the
  // longer ARN, inside the other.
  const unique = [...new Set(out)];
  return unique.filter((arn) => !unique.some((other) => other.startsWith(`${arn}/`)));
}

/**
 * Reading CloudTrail events, in the two formats AWS writes them (CloudTrail User Guide,
 * "CloudTrail record contents" and "CloudTrail log file examples"; AWS CLI reference,
 * `aws cloudtrail lookup-events`):
 *  - the output of `aws cloudtrail lookup-events`: `{"Events": [{EventId, EventName, EventTime,
 *    EventSource, Username, Resources, CloudTrailEvent}]}`, where `CloudTrailEvent` is the record
 *    as a JSON string;
 *  - a trail's log file: `{"Records": [record, ...]}`, as delivered to S3 (`.json.gz`, gzip) or
 *    unpacked (`.json`); or a folder of them (the trail's `AWSLogs/` prefix, synced), whose
 *    CloudTrail-Digest files (no `Records`) are skipped.
 * Each record becomes one `TrailCall`; a record that is not a call (`eventType` other than
 * `AwsApiCall`) is left out.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { AGENT_SESSION_TAG } from '../../../policy-pack/lib/conventions';
import { fieldPath, type Loaded, type StdinReader } from '../../input';
import { callResources } from './call-resources';
import { iamAction, isDenied, servicePrefix } from './iam-actions';

/** A session an `AssumeRole` call created: its credentials' key, its ARN and its tags. */
export interface IssuedSession {
  roleArn?: string;
  accessKeyId?: string;
  sessionArn?: string;
  tags: Record<string, string>;
}

/** One API call, as the review needs it. */
export interface TrailCall {
  /** ISO time of the call (`eventTime`). */
  time: string;
  eventSource: string;
  eventName: string;
  /** The IAM action it was authorized as, e.g. `s3:GetObject`. */
  action: string;
  errorCode?: string;
  denied: boolean;
  /** `sessionContext.sessionIssuer.arn`: the role whose session called. */
  issuerArn?: string;
  /** `userIdentity.arn`: for a role session, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  sessionArn?: string;
  accessKeyId?: string;
  /** The ARNs the call acted on, when the record names them. */
  resources: string[];
  /** For `AssumeRole`: the session it created. */
  issued?: IssuedSession;
}

export interface Trail {
  calls: TrailCall[];
  /** The files read (standard input as "standard input"). */
  files: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

class TrailError extends Error {}

const FORMATS =
  'expected the output of `aws cloudtrail lookup-events` ({"Events": [...]}) or a CloudTrail log file ({"Records": [...]})';

/** STS calls that create a role session and can pass session tags. */
const ASSUME_ROLE = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

/**
 * Session tags of an `AssumeRole*` record: `requestParameters.tags`, `[{key, value}]`, as the
 * caller passed them (`AssumeRole`; IAM User Guide, "Logging IAM and AWS STS API calls with AWS
 * CloudTrail", its AssumeRole example), or `requestParameters.principalTags`, `{key: value}`, as
 * the identity provider's token or assertion set them (`AssumeRoleWithWebIdentity`,
 * `AssumeRoleWithSAML`).
 */
function sessionTags(params: Json): Record<string, string> {
  const pairs: [string | undefined, string | undefined][] = [];
  for (const tag of Array.isArray(params.tags) ? params.tags : []) {
    if (isObject(tag)) pairs.push([str(tag.key) ?? str(tag.Key), str(tag.value) ?? str(tag.Value)]);
  }
  if (isObject(params.principalTags)) {
    for (const [key, value] of Object.entries(params.principalTags)) pairs.push([key, str(value)]);
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    // Session tag keys are case-insensitive (IAM User Guide, "Things to know about session tags").
    if (key && value)
      tags[key.toLowerCase() === AGENT_SESSION_TAG ? AGENT_SESSION_TAG : key] = value;
  }
  return tags;
}

function issuedSession(record: Json): IssuedSession | undefined {
  if (record.eventSource !== 'sts.amazonaws.com' || !ASSUME_ROLE.has(String(record.eventName))) {
    return undefined;
  }
  const params = isObject(record.requestParameters) ? record.requestParameters : {};
  const response = isObject(record.responseElements) ? record.responseElements : {};
  const credentials = isObject(response.credentials) ? response.credentials : {};
  const user = isObject(response.assumedRoleUser) ? response.assumedRoleUser : {};
  const roleArn = str(params.roleArn);
  const accessKeyId = str(credentials.accessKeyId);
  const sessionArn = str(user.arn);
  return {
    ...(roleArn ? { roleArn } : {}),
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(sessionArn ? { sessionArn } : {}),
    tags: sessionTags(params),
  };
}

/** A record's required text field, or a TrailError naming it. */
function required(record: Json, field: string, where: string): string {
  const value = str(record[field]);
  if (value === undefined) {
    throw new TrailError(
      `${where}.${field}: ${record[field] === undefined ? 'missing' : `not text (${JSON.stringify(record[field])})`}; every CloudTrail record has one`,
    );
  }
  return value;
}

/** One record as a call; undefined for a record that is not an API call. */
function callOf(record: unknown, where: string): TrailCall | undefined {
  if (!isObject(record)) throw new TrailError(`${where}: not a CloudTrail record (an object)`);
  const eventType = str(record.eventType);
  if (eventType !== undefined && eventType !== 'AwsApiCall') return undefined;
  const eventSource = required(record, 'eventSource', where);
  const eventName = required(record, 'eventName', where);
  const eventTime = required(record, 'eventTime', where);
  const time = Date.parse(eventTime);
  if (Number.isNaN(time)) {
    throw new TrailError(
      `${where}.eventTime: "${eventTime}" is not a time; CloudTrail writes e.g. "2026-11-03T10:15:00Z"`,
    );
  }
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const context = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(context.sessionIssuer) ? context.sessionIssuer : {};
  const errorCode = str(record.errorCode);
  const issuerArn = str(issuer.arn);
  const sessionArn = str(identity.arn);
  const accessKeyId = str(identity.accessKeyId);
  const issued = issuedSession(record);
  return {
    time: new Date(time).toISOString().replace(/\.000Z$/, 'Z'),
    eventSource,
    eventName,
    action: iamAction(eventSource, eventName),
    ...(errorCode ? { errorCode } : {}),
    denied: isDenied(errorCode),
    ...(issuerArn ? { issuerArn } : {}),
    ...(sessionArn ? { sessionArn } : {}),
    ...(accessKeyId ? { accessKeyId } : {}),
    resources: callResources(record, servicePrefix(eventSource)),
    ...(issued ? { issued } : {}),
  };
}

/** The calls of one parsed document, in either format. */
function callsOf(document: unknown): TrailCall[] {
  const calls: TrailCall[] = [];
  const push = (call: TrailCall | undefined) => {
    if (call) calls.push(call);
  };
  if (isObject(document) && Array.isArray(document.Records)) {
    document.Records.forEach((record, i) => push(callOf(record, fieldPath(['Records', i]))));
    return calls;
  }
  if (isObject(document) && Array.isArray(document.Events)) {
    document.Events.forEach((event, i) => {
      const where = fieldPath(['Events', i, 'CloudTrailEvent']);
      const text = isObject(event) ? event.CloudTrailEvent : undefined;
      if (typeof text !== 'string') {
        throw new TrailError(
          `${where}: ${text === undefined ? 'missing' : 'not text'}; \`lookup-events\` prints each event's record there as a JSON string, save its output as it is`,
        );
      }
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (err) {
        throw new TrailError(`${where}: not valid JSON (${(err as Error).message})`);
      }
      push(callOf(record, where));
    });
    return calls;
  }
  const keys = isObject(document)
    ? `an object with ${
        Object.keys(document).length === 0
          ? 'no keys'
          : `keys ${Object.keys(document)
              .slice(0, 5)
              .map((k) => `"${k}"`)
              .join(', ')}`
      }`
    : Array.isArray(document)
      ? 'a list'
      : `${JSON.stringify(document)}`;
  throw new TrailError(`not CloudTrail events: ${FORMATS}; it is ${keys}`);
}

/** A log file's text: gunzipped when it starts with gzip's magic bytes (RFC 1952). */
function fileText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return zlib.gunzipSync(bytes).toString('utf8');
    } catch (err) {
      throw new TrailError(`a gzip file that cannot be unpacked (${(err as Error).message})`);
    }
  }
  return bytes.toString('utf8');
}

function parseDocument(text: string): unknown {
  if (text.trim() === '') throw new TrailError('is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new TrailError(`not valid JSON (${(err as Error).message})`);
  }
}

const LOG_FILE = /\.json(\.gz)?$/;

/** The log files under a folder, sorted by path; digest files left out. */
function logFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'CloudTrail-Digest') walk(full);
      } else if (LOG_FILE.test(entry.name) && !entry.name.includes('_CloudTrail-Digest_')) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'TTY') return 'it is a terminal; pass FILE or pipe the events in';
  return code ?? (err as Error).message;
}

/**
 * Reads the calls of a file, a folder of log files, or standard input (`-`, uncompressed JSON).
 * The message of a failure names the file and, for a bad record, its field.
 */
export async function loadTrail(input: string, readStdin: StdinReader): Promise<Loaded<Trail>> {
  const label = input === '-' ? 'standard input' : input;
  let files: string[];
  if (input === '-') {
    let text: string;
    try {
      text = await readStdin();
    } catch (err) {
      return { ok: false, message: `${label}: cannot read (${readError(err)}).` };
    }
    try {
      return { ok: true, value: { calls: callsOf(parseDocument(text)), files: [label] } };
    } catch (err) {
      if (err instanceof TrailError) return { ok: false, message: `${label}: ${err.message}.` };
      throw err;
    }
  }
  try {
    files = fs.statSync(input).isDirectory() ? logFiles(input) : [input];
  } catch (err) {
    return { ok: false, message: `${label}: cannot read (${readError(err)}).` };
  }
  if (files.length === 0) {
    return {
      ok: false,
      message: `${label}: holds no CloudTrail log files (*.json or *.json.gz); ${FORMATS}.`,
    };
  }
  const calls: TrailCall[] = [];
  for (const file of files) {
    try {
      calls.push(...callsOf(parseDocument(fileText(file))));
    } catch (err) {
      if (err instanceof TrailError) return { ok: false, message: `${file}: ${err.message}.` };
      return { ok: false, message: `${file}: cannot read (${readError(err)}).` };
    }
  }
  return { ok: true, value: { calls, files } };
}

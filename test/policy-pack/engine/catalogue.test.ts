import {
  actionNameProblem,
  expandActionPattern,
  isWildcardPattern,
  lookupAction,
} from '../../../policy-pack/engine';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  compactActions,
  readGenerated,
  writeGenerated,
  GENERATED_FILE,
  type CompactCatalogue,
} from '../../../policy-pack/engine/build-catalogue';
import { catalogue } from '../../../policy-pack/engine/catalogue';
import { ACCESS_LEVEL_CORRECTIONS } from '../../../policy-pack/engine/rules/access-level-corrections';

const LEVELS: Record<string, string> = {
  R: 'Read',
  L: 'List',
  W: 'Write',
  T: 'Tagging',
  P: 'Permissions management',
};

describe('catalogue', () => {
  test('every action, built on first use from the generated strings, is the one the file lists', () => {
    const corrected = new Map(ACCESS_LEVEL_CORRECTIONS.map((c) => [c.action, c.level]));
    const listed = compactActions(readGenerated(GENERATED_FILE) as CompactCatalogue);
    const cat = catalogue();
    expect(cat.size).toBe(listed.length);
    listed.forEach(([service, name, level, resourceTypes], ordinal) => {
      const id = `${service}:${name}`;
      expect({ ...cat.actionAt(ordinal) }).toEqual({
        id,
        service,
        name,
        accessLevel: corrected.get(id) ?? LEVELS[level],
        resourceTypes,
        isWildcardOnly: resourceTypes.length === 0,
      });
    });
    expect(cat.serviceAt(0)).toBe(listed[0][0]);
    expect(cat.serviceAt(cat.size - 1)).toBe(listed[listed.length - 1][0]);
  });

  test('service names are lower case and no two actions differ only by case, so a canonical lookup finds what a case-folded one finds', () => {
    const cat = catalogue();
    expect(cat.serviceNames.filter((s) => s !== s.toLowerCase())).toEqual([]);
    const folded = new Set<string>();
    const twice: string[] = [];
    for (const action of cat.all) {
      const key = action.id.toLowerCase();
      if (folded.has(key)) twice.push(action.id);
      folded.add(key);
    }
    expect(twice).toEqual([]);
    expect(cat.canonicalOrdinal('s3:GetObject')).toBe(cat.byId.ordinal('s3:getobject'));
    expect(cat.canonicalOrdinal('S3:GetObject')).toBe(-1);
    expect(cat.canonicalOrdinal('s3:getobject')).toBe(-1);
    expect(lookupAction('S3:getobject')?.id).toBe('s3:GetObject');
  });

  test('generated files are ASCII, and read back exactly, also when written as UTF-8 by hand', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-generated-'));
    try {
      const file = path.join(dir, 'x.generated.json');
      const value = { text: 'caf\u00e9 \u{1f600} \u007f', n: 1 };
      writeGenerated(file, value);
      expect(fs.readFileSync(file).every((b) => b < 0x80)).toBe(true);
      expect(readGenerated(file)).toEqual(value);
      fs.writeFileSync(file, JSON.stringify(value), 'utf8');
      expect(readGenerated(file)).toEqual(value);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lookupAction is case-insensitive and returns canonical casing', () => {
    expect(lookupAction('S3:getOBJECT')).toEqual({
      id: 's3:GetObject',
      service: 's3',
      name: 'GetObject',
      accessLevel: 'Read',
      resourceTypes: ['accesspointobject', 'object'],
      isWildcardOnly: false,
    });
    expect(lookupAction('s3:GetObjekt')).toBeUndefined();
  });

  test.each([
    { action: 's3:PutBucketPolicy', accessLevel: 'Permissions management' },
    { action: 's3:PutBucketTagging', accessLevel: 'Tagging' },
    { action: 's3:PutObject', accessLevel: 'Write' },
    { action: 's3:ListBucket', accessLevel: 'List' },
    { action: 'iam:AttachRolePolicy', accessLevel: 'Permissions management' },
  ])('$action has access level $accessLevel', ({ action, accessLevel }) => {
    expect(lookupAction(action)?.accessLevel).toBe(accessLevel);
  });

  test('wildcard-only actions have no resource type', () => {
    expect(lookupAction('s3:ListAllMyBuckets')).toMatchObject({
      isWildcardOnly: true,
      resourceTypes: [],
    });
    expect(lookupAction('xray:PutTraceSegments')?.isWildcardOnly).toBe(true);
  });

  test('expandActionPattern covers globs, services and everything', () => {
    const all = expandActionPattern('*');
    expect(all).toHaveLength(22091);
    expect(expandActionPattern('*:*')).toHaveLength(22091);
    const gets = expandActionPattern('S3:get*').map((a) => a.id);
    expect(gets).toContain('s3:GetObject');
    expect(gets.every((id) => id.startsWith('s3:Get'))).toBe(true);
    expect(expandActionPattern('iam:*Policy*').map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'iam:AttachRolePolicy',
        'iam:PutRolePolicy',
        'iam:CreatePolicyVersion',
      ]),
    );
    expect(expandActionPattern('iam:*Policy*').every((a) => /policy/i.test(a.name))).toBe(true);
    expect(expandActionPattern('s3:GetObjec?').map((a) => a.id)).toEqual(['s3:GetObject']);
    expect(expandActionPattern('*:GetObject').map((a) => a.id)).toContain('s3:GetObject');
    expect(expandActionPattern('nope:*')).toEqual([]);
    expect(expandActionPattern('GetObject')).toEqual([]);
  });

  test('expansions are copies: callers cannot corrupt the cache', () => {
    expandActionPattern('s3:Get*').length = 0;
    expect(expandActionPattern('s3:Get*').length).toBeGreaterThan(10);
  });

  test.each([
    { action: 's3:*', wildcard: true },
    { action: 's3:Get?bject', wildcard: true },
    { action: 's3:GetObject', wildcard: false },
  ])('isWildcardPattern($action) is $wildcard', ({ action, wildcard }) => {
    expect(isWildcardPattern(action)).toBe(wildcard);
  });
});

describe('actionNameProblem', () => {
  test.each([
    {
      action: 's3:*',
      message: '"s3:*" is a wildcard; list the exact actions, e.g. "s3:GetObject"',
    },
    { action: '*', message: '"*" is a wildcard; list the exact actions, e.g. "s3:GetObject"' },
    {
      action: 'dynamodb:*',
      message: '"dynamodb:*" is a wildcard; list the exact actions, e.g. "dynamodb:GetItem"',
    },
    {
      action: 's3:GetObjekt',
      message: '"s3:GetObjekt" is not an IAM action; did you mean "s3:GetObject"?',
    },
    {
      action: 'iam:passrol',
      message: '"iam:passrol" is not an IAM action; did you mean "iam:PassRole"?',
    },
    { action: 's4:GetObject', message: '"s4:GetObject": unknown service "s4"; did you mean "s3"?' },
    { action: 'GetObject', message: '"GetObject" is not of the form "service:Action"' },
    { action: 's3:', message: '"s3:" is not of the form "service:Action"' },
    { action: 's3:Get:Object', message: '"s3:Get:Object" is not of the form "service:Action"' },
  ])('$action → $message', ({ action, message }) => {
    expect(actionNameProblem(action)).toBe(message);
  });

  test.each(['s3:GetObject', 'S3:getobject', 'iam:PassRole', 'sts:AssumeRole'])(
    '%s is a real, exact action',
    (action) => {
      expect(actionNameProblem(action)).toBeUndefined();
    },
  );
});

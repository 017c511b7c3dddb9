/**
 * Access levels the catalogue misfiles: each correction is what every reader sees, the review of
 * the misfiled-read naming class is complete, and a read granted on every resource is judged as a
 * read (no resource-exposure, no unscoped write), also when written as a pattern or in odd case.
 */
import * as fs from 'fs';
import {
  catalogue,
  expandActionPattern,
  lookupAction,
} from '../../../../policy-pack/engine/catalogue';
import { judgePolicy } from '../../../../policy-pack/engine';
import {
  compactActions,
  GENERATED_FILE,
  type CompactCatalogue,
} from '../../../../policy-pack/engine/build-catalogue';
import {
  ACCESS_LEVEL_CORRECTIONS,
  REVIEWED_AND_KEPT,
} from '../../../../policy-pack/engine/rules/access-level-corrections';

const READ_NAMES = /^(Get|List|Describe|Search|BatchGet|View)/;
const CHANGES = new Set(['Write', 'Permissions management', 'Tagging']);

function rawLevels(): Map<string, string> {
  const compact = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as CompactCatalogue;
  const out = new Map<string, string>();
  for (const [service, name, level] of compactActions(compact))
    out.set(`${service}:${name}`, level);
  return out;
}

function categoriesOf(document: object): string[] {
  return [...new Set(judgePolicy(document).findings.map((f) => f.category))].sort();
}

const allow = (action: string | string[], extra: object = {}): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }],
});

describe('access-level corrections', () => {
  test.each(ACCESS_LEVEL_CORRECTIONS.map((c) => ({ ...c })))(
    'catalogue reads $action as $level (the catalogue files it as a change)',
    ({ action, level }) => {
      expect(rawLevels().get(action)).toMatch(/^[WPT]$/);
      expect(lookupAction(action)?.accessLevel).toBe(level);
      expect(lookupAction(action.toUpperCase())?.accessLevel).toBe(level);
    },
  );

  test('every quicksight:Describe*Permissions action is a Read', () => {
    const actions = expandActionPattern('quicksight:Describe*Permissions');
    expect(actions.length).toBeGreaterThanOrEqual(16);
    expect(actions.filter((a) => a.accessLevel !== 'Read').map((a) => a.id)).toEqual([]);
  });

  test('the review is complete: every Get/List/Describe/Search/BatchGet/View change is corrected or kept with a reason', () => {
    const unreviewed = catalogue()
      .all.filter((a) => READ_NAMES.test(a.name) && CHANGES.has(a.accessLevel))
      .map((a) => a.id)
      .filter((id) => !(id in REVIEWED_AND_KEPT));
    expect(unreviewed).toEqual([]);
  });

  test('every action kept or corrected exists in the catalogue', () => {
    const ids = [
      ...Object.keys(REVIEWED_AND_KEPT),
      ...ACCESS_LEVEL_CORRECTIONS.map((c) => c.action),
    ];
    expect(ids.filter((id) => lookupAction(id)?.id !== id)).toEqual([]);
  });

  test.each([
    {
      case: 'quicksight:DescribeKnowledgeBasePermissions',
      document: allow('quicksight:DescribeKnowledgeBasePermissions'),
    },
    {
      case: 'quicksight:Describe*Permissions (pattern)',
      document: allow('quicksight:Describe*Permissions'),
    },
    { case: 'iot:ListSubscriptions', document: allow('iot:ListSubscriptions') },
    { case: 'iot:list* (lower-case pattern)', document: allow('iot:list*') },
    { case: 'managedblockchain:GET', document: allow('managedblockchain:GET') },
    { case: 'ssm-sap:GetResourcePermission', document: allow('ssm-sap:GetResourcePermission') },
    { case: 'billing:GetResourcePolicy', document: allow('billing:GetResourcePolicy') },
    { case: 'athena:GetSessionEndpoint', document: allow('athena:GetSessionEndpoint') },
    { case: 'glue:DescribeEntity', document: allow('GLUE:describeentity') },
    {
      case: 'every glue:Get* of the Spark UI',
      document: allow(['glue:GetStage*', 'glue:GetExecutors*']),
    },
    {
      case: 'backup:Search* and backup:ListIndexed*',
      document: allow(['backup:Search*', 'backup:ListIndexed*']),
    },
    { case: 'ds:AccessDSData (the gate of the Data API)', document: allow('ds:AccessDSData') },
    {
      case: 'ds:AccessDSData with the ds-data reads on every directory',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['DS:accessdsdata', 'ds-data:Describe*', 'ds-data:List*', 'ds-data:Search*'],
            Resource: 'arn:aws:ds:*:*:directory/*',
          },
        ],
      },
    },
  ])('a misfiled read on "*" is judged as a read: $case has no finding', ({ document }) => {
    expect(categoriesOf(document)).toEqual([]);
  });

  test.each([
    {
      case: 'managedblockchain:POST (JSON-RPC can submit transactions; only "*" can grant it)',
      action: 'managedblockchain:POST',
      categories: ['resource-exposure'],
    },
    {
      case: 'quicksight:UpdateTopicPermissions (the change next to the read)',
      action: 'quicksight:UpdateTopicPermissions',
      categories: ['resource-exposure', 'wildcard-resource-write'],
    },
    {
      case: 'sts:GetFederationToken (mints credentials)',
      action: 'sts:GetFederationToken',
      categories: ['credentials-exposure', 'wildcard-resource-write'],
    },
    {
      case: 'states:GetActivityTask (claims a task)',
      action: 'states:GetActivityTask',
      categories: ['wildcard-resource-write'],
    },
    {
      case: 'ds-data:AddGroupMember next to the ds:AccessDSData gate (the gate hides no write)',
      action: ['ds:AccessDSData', 'ds-data:AddGroupMember', 'ds-data:CreateUser'],
      categories: ['wildcard-resource-write'],
    },
  ])('a change named like a read stays a change: $case', ({ action, categories }) => {
    expect(categoriesOf(allow(action))).toEqual(categories);
  });

  test('no resource-exposure message names a Read or List action', () => {
    const verdict = judgePolicy(
      allow(['quicksight:*', 'billing:*', 'iot:*', 'glue:*', 'ssm-sap:*']),
    );
    const exposure = verdict.findings.filter((f) => f.category === 'resource-exposure');
    const reads = exposure.flatMap((f) =>
      f.actions.filter((a) => ['Read', 'List'].includes(lookupAction(a)?.accessLevel ?? '')),
    );
    expect(exposure.length).toBeGreaterThan(0);
    expect(reads).toEqual([]);
  });
});

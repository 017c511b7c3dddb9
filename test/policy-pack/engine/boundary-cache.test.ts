/** A boundary is judged once per document text: copies reuse it, a changed document does not. */
import { judgeEffectivePermissions } from '../../../policy-pack/engine';

const agentPolicy = {
  source: 'inline:agent',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*' }],
  },
};

function boundary(denied: string[]): { source: string; document: object } {
  return {
    source: 'inline:boundary',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: denied, Resource: '*' },
      ],
    },
  };
}

function categories(denied: string[], shared?: { source: string; document: object }): string[] {
  const verdict = judgeEffectivePermissions({
    policies: [agentPolicy],
    boundary: shared ?? boundary(denied),
  });
  return [...new Set(verdict.findings.map((f) => f.category))].sort();
}

describe('permissions boundary cache', () => {
  test('a copy of the same boundary gives the same verdict', () => {
    expect(categories(['iam:*'])).toEqual(['data-exfiltration']);
    expect(categories(['iam:*'])).toEqual(['data-exfiltration']);
  });

  test('a different boundary is judged afresh', () => {
    expect(categories(['s3:*'])).toEqual(['resource-exposure', 'wildcard-resource-write']);
  });

  test('a boundary object changed in place is not served from the cache', () => {
    const shared = boundary(['iam:*']);
    expect(categories([], shared)).toEqual(['data-exfiltration']);
    const statements = (shared.document as { Statement: { Action: string | string[] }[] })
      .Statement;
    statements[1].Action = ['s3:GetObject'];
    expect(categories([], shared)).toEqual(['resource-exposure', 'wildcard-resource-write']);
  });

  test('boundary problems are reported on every call, not only the first', () => {
    const broken = {
      source: 'inline:broken-boundary',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] },
    };
    for (let i = 0; i < 2; i++) {
      const verdict = judgeEffectivePermissions({ policies: [agentPolicy], boundary: broken });
      expect(verdict.problems).toEqual([
        expect.objectContaining({
          source: 'inline:broken-boundary',
          statement: 0,
          field: 'Action',
          severity: 'error',
        }),
      ]);
    }
  });
});

/**
 * Session actions whose statement requires a read-only session (rules/session-mode.ts): the
 * condition that makes `s3express:CreateSession` a read, and `among`, which limits the question to
 * the session actions a statement grants without changing the answer for them.
 */
import { lookupAction, type CatalogueAction } from '../../../../policy-pack/engine/catalogue';
import { readOnlySessionActions } from '../../../../policy-pack/engine/rules/session-mode';
import type { ConditionBlock } from '../../../../policy-pack/engine/statement';

const session = lookupAction('s3express:CreateSession') as CatalogueAction;
const readOnly: ConditionBlock = { StringEquals: { 's3express:SessionMode': 'ReadOnly' } };

describe('readOnlySessionActions', () => {
  test.each<{ case: string; condition: ConditionBlock | undefined; ids: string[] }>([
    { case: 'StringEquals ReadOnly', condition: readOnly, ids: ['s3express:CreateSession'] },
    {
      case: 'ForAnyValue:StringEqualsIgnoreCase readonly',
      condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 's3express:sessionmode': 'readonly' } },
      ids: ['s3express:CreateSession'],
    },
    {
      case: 'StringEqualsIfExists (true when the key is absent)',
      condition: { StringEqualsIfExists: { 's3express:SessionMode': 'ReadOnly' } },
      ids: [],
    },
    {
      case: 'ReadOnly or ReadWrite',
      condition: { StringEquals: { 's3express:SessionMode': ['ReadOnly', 'ReadWrite'] } },
      ids: [],
    },
    { case: 'no condition', condition: undefined, ids: [] },
  ])('$case → $ids', ({ condition, ids }) => {
    expect([...readOnlySessionActions(condition)].map((a) => a.id)).toEqual(ids);
    expect([...readOnlySessionActions(condition, new Set([session]))].map((a) => a.id)).toEqual(
      ids,
    );
  });

  test('a statement that does not grant the session action is not asked about it', () => {
    expect([...readOnlySessionActions(readOnly, new Set<CatalogueAction>())]).toEqual([]);
  });
});

import * as fs from 'fs';
import {
  FORMAT,
  GENERATED_FILE,
  type ConditionKeyIndex,
} from '../../../policy-pack/engine/build-condition-keys';
import { catalogue, lookupAction } from '../../../policy-pack/engine/catalogue';
import {
  actionsCarryingKey,
  matchesCatalogue,
  requestCarriesKey,
} from '../../../policy-pack/engine/condition-keys';

function action(id: string) {
  const found = lookupAction(id);
  if (!found) throw new Error(`${id} is not in the catalogue`);
  return found;
}

describe('condition keys, by catalogue position', () => {
  // Loading rebuilds a missing, stale or other-format file first.
  beforeAll(() => requestCarriesKey(action('s3:ListBucket'), 's3:prefix'));

  test('the generated index has one entry per catalogue action, service by service', () => {
    const index = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as ConditionKeyIndex;
    expect(index.format).toBe(FORMAT);
    expect(matchesCatalogue(index)).toBe(true);
    for (const [service, list] of catalogue().byService) {
      if (index.services[service])
        expect(index.services[service].actions).toHaveLength(list.length);
    }
  });

  test('an index whose entries do not line up with the catalogue is refused', () => {
    const index = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as ConditionKeyIndex;
    index.services.s3.actions.pop();
    expect(matchesCatalogue(index)).toBe(false);
  });

  test.each([
    { id: 's3:ListBucket', key: 's3:prefix', carried: true },
    { id: 's3:GetObject', key: 's3:prefix', carried: false },
    { id: 's3:GetObject', key: 's3:ExistingObjectTag/team', carried: true },
    { id: 'ec2:RunInstances', key: 'ec2:InstanceType', carried: true },
    { id: 'iam:PassRole', key: 'iam:PassedToService', carried: true },
    { id: 'iam:PassRole', key: 's3:prefix', carried: false },
    { id: 'secretsmanager:GetSecretValue', key: 'secretsmanager:SecretId', carried: true },
  ])('$id carries $key: $carried', ({ id, key, carried }) => {
    expect(requestCarriesKey(action(id), key)).toBe(carried);
    expect(actionsCarryingKey(key).has(action(id))).toBe(carried);
  });

  test('the actions carrying a service key are exactly those of which requestCarriesKey holds', () => {
    const carriers = [...actionsCarryingKey('s3:prefix')].map((a) => a.id);
    const expected = catalogue()
      .all.filter((a) => requestCarriesKey(a, 's3:prefix'))
      .map((a) => a.id);
    expect(carriers).toEqual(expected);
    expect(carriers).toContain('s3:ListBucket');
    expect(carriers.every((id) => id.startsWith('s3:'))).toBe(true);
  });
});

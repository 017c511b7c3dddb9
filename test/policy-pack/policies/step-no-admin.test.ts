import { agentNoAdmin } from '../../../policy-pack/policies/no-admin';
import { agentStepNoAdmin } from '../../../policy-pack/policies/step-no-admin';
import * as path from 'path';
import { analyzeResource, loadPolicyConfig, type PackUnderTest } from '../../../offline';
import {
  PACK_ENFORCEMENT_LEVEL,
  PACK_NAME,
  PACK_VERSION,
  policies,
} from '../../../policy-pack/pack';
import { useFixtureClockInEachTest } from '../../support/harness';
import { ADMIN_ARN, allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';
import { inlineRole, stepMandatory, stepRole, stepVerdicts } from './step-fixtures';

useFixtureClockInEachTest();

const FINDING =
  'gives administrator access: 22091 of 22091 actions on any resource, all of IAM included; grant only the exact actions the agent needs, on named resources.';
const PACK: PackUnderTest = {
  name: PACK_NAME,
  version: PACK_VERSION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
};
const REPO_CONFIG = path.resolve(__dirname, '..', '..', '..', 'agent-iam.config.json');

describe('agent-step-no-admin', () => {
  testStepPermissionPolicy(agentStepNoAdmin, agentNoAdmin, {
    risky: allow('*'),
    finding: FINDING,
    scope: 'effective',
  });

  test('AdministratorAccess named in managedPolicyArns is judged at the step: the pack knows it', async () => {
    const role = stepRole((p) => {
      delete p.permissionsBoundary;
      p.managedPolicyArns = [ADMIN_ARN];
    });
    expect(await stepVerdicts(agentStepNoAdmin, role)).toEqual([
      stepMandatory(`Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${FINDING}`),
    ]);
  });

  test('the whole pack blocks a role with "Action": "*" inline at its own step: Analyze alone, no stack call', async () => {
    const role = inlineRole(allow('*'));
    const { diagnostics } = await analyzeResource(PACK, role, loadPolicyConfig(PACK, REPO_CONFIG));
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === 'mandatory');
    expect(mandatory.map((d) => d.policyName)).toEqual(
      expect.arrayContaining(['agent-step-no-admin', 'agent-step-no-wildcard-actions']),
    );
    expect(mandatory.find((d) => d.policyName === 'agent-step-no-admin')?.message).toBe(
      stepMandatory(`Agent "ticket-triager": inline:extra Statement[0] ${FINDING}`).message,
    );
    // Only step policies speak in Analyze; every stack policy waits for AnalyzeStack.
    expect(diagnostics.every((d) => d.policyName.startsWith('agent-step-'))).toBe(true);
  });
});

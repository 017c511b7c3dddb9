/**
 * The cases every permission rule's step policy shares: the risky statement inline on a role
 * tagged as an agent is refused at the role's step, in the stack policy's own words; what needs
 * other resources (a customer boundary, a RolePolicy) is left to the stack policy.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { BOUNDARY_ARN, resource, UNKNOWN, verdictsOf } from '../../support/harness';
import { agentStack, allow, documentOf, type Statement } from './permission-fixtures';
import {
  inlineRole,
  STEP_NOTE,
  STEP_ROLE_URN,
  stepMandatory,
  stepRole,
  stepUnknownAtPreview,
  stepVerdicts,
} from './step-fixtures';

export interface StepPermissionExpectations {
  /** A statement the rule refuses. */
  risky: Statement;
  /** The exact finding on `risky` after `inline:extra Statement[0] `. */
  finding: string;
  /** `effective`: silent when the boundary is another resource; `as-written`: judged anyway. */
  scope: 'effective' | 'as-written';
}

export function testStepPermissionPolicy(
  step: ResourceValidationPolicy,
  stack: StackValidationPolicy,
  expected: StepPermissionExpectations,
): void {
  const { risky, finding, scope } = expected;
  const violation = stepMandatory(`Agent "ticket-triager": inline:extra Statement[0] ${finding}`);

  test(`is named after ${stack.name} and says it blocks at the role's step`, () => {
    expect(step.name).toBe(stack.name.replace(/^agent-/, 'agent-step-'));
    expect(step.description).toMatch(/^At a role's own step, before it is created, /);
  });

  test('the risky statement inline, with no boundary, is a violation at the step', async () => {
    expect(await stepVerdicts(step, inlineRole(risky))).toEqual([violation]);
  });

  test('its message is the stack policy message on the same role, with the step note', async () => {
    const stackResources = agentStack().map((r) =>
      r.type === RESOURCE_TYPES.role ? inlineRole(risky) : r,
    );
    const fromStack = (await verdictsOf(stack, stackResources)).map((v) => v.message);
    expect(fromStack).toContain(violation.message.replace(` ${STEP_NOTE}`, ''));
  });

  test('an exact, scoped statement inline is no violation', async () => {
    expect(
      await stepVerdicts(step, inlineRole(allow(['s3:GetObject'], 'arn:aws:s3:::tickets/in/*'))),
    ).toEqual([]);
  });

  test(
    scope === 'effective'
      ? 'with a boundary from another resource the step says nothing: the stack policy judges it'
      : 'with a boundary from another resource it is still refused: a wildcard is judged as written',
    async () => {
      const role = stepRole((p) => {
        p.permissionsBoundary = BOUNDARY_ARN;
        p.inlinePolicies = [{ name: 'extra', policy: documentOf(risky) }];
      });
      expect(await stepVerdicts(step, role)).toEqual(scope === 'effective' ? [] : [violation]);
    },
  );

  test('a role without the agent tag is not judged at the step', async () => {
    const role = inlineRole(risky);
    role.props.tags = { team: 'support' };
    expect(await stepVerdicts(step, role)).toEqual([]);
  });

  test('a RolePolicy is not judged at its step: the stack policy ties it to its role', async () => {
    const rolePolicy = resource(RESOURCE_TYPES.rolePolicy, 'extra', {
      role: 'agent-ticket-triager',
      policy: documentOf(risky),
    });
    expect(await stepVerdicts(step, rolePolicy)).toEqual([]);
  });

  test('inline policies unknown at preview fail closed', async () => {
    const role = stepRole((p) => {
      delete p.permissionsBoundary;
      p.inlinePolicies = [{ name: 'extra', policy: UNKNOWN }];
    });
    expect(await stepVerdicts(step, role)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: STEP_ROLE_URN,
        message: stepUnknownAtPreview(
          'ticket-triager',
          'the policy document of inline:extra',
          'aws:iam/role:Role "ticket-triager-role".inlinePolicies.0.policy',
        ),
      },
    ]);
  });
}

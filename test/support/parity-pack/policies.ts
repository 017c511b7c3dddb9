/**
 * Policies that take the analyzer server's paths the agent-iam pack does not: every agent-iam
 * policy is a stack policy, so with that pack alone `Analyze` would compare two empty answers.
 * These are resource policies (typed and untyped, a list of validations, a remediate level, a
 * remediation only, a disabled one), object-form reports, config with schema defaults, unknowns
 * at preview, and stack policies that read parents, dependencies and a type filter. They judge
 * the same recorded programs as the real pack; what they report only has to be the same on both
 * sides, so they report what they saw.
 */
import * as pulumi from '@pulumi/pulumi';
import {
  type EnforcementLevel,
  type Policy,
  type PolicyResource,
  remediateResourceOfType,
  type ReportViolation,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
  validateResourceOfType,
  validateStackResourcesOfType,
} from '@pulumi/policy';

export const PARITY_PACK_NAME = 'analyzer-parity';
export const PARITY_PACK_ENFORCEMENT_LEVEL: EnforcementLevel = 'advisory';

/** Stand-ins for the provider classes: the server only reads their `__pulumiType`. */
interface RoleArgs {
  name?: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
class Role extends pulumi.CustomResource {
  static readonly __pulumiType = 'aws:iam/role:Role';
  constructor(name: string, args: RoleArgs, opts?: pulumi.CustomResourceOptions) {
    super(Role.__pulumiType, name, args, opts);
  }
}
interface RolePolicyArgs {
  role?: pulumi.Input<string>;
  policy?: pulumi.Input<string>;
}
class RolePolicy extends pulumi.CustomResource {
  static readonly __pulumiType = 'aws:iam/rolePolicy:RolePolicy';
  constructor(name: string, args: RolePolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(RolePolicy.__pulumiType, name, args, opts);
  }
}
class Bucket extends pulumi.CustomResource {
  static readonly __pulumiType = 'aws:s3/bucket:Bucket';
  constructor(name: string, args: Record<string, never>, opts?: pulumi.CustomResourceOptions) {
    super(Bucket.__pulumiType, name, args, opts);
  }
}

/**
 * The server (and `offline/analyzer.ts`) also accept a violation object, which `@pulumi/policy`'s
 * declarations leave out of `ReportViolation`.
 */
type ViolationObject = {
  message?: string;
  description?: string;
  urn?: string;
  severity?: string;
  enforcementLevel?: EnforcementLevel;
};
const reportObject = (report: ReportViolation, violation: ViolationObject) =>
  (report as unknown as (violation: ViolationObject) => void)(violation);

const names = (resources: PolicyResource[]) => resources.map((r) => r.name).join(', ');

const resourcePolicies: ResourceValidationPolicy[] = [
  {
    name: 'parity-role-tags',
    description: 'Typed: a role carries the tags the config requires.',
    enforcementLevel: 'mandatory',
    severity: 'high',
    configSchema: {
      properties: {
        requiredTags: {
          type: 'array',
          items: { type: 'string' },
          default: ['agent:name', 'agent:owner', 'agent:expires-on'],
        },
      },
    },
    // Reads every tag, so an unknown tag at preview aborts the call with UnknownValueError.
    validateResource: validateResourceOfType(Role, (role, args, report) => {
      const { requiredTags } = args.getConfig<{ requiredTags: string[] }>();
      const tags = role.tags ?? {};
      for (const key of requiredTags) {
        const value = tags[key];
        if (!value) report(`${args.name} (parent ${args.opts.parent ?? 'none'}) has no "${key}"`);
      }
    }),
  },
  {
    name: 'parity-untyped-list',
    description: 'Untyped, two validations: not-applicable, asType and object-form reports.',
    severity: 'low',
    validateResource: [
      (args, report) => {
        if (!args.isType(Role) && !args.isType(RolePolicy)) {
          args.notApplicable(`only roles and role policies, not ${args.type}`);
        }
        reportObject(report, {
          message: `${args.type} ${args.name}: ${Object.keys(args.props).sort().join(',')}`,
          urn: args.urn,
          severity: 'critical',
        });
      },
      (args, report) => {
        const policy = args.asType(RolePolicy);
        if (policy && typeof policy.policy === 'string' && policy.policy.includes('"*"')) {
          reportObject(report, {
            description: 'A role policy grants "*".',
            enforcementLevel: 'mandatory',
          });
        }
      },
    ],
  },
  {
    name: 'parity-remediate-level',
    description: 'At the remediate level, a violation is reported as mandatory.',
    enforcementLevel: 'remediate',
    validateResource: validateResourceOfType(RolePolicy, (policy, _args, report) => {
      report(`role policy on role ${policy.role}`);
    }),
  },
  {
    name: 'parity-remediation-only',
    description: 'A remediation without a validation is not applicable to Analyze.',
    remediateResource: remediateResourceOfType(Role, () => undefined),
  },
  {
    name: 'parity-disabled',
    description: 'Disabled by the config; it fails if it ever runs.',
    validateResource: () => {
      throw new Error('parity-disabled ran although the config disables it');
    },
  },
];

const stackPolicies: StackValidationPolicy[] = [
  {
    name: 'parity-stack-graph',
    description: 'A stack policy that reports each resource parent and dependencies.',
    enforcementLevel: 'mandatory',
    configSchema: { properties: { label: { type: 'string', default: 'graph' } } },
    validateStack: (args, report) => {
      const { label } = args.getConfig<{ label: string }>();
      report(`${label}: ${args.resources.length} resources`);
      for (const r of args.resources) {
        const byProperty = Object.entries(r.propertyDependencies)
          .map(([key, deps]) => `${key}=[${names(deps)}]`)
          .sort()
          .join(' ');
        const parent = r.parent ? `${r.parent.type}::${r.parent.name}` : 'none';
        report(
          `${r.name}: parent ${parent}; depends on [${names(r.dependencies)}]; ${byProperty}`,
          r.urn,
        );
      }
    },
  },
  {
    name: 'parity-stack-arns',
    description: 'A stack policy that reads every role ARN, unknown at preview.',
    severity: 'medium',
    validateStack: (args, report) => {
      const roles = args.resources.filter((r) => r.isType(Role));
      report(`role ARNs: ${roles.map((r) => String(r.props.arn)).join(', ')}`);
    },
  },
  {
    name: 'parity-stack-typed',
    description: 'A typed stack policy: not applicable to a stack without buckets.',
    validateStack: validateStackResourcesOfType(Bucket, (buckets, _args, report) => {
      report(`${buckets.length} buckets`);
    }),
  },
];

export const parityPolicies: Policy[] = [...resourcePolicies, ...stackPolicies];

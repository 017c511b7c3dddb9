/**
 * The README's argument tables and the zod schemas list the same arguments: every key of the
 * `AgentFleet` and `Agent` schemas (nested keys dotted, list items as `[]`) has a row, and every
 * row is a key of the schema.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { z } from 'zod';
import { agentDeclarationSchema, agentFleetSchema } from '../../components/declaration';
import { DEFAULT_LIMITS } from '../../components/declaration/limits';
import { auditTrailSchema } from '../../components/declaration/audit-trail-schema';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The argument paths of a schema: an object's keys, dotted into nested objects; a list of objects
 * as `key[].field`; the options of a union merged. `stop` names keys that are not descended into.
 */
function argumentPaths(schema: z.ZodType, prefix = '', stop: string[] = []): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return argumentPaths(def.innerType as z.ZodType, prefix, stop);
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => argumentPaths(o, prefix, stop)))];
    case 'array': {
      const inner = argumentPaths(def.element as z.ZodType, `${prefix}[]`, stop);
      return inner.length > 0 && inner[0] !== `${prefix}[]` ? inner : [prefix];
    }
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => {
        const at = prefix === '' ? key : `${prefix}.${key}`;
        if (stop.includes(at)) return [at];
        const nested = argumentPaths(value, at, stop);
        return nested.length > 0 ? nested : [at];
      });
    default:
      return [prefix];
  }
}

/** The first column of the table that follows `heading` (a line starting with it). */
function tableArguments(heading: string): string[] {
  const after = README.split('\n').findIndex((line) => line.startsWith(heading));
  expect(after).toBeGreaterThanOrEqual(0);
  const lines = README.split('\n').slice(after + 1);
  const start = lines.findIndex((line) => line.startsWith('| argument |'));
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(/^\| `([^`]+)` \|/.exec(line)?.[1] ?? line);
  }
  return rows;
}

const context = { limits: DEFAULT_LIMITS, now: new Date() };
const sorted = (list: string[]) => [...list].sort();

describe('README argument tables', () => {
  test('the AgentFleet table lists every fleet argument and no other', () => {
    const keys = argumentPaths(agentFleetSchema(context), '', ['agents']);
    expect(sorted(tableArguments('`new AgentFleet(name, args, opts?)`'))).toEqual(sorted(keys));
  });

  test('the Agent table lists every agent argument, and the fleet, and no other', () => {
    const keys = argumentPaths(agentDeclarationSchema(context), '', ['tags']);
    expect(sorted(tableArguments('`new Agent(name, args, opts?)`'))).toEqual(
      sorted([...keys, 'fleet']),
    );
  });

  test('the AgentAuditTrail table lists every audit trail argument and no other', () => {
    const keys = argumentPaths(auditTrailSchema);
    expect(sorted(tableArguments('`new AgentAuditTrail(name, args, opts?)`'))).toEqual(
      sorted(keys),
    );
  });

  test('the walk reads nested objects, unions and lists', () => {
    const keys = argumentPaths(agentFleetSchema(context), '', ['agents']);
    expect(keys).toEqual(
      expect.arrayContaining(['awsSecretsEngine.rotationPeriod', 'appRoleAuth.accessor', 'tags']),
    );
    expect(argumentPaths(agentDeclarationSchema(context))).toContain('permissions[].actions');
  });
});

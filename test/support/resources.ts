/**
 * The building blocks of every pack fixture: the stack, the fixture clock and resources with the
 * URNs the engine gives them. `compliant-agent.ts` and `harness.ts` build on it.
 */
import type { AnalyzedResource } from '../../offline';
import { ACCOUNT_ID } from './constants';

export const STACK = 'dev';
export const PROJECT = 'agent-iam';
export const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary`;
/** The clock of every fixture: agents expire 2026-05-01, 61 days later. */
export const FIXTURE_NOW = new Date('2026-03-01T12:00:00Z');
export const FIXTURE_EXPIRES_ON = '2026-05-01';

/** Freezes `Date` at `now` (default FIXTURE_NOW) without faking promises or ticks. */
export function useFixtureClock(now: Date = FIXTURE_NOW): void {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

function qualifiedTypeOf(urn: string): string {
  // urn:pulumi:<stack>::<project>::<qualified type>::<name>
  return urn.split('::')[2];
}

/** A resource as the engine sends it, with a URN that nests under its parent's type chain. */
export function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  options: { parent?: AnalyzedResource | string } = {},
): AnalyzedResource {
  const parentUrn = typeof options.parent === 'string' ? options.parent : options.parent?.urn;
  const qualified = parentUrn ? `${qualifiedTypeOf(parentUrn)}$${type}` : type;
  return {
    type,
    name,
    urn: `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`,
    props,
    ...(parentUrn ? { parent: parentUrn } : {}),
  };
}

export const roleArn = (name: string, path = '/'): string =>
  `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;

/** The identity rules, one home each: owner, expiry and lifetime, session length, trust. */
export { OWNER_FORMAT_HINT, ownerProblem, parseOwner } from './owner';
export type { Owner, OwnerProblem, OwnerRegistry } from './owner';
export { dayAfter, expiryProblem } from './expiry';
export type { ExpiryProblem } from './expiry';
export { STS_BOUNDS, effectiveMaxSession, maxSessionFor, sessionTooLong } from './session';
export type { SessionBounds } from './session';
export {
  SESSION_TAG_CONDITION_KEY,
  isWholeAccount,
  principalProblem,
  sessionTagValues,
} from './trust';

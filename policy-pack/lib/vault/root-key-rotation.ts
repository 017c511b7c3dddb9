/**
 * How often Vault rotates the static root key of an AWS secrets engine (`vault.aws.SecretBackend`
 * `rotationPeriod`, `rotationSchedule`, `disableAutomatedRotation`; Vault's AWS secrets engine
 * API, "Configure root IAM credentials", 1.19). A key rotated less often than the configured
 * maximum is a long-lived credential; a value that cannot be read counts as not rotated.
 */
import { formatDuration } from '../conventions';
import type { Known } from '../unknowns';
import { longestCronInterval } from './cron-interval';
import { readVaultDuration } from './durations';

export interface RotationProblem {
  /** Set when a value is unknown at preview: the property, and its path. */
  unknown?: string;
  path?: string;
  /** Set when the key is not rotated often enough: why, as a clause after "root access key,". */
  message?: string;
}

const long = (seconds: number) => `${seconds} seconds (${formatDuration(seconds)})`;

export function rotationProblem(
  period: Known<unknown>,
  schedule: Known<unknown>,
  disabled: Known<unknown>,
  maxSeconds: number,
): RotationProblem {
  if (!period.known) return { unknown: 'rotationPeriod', path: period.path };
  if (!schedule.known) return { unknown: 'rotationSchedule', path: schedule.path };
  if (!disabled.known) return { unknown: 'disableAutomatedRotation', path: disabled.path };
  if (disabled.value === true) {
    return { message: 'whose rotation is turned off (disableAutomatedRotation)' };
  }
  const readPeriod = readVaultDuration(period.value);
  if (!readPeriod.ok) return { message: `whose rotationPeriod ${readPeriod.problem}` };
  const cron =
    schedule.value === undefined || schedule.value === null || schedule.value === ''
      ? undefined
      : typeof schedule.value === 'string'
        ? schedule.value
        : JSON.stringify(schedule.value);
  if (!readPeriod.seconds && cron === undefined) {
    return { message: 'which Vault never rotates (no rotationPeriod or rotationSchedule)' };
  }
  if (readPeriod.seconds && readPeriod.seconds > maxSeconds) {
    return {
      message: `which Vault rotates only every ${long(readPeriod.seconds)} (rotationPeriod), longer than ${long(maxSeconds)}`,
    };
  }
  if (cron !== undefined) {
    const interval = longestCronInterval(cron);
    if (!interval.ok) {
      return {
        message: `whose rotationSchedule ${interval.problem}, so when it rotates cannot be told`,
      };
    }
    if (interval.longestSeconds > maxSeconds) {
      return {
        message: `whose rotationSchedule "${cron}" leaves up to ${long(interval.longestSeconds)} between rotations, longer than ${long(maxSeconds)}`,
      };
    }
  }
  return {};
}

import { longestCronInterval } from '../../../../policy-pack/lib/vault/cron-interval';

const DAY = 86_400;

describe('longestCronInterval: the longest wait between two runs', () => {
  test.each<{ case: string; expression: string; longest: number }>([
    { case: 'every Saturday at 03:00', expression: '0 3 * * SAT', longest: 7 * DAY },
    {
      case: 'every hour on Saturdays (the wait is to next Saturday)',
      expression: '0 * * * SAT',
      longest: 6 * DAY + 3600,
    },
    { case: 'daily', expression: '@daily', longest: DAY },
    { case: 'hourly', expression: '@hourly', longest: 3600 },
    { case: 'monthly: the longest month', expression: '@monthly', longest: 31 * DAY },
    { case: 'yearly', expression: '0 0 1 1 *', longest: 366 * DAY },
    {
      case: 'every 15th and every Monday (either day field matches)',
      expression: '0 0 15 * MON',
      longest: 7 * DAY,
    },
    { case: 'day of month with a step', expression: '0 0 */10 * *', longest: 10 * DAY },
    { case: 'February 29th: four years', expression: '0 0 29 2 *', longest: 1461 * DAY },
    { case: '@every with a duration', expression: '@every 36h', longest: 36 * 3600 },
    { case: 'a time zone prefix is ignored', expression: 'CRON_TZ=UTC 0 3 * * *', longest: DAY },
  ])('$case', ({ expression, longest }) => {
    expect(longestCronInterval(expression)).toEqual({ ok: true, longestSeconds: longest });
  });

  test.each<{ case: string; expression: string; problem: string }>([
    {
      case: 'six fields',
      expression: '0 0 3 * * SAT',
      problem: '"0 0 3 * * SAT" has 6 fields; write five (minute hour day month weekday)',
    },
    {
      case: 'a day that never comes',
      expression: '0 0 31 2 *',
      problem: '"0 0 31 2 *" never runs',
    },
    {
      case: 'an hour out of range',
      expression: '0 25 * * *',
      problem: '"0 25 * * *" hour 25 is outside 0-23',
    },
    {
      case: 'a weekday name that is not one',
      expression: '0 0 * * SATURDAY',
      problem: '"0 0 * * SATURDAY" "SATURDAY" is not a day of week',
    },
    {
      case: 'an unreadable @every',
      expression: '@every soon',
      problem: '"@every soon" has no readable interval',
    },
  ])('$case is a problem', ({ expression, problem }) => {
    expect(longestCronInterval(expression)).toEqual({ ok: false, problem });
  });
});

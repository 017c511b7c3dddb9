/**
 * An agent declared through the components whose expiry date has passed. AWS already refuses it
 * (every Allow carries the date), and the component suspends it: its role keeps only a policy that
 * denies everything, its Vault AWS role is gone and its AppRole login is disabled. The program does
 * not fail, so the rest of the stack is still judged; the check shows the agent as EXPIRED and
 * says, as an advisory, to renew it or remove it. Expect exit 0.
 */
import { Agent } from '../../components';
import { daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();

new Agent('quarterly-reporter', {
  fleet,
  owner: 'team:finance',
  purpose: 'Wrote the third-quarter report',
  expiresOn: daysFromToday(-3),
  permissions: [{ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::finance-reports/q3/*'] }],
});

/**
 * Wrong: the Vault role issues 12-hour credentials (and the role allows 12-hour sessions), so a
 * leaked key stays valid all day. Expect agent-vault-credential-ttl.
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('sales-exporter', {
  defaultStsTtl: 43_200,
  maxStsTtl: 43_200,
  maxSessionDuration: 43_200,
});

/**
 * Wrong: the agent expired on 2025-01-31 and is still deployed. Expect agent-expiry-required.
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('sales-exporter', { tags: { 'agent:expires-on': '2025-01-31' } });

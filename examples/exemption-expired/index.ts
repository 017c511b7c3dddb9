/**
 * The same legacy agent, but its exemption in `agent-iam.config.json` expired on 2025-01-31: the
 * violation counts again and the report says the exemption expired (exit 1):
 *   npm start -- --program examples/exemption-expired --policy-config examples/exemption-expired/agent-iam.config.json
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('legacy-exporter', { permissionsBoundary: null });

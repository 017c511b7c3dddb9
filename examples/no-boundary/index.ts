/**
 * Wrong: the agent's role has no permissions boundary, so nothing caps what a later policy
 * attachment can grant it. Expect agent-permissions-boundary-required.
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('sales-exporter', { permissionsBoundary: null });

/**
 * An approved exception: a legacy agent that cannot have a permissions boundary yet. Its
 * exemption in `policy-config.json` (approved, not expired) turns the violation into an advisory
 * that names the approver and the date, so the check passes (exit 0):
 *   npm start -- --program examples/exemption-valid --policy-config examples/exemption-valid/policy-config.json
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('legacy-exporter', { permissionsBoundary: null });

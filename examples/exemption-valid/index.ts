/**
 * An approved exception: a legacy agent that cannot have a permissions boundary yet. Its
 * exemption in `policy-config.json` (approved, not expired) turns the violation into an advisory
 * that names the approver and the date, so the check passes (exit 0).
 *
 * The exemption runs to 2030-12-31 only so that this example (and its golden output) stays valid
 * for years without a clock; a real exemption is short, until the fix ships, e.g. a quarter.
 * `exemption-expired` is the same agent once its exemption has lapsed.
 *
 *   npm start -- --program examples/exemption-valid --policy-config examples/exemption-valid/policy-config.json
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('legacy-exporter', { permissionsBoundary: null });

/**
 * An approved exception: a legacy agent that cannot have a permissions boundary yet. Its
 * exemption in `agent-iam.config.json` (approved, not expired) turns the violation into an advisory
 * that names the approver and the date, so the check passes (exit 0).
 *
 * The exemption is bound to the role (`roleName`), approved by a configured approver
 * (`exemptionApprovers`) who is not the agent's owner, and runs at most `maxExemptionDays` (90 by
 * default). Its date is fixed in the file, so run by hand after it has passed, the example shows
 * the violation again, as it should; the test moves the date to 30 days from today.
 * `exemption-expired` is the same agent once its exemption has lapsed.
 *
 *   npm start -- --program examples/exemption-valid --policy-config examples/exemption-valid/agent-iam.config.json
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('legacy-exporter', { permissionsBoundary: null });

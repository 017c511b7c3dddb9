/**
 * The engine's verdict on an agent's effective permissions. The seven permission policies each
 * ask for the same role's verdict; it is computed once and cached by the documents' text.
 */
import { judgeEffectivePermissions, type PolicyVerdict } from '../../engine';
import { Memo } from '../../engine/memo';
import type { AgentPermissions } from './gather';

const verdicts = new Memo<string, PolicyVerdict>({ limit: 4096 });

export function judgeAgentPermissions(permissions: AgentPermissions): PolicyVerdict {
  return verdicts.get(permissions.fingerprint, () =>
    judgeEffectivePermissions(permissions.permissions),
  );
}

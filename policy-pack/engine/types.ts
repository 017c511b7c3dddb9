/** The engine's verdict types, shared by the pack, the components and `agent-iam lint`. */
export type FindingCategory =
  | 'admin'
  | 'wildcard-action'
  | 'wildcard-resource-write'
  | 'privilege-escalation'
  | 'data-exfiltration'
  | 'credentials-exposure'
  | 'resource-exposure';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface Finding {
  category: FindingCategory;
  severity: Severity;
  /** source: which document, when judging a role's effective permissions. */
  statement: { index: number; sid?: string; source?: string };
  actions: string[];
  resources: string[];
  message: string;
  privescMethod?: string;
  /** A known escalation path beyond the privilege-escalation methods: its pathfinding.cloud id. */
  escalationPath?: string;
  /** How many actions the finding covers when `actions` lists only the first ones. */
  totalActions?: number;
}

export interface DocumentProblem {
  statement?: number;
  sid?: string;
  /** e.g. "Statement", "Effect", "Action[2]". */
  field: string;
  value: unknown;
  message: string;
  /** error: the document is malformed (AWS would reject it); warning: e.g. an unknown action name. */
  severity?: 'error' | 'warning';
  /** which document, when judging a role's effective permissions. */
  source?: string;
}

export interface PolicyVerdict {
  overPermissioned: boolean;
  findings: Finding[];
  problems: DocumentProblem[];
}

export interface PolicySource {
  /** e.g. "inline:foo", "arn:aws:iam::aws:policy/ReadOnlyAccess". */
  source: string;
  document: unknown;
}

export interface RolePermissions {
  policies: PolicySource[];
  boundary?: PolicySource;
}

/** Stable codes of structure issues, shared by the validator, the API and the CLI. */
export type StructureIssueCode =
  | 'UNKNOWN_COMPONENT'
  | 'NOT_ALLOWED_CHILD'
  | 'TOO_MANY'
  | 'TOO_FEW'
  | 'MISSING_REQUIRED'
  | 'NEEDS_WRAPPER'
  | 'INVALID_ROOT'
  | 'TOO_DEEP';

export interface StructureIssue {
  code: StructureIssueCode;
  /** Readable path into the tree, e.g. `Card > sections[0] Section > widgets[2] Button`. */
  path: string;
  message: string;
  /** Suggested repair, e.g. `wrap Button in ButtonList`. */
  fix?: string;
}

export interface StructureValidation {
  valid: boolean;
  issues: StructureIssue[];
}

import type { PayloadIssue } from '@infusion/shared';

/** Messages to show next to a form's fields, and those that belong to no field shown. */
export interface PlacedIssues {
  byField: Readonly<Record<string, string>>;
  other: readonly string[];
}

export const NO_ISSUES: PlacedIssues = { byField: {}, other: [] };

/**
 * Places each issue (`entry.medication.name: Required`) at the form field with the longest
 * matching path (`entry.medication`); the first message per field wins. Issues no field
 * matches are returned as `other`, "path: message", for a message at the top of the form.
 */
export function placeIssues(issues: readonly PayloadIssue[], fields: readonly string[]): PlacedIssues {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    let best: string | null = null;
    for (const field of fields) {
      const matches = issue.path === field || issue.path.startsWith(`${field}.`);
      if (matches && (best === null || field.length > best.length)) best = field;
    }
    if (best === null) other.push(issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`);
    else byField[best] ??= issue.message;
  }
  return { byField, other };
}

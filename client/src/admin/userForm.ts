import { CreateUserInput, ROLES, toPayloadIssues, type PayloadIssue, type Role } from '@infusion/shared';
import { placeIssues, type PlacedIssues } from '../charting/fieldErrors';

/** The new-account form as typed. */
export interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export const EMPTY_USER_FORM: UserForm = { username: '', displayName: '', role: 'nurse', password: '' };

export const USER_FIELDS = ['username', 'displayName', 'role', 'password'] as const;

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  nurse: 'Nurse',
  charge: 'Charge nurse',
  admin: 'Administrator',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

/** Checks the form with the server's own schema; the issues land next to their fields. */
export function checkUserForm(
  form: UserForm,
): { ok: true; input: CreateUserInput } | { ok: false; issues: PlacedIssues } {
  const parsed = CreateUserInput.safeParse(form);
  if (parsed.success) return { ok: true, input: parsed.data };
  const placed = placeIssues(toPayloadIssues(parsed.error), USER_FIELDS);
  // An empty field is asked for in words, not as a length.
  const byField = { ...placed.byField };
  for (const [field, message] of Object.entries(EMPTY_MESSAGE)) {
    if (form[field as keyof typeof EMPTY_MESSAGE].trim() === '') byField[field] = message;
  }
  return { ok: false, issues: { byField, other: placed.other } };
}

const EMPTY_MESSAGE = {
  username: 'Enter a username to sign in with',
  displayName: 'Enter the name colleagues will see',
  password: 'Enter a password of at least 10 characters',
} as const;

/** Places a refusal from the server: a taken username belongs next to the username. */
export function refusalIssues(code: string, message: string, issues: readonly PayloadIssue[]): PlacedIssues {
  if (issues.length > 0) return placeIssues(issues, USER_FIELDS);
  if (code === 'conflict') return { byField: { username: message }, other: [] };
  return { byField: {}, other: [message] };
}

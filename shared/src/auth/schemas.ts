import { z } from 'zod';

/** Roles, each allowed everything the one before it is: nurse < charge nurse < admin. */
export const ROLES = ['nurse', 'charge', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Whether `role` may do what `required` may. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** A signed-in user as the dashboard sees them. */
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'use letters, digits, dot, dash or underscore');
/** Long passphrases over complexity rules (NIST SP 800-63B). */
const Password = z.string().min(10, 'at least 10 characters').max(200);

export const LoginInput = z.object({ username: Username, password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof LoginInput>;

export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: Role,
  password: Password,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** First start: the one-time setup code printed by the server makes the first admin. */
export const SetupInput = CreateUserInput.omit({ role: true }).extend({ setupCode: z.string().min(1).max(200) });
export type SetupInput = z.infer<typeof SetupInput>;

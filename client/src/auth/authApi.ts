import type { LoginInput, SetupInput, User } from '@infusion/shared';
import { z } from 'zod';
import { getJson, postJson } from '../api/http';
import { SignedInSchema, WhoAmISchema } from '../api/wire';

/** Who is signed in on this browser, and whether the clinic still needs its first account. */
export function fetchWhoAmI(signal?: AbortSignal): Promise<z.infer<typeof WhoAmISchema>> {
  return getJson('/api/auth/me', WhoAmISchema, signal);
}

export async function signIn(input: LoginInput): Promise<User> {
  return (await postJson('/api/auth/login', input, SignedInSchema)).user;
}

export async function signOut(): Promise<void> {
  await postJson('/api/auth/logout', {}, z.unknown());
}

/** First start: creates the administrator account with the code the server printed. */
export async function setUpFirstAccount(input: SetupInput): Promise<User> {
  return (await postJson('/api/setup', input, SignedInSchema)).user;
}

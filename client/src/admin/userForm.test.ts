import { describe, expect, it } from 'vitest';
import { checkUserForm, EMPTY_USER_FORM, refusalIssues, type UserForm } from './userForm';

const good: UserForm = { username: ' Nora.B ', displayName: 'Nora B', role: 'charge', password: 'long enough pass' };

describe('checkUserForm', () => {
  it('accepts a good form, as the server will read it', () => {
    expect(checkUserForm(good)).toEqual({
      ok: true,
      input: { username: 'nora.b', displayName: 'Nora B', role: 'charge', password: 'long enough pass' },
    });
  });

  it('asks for every empty field in words', () => {
    const check = checkUserForm(EMPTY_USER_FORM);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues.byField).toEqual({
      username: 'Enter a username to sign in with',
      displayName: 'Enter the name colleagues will see',
      password: 'Enter a password of at least 10 characters',
    });
  });

  it.each<[string, Partial<UserForm>, string, RegExp]>([
    ['short password', { password: 'short' }, 'password', /at least 10 characters/],
    ['username with spaces', { username: 'nora b' }, 'username', /letters, digits/],
  ])('%s: the message sits at %s', (_name, change, field, message) => {
    const check = checkUserForm({ ...good, ...change });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues.byField[field]).toMatch(message);
  });
});

describe('refusalIssues', () => {
  it('puts a taken username next to the username', () => {
    expect(refusalIssues('conflict', 'username nora is taken', [])).toEqual({
      byField: { username: 'username nora is taken' },
      other: [],
    });
  });
  it('places the server’s field issues', () => {
    expect(refusalIssues('invalid_payload', 'Invalid user', [{ path: 'password', message: 'too short' }])).toEqual({
      byField: { password: 'too short' },
      other: [],
    });
  });
  it('keeps anything else for the top of the form', () => {
    expect(refusalIssues('forbidden', 'admins only', [])).toEqual({ byField: {}, other: ['admins only'] });
  });
});

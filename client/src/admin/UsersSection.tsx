import type { User } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import { failureIssues, failureMessage, RequestFailure } from '../charting/request';
import { NO_ISSUES, type PlacedIssues } from '../charting/fieldErrors';
import { createUser, fetchUsers } from './api';
import { AdminField } from './AdminField';
import { useList } from './useList';
import { checkUserForm, EMPTY_USER_FORM, refusalIssues, ROLE_LABEL, ROLE_OPTIONS, type UserForm } from './userForm';

/** Accounts: who can sign in, with which role; an administrator adds new ones. */
export function UsersSection() {
  const [users, reload] = useList(fetchUsers);
  return (
    <section className="review-section admin-section" aria-labelledby="admin-users-title" data-testid="admin-users">
      <h2 id="admin-users-title">Accounts</h2>
      <div className="admin-section__body">
        <div>
          {users.phase === 'loading' && <p className="muted">Loading accounts…</p>}
          {users.phase === 'error' && (
            <div className="notice notice--error" role="alert">
              {users.message}.{' '}
              <button type="button" className="button" onClick={reload}>
                Try again
              </button>
            </div>
          )}
          {users.phase === 'ready' && <UserTable users={users.items} />}
        </div>
        <NewUserForm onCreated={reload} />
      </div>
    </section>
  );
}

function UserTable({ users }: { users: readonly User[] }) {
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <table className="review-table" data-testid="user-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((u) => (
          <tr key={u.id} data-testid="user-row">
            <th scope="row">{u.displayName}</th>
            <td className="review-table__mono">{u.username}</td>
            <td>
              <span className={`role-tag role-tag--${u.role}`}>{ROLE_LABEL[u.role]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState<UserForm>(EMPTY_USER_FORM);
  const [issues, setIssues] = useState<PlacedIssues>(NO_ISSUES);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const check = checkUserForm(form);
    if (!check.ok) {
      setIssues(check.issues);
      return;
    }
    setIssues(NO_ISSUES);
    setBusy(true);
    createUser(check.input).then(
      (user) => {
        setBusy(false);
        setForm(EMPTY_USER_FORM);
        setDone(`${user.displayName} (${user.username}) can now sign in as ${ROLE_LABEL[user.role].toLowerCase()}.`);
        onCreated();
      },
      (error: unknown) => {
        setBusy(false);
        const code = error instanceof RequestFailure ? error.code : 'unknown';
        setIssues(refusalIssues(code, failureMessage(error, 'Could not create the account'), failureIssues(error)));
      },
    );
  };
  const set = (change: Partial<UserForm>) => setForm((f) => ({ ...f, ...change }));

  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-user-title"
      data-testid="new-user-form"
    >
      <h3 id="new-user-title">New account</h3>
      {issues.other.map((message) => (
        <div key={message} className="notice notice--error" role="alert">
          {message}
        </div>
      ))}
      {done && (
        <div className="notice notice--info" role="status">
          {done}
        </div>
      )}
      <AdminField id="new-user-name" label="Name shown to colleagues" error={issues.byField.displayName}>
        <input
          value={form.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
          maxLength={80}
          autoComplete="off"
        />
      </AdminField>
      <AdminField
        id="new-user-username"
        label="Username"
        error={issues.byField.username}
        hint="letters, digits, dot, dash or underscore"
      >
        <input
          value={form.username}
          onChange={(e) => set({ username: e.target.value })}
          maxLength={40}
          autoComplete="off"
        />
      </AdminField>
      <AdminField id="new-user-role" label="Role" error={issues.byField.role}>
        <select value={form.role} onChange={(e) => set({ role: e.target.value as UserForm['role'] })}>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </AdminField>
      <AdminField
        id="new-user-password"
        label="First password"
        error={issues.byField.password}
        hint="at least 10 characters; a passphrase is best"
      >
        <input
          type="password"
          value={form.password}
          onChange={(e) => set({ password: e.target.value })}
          autoComplete="new-password"
          maxLength={200}
        />
      </AdminField>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}

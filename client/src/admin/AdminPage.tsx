import { hasRole } from '@infusion/shared';
import { useMemo, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { AuditTable } from '../review/AuditTable';
import { actionText, auditDetails } from '../review/format';
import { fetchAudit } from './api';
import { MonitorsSection } from './MonitorsSection';
import { useList } from './useList';
import { UsersSection } from './UsersSection';
import '../review/review.css';
import './admin.css';

/** `/admin`: accounts, monitors and the whole audit log; administrators only. */
export function AdminPage() {
  const { state } = useAuth();
  if (state.phase !== 'signed-in' || !hasRole(state.user.role, 'admin')) {
    return (
      <section className="admin-page">
        <h1>Administration</h1>
        <div className="notice notice--error" role="alert">
          Only an administrator can manage accounts and monitors.
        </div>
      </section>
    );
  }
  return (
    <section className="admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <UsersSection />
      <MonitorsSection />
      <AuditSection />
    </section>
  );
}

function AuditSection() {
  const [audit, reload] = useList(fetchAudit);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    if (audit.phase !== 'ready') return [];
    const needle = filter.trim().toLowerCase();
    const newest = [...audit.items].sort((a, b) => b.at - a.at || b.id - a.id);
    if (!needle) return newest;
    return newest.filter((e) =>
      [e.userName, e.action, actionText(e.action), e.sessionId ?? '', auditDetails(e.details)].some((text) =>
        text.toLowerCase().includes(needle),
      ),
    );
  }, [audit, filter]);
  return (
    <section className="review-section" aria-labelledby="admin-audit-title" data-testid="admin-audit">
      <div className="admin-audit__head">
        <h2 id="admin-audit-title">Audit log</h2>
        <label className="admin-audit__filter">
          <span>Filter</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="who, what, session…"
          />
        </label>
        <button type="button" className="button button--quiet" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="muted review-note">
        Append-only: entries cannot be changed or deleted. Newest first; the latest 1000 are shown.
      </p>
      {audit.phase === 'loading' && <p className="muted">Loading the audit log…</p>}
      {audit.phase === 'error' && (
        <div className="notice notice--error" role="alert">
          {audit.message}.{' '}
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {audit.phase === 'ready' && <AuditTable entries={shown} showSession testId="global-audit" />}
    </section>
  );
}

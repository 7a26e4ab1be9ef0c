import { hasRole } from '@infusion/shared';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';

/** The menu's link to the admin page, shown to administrators only. */
export function AdminNavLink() {
  const { state } = useAuth();
  if (state.phase !== 'signed-in' || !hasRole(state.user.role, 'admin')) return null;
  return <Link to="/admin">Admin</Link>;
}

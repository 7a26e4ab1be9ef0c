import { useConnectionView } from './ConnectionContext';
import { STATUS_LABEL } from './connectionStatus';

/** Always visible in the top bar: says whether what the screen shows is live. */
export function ConnectionStatusPill() {
  const { status } = useConnectionView();
  return (
    <span className={`connection-pill connection-pill--${status}`} data-testid="connection-status" role="status">
      <span className="connection-pill__dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  );
}

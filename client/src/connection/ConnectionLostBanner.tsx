import { formatClockSeconds, formatSpan } from '../time/format';
import { useConnectionView, useServerNow } from './ConnectionContext';

/** Full-width and loud: nothing on screen is live while this shows. */
export function ConnectionLostBanner() {
  const { status, lostSince, problem } = useConnectionView();
  if (status !== 'lost' || lostSince === null) return null;
  return <LostBanner lostSince={lostSince} problem={problem} />;
}

function LostBanner({ lostSince, problem }: { lostSince: number; problem: string | null }) {
  const now = useServerNow();
  return (
    <div className="connection-lost" data-testid="connection-lost" role="alert">
      <strong className="connection-lost__title">CONNECTION LOST</strong>
      <span>
        No contact with the server since {formatClockSeconds(lostSince)} ({formatSpan(now - lostSince)} ago). Values on
        this screen are not live and alarms may not show or sound. Watch patients directly.
      </span>
      {problem && <span className="connection-lost__problem">Last error: {problem}</span>}
    </div>
  );
}

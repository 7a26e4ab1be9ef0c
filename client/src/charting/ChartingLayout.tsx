import { isMonitored, type ClinicalEvent, type Session } from '@infusion/shared';
import type { ReactNode } from 'react';
import { ChartingPanel } from './ChartingPanel';
import { Timeline } from './Timeline';
import './charting.css';

/**
 * The live view with charting beside it: the monitor on the left, what to chart and the
 * timeline of what was charted on the right (below, on a narrow screen).
 */
export function ChartingLayout({
  session,
  events,
  children,
}: {
  session: Session;
  events: readonly ClinicalEvent[];
  children: ReactNode;
}) {
  const open = isMonitored(session.state);
  return (
    <div className="charting-layout">
      <div className="charting-layout__main">{children}</div>
      <aside className="charting-layout__side" aria-label="Charting">
        <div className="charting-layout__scroll">
          {open ? (
            <ChartingPanel session={session} events={events} />
          ) : (
            <p className="charting__closed muted">
              {session.state === 'scheduled'
                ? 'Charting opens when the pre-check starts.'
                : 'The session has ended: its log is closed.'}
            </p>
          )}
          <Timeline sessionId={session.id} events={events} canCorrect={open} />
        </div>
      </aside>
    </div>
  );
}

import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { AlarmBar } from '../alarms/AlarmBar';
import { ChangeLimits } from '../alarms/ChangeLimits';
import type { AlarmActions } from '../alarms/AlarmRow';
import { RecentAlarms } from '../alarms/RecentAlarms';
import { useAlarmTones } from '../alarms/useAlarmTones';
import { ChartingLayout } from '../charting/ChartingLayout';
import { useConnectionView } from '../connection/ConnectionContext';
import { LifecycleBar } from '../lifecycle/LifecycleBar';
import { chartMarkers } from './chartMarkers';
import type { LiveSessionStore, ReconnectNote } from './liveSession';
import type { LiveSessionData } from './liveSessionState';
import { CHART_WINDOW_MS } from './readingBuffer';
import { SessionChart, useChartLines, type ChartKind } from './SessionCharts';
import { SessionHeader } from './SessionHeader';
import { useLiveSession } from './useLiveSession';
import { PrimaryTile, SecondaryTiles } from './VitalTiles';
import './session.css';

const ROWS: readonly ChartKind[] = ['hr', 'bp', 'spo2', 'rr'];

/** `/sessions/:id`: one patient's live monitor. */
export function SessionViewPage() {
  const { id = '' } = useParams();
  return <LiveSession key={id} sessionId={id} />;
}

function LiveSession({ sessionId }: { sessionId: string }) {
  const { view, store } = useLiveSession(sessionId);
  switch (view.phase) {
    case 'loading':
      return (
        <div className="session-view session-view--pending" data-testid="session-view" aria-busy="true">
          <p className="muted">Loading session…</p>
        </div>
      );
    case 'error':
      return (
        <div className="session-view session-view--pending" data-testid="session-view">
          <div className="notice notice--error" role="alert">
            {view.error.code === 'not_found'
              ? 'No such session.'
              : `Could not open this session: ${view.error.message}.`}
          </div>
          <Link to="/">Back to the sessions</Link>
        </div>
      );
    case 'ready':
      return <Monitor data={view.data} note={view.note} watchError={view.watchError?.message ?? null} store={store} />;
  }
}

function Monitor({
  data,
  note,
  watchError,
  store,
}: {
  data: LiveSessionData;
  note: ReconnectNote | null;
  watchError: string | null;
  store: LiveSessionStore;
}) {
  useAlarmTones(data.alarms);
  const connection = useConnectionView();
  const audioPauseSec = data.profile.audioPauseSec;
  const actions = useMemo<AlarmActions>(
    () => ({
      acknowledge: (alarmId) => store.acknowledge(alarmId),
      pauseAudio: (alarmId) => store.pauseAudio(alarmId),
      audioPauseSec,
    }),
    [store, audioPauseSec],
  );
  const lines = useChartLines(data.buffers);
  const { clinicalEvents, windowEnd } = data;
  const markers = useMemo(
    () => chartMarkers(clinicalEvents, windowEnd - CHART_WINDOW_MS, windowEnd),
    [clinicalEvents, windowEnd],
  );

  return (
    <div className="session-view" data-testid="session-view">
      <AlarmBar alarms={data.alarms} actions={actions} live={connection.status === 'live'} />
      <SessionHeader session={data.session} />
      <LifecycleBar
        session={data.session}
        profile={data.profile}
        latestSbp={data.latest.sbp?.value}
        latestSpo2={data.latest.spo2?.value}
      />
      <ChangeLimits sessionId={data.session.id} onChanged={(profile) => store.applyProfile(profile)} />
      {note && (
        <div className="notice notice--info" role="status" data-testid="reconnect-note">
          Reconnected – filled in {note.filled} {note.filled === 1 ? 'reading' : 'readings'}
        </div>
      )}
      {watchError && (
        <div className="notice notice--error" role="alert">
          Not receiving this session’s updates: {watchError}. Retrying…
        </div>
      )}
      <ChartingLayout session={data.session} events={clinicalEvents}>
        <div className="monitor">
          {ROWS.map((kind) => (
            <div className="monitor__row" key={kind}>
              <SessionChart
                kind={kind}
                lines={lines[kind]}
                profile={data.profile}
                windowEnd={data.windowEnd}
                markers={markers}
              />
              <PrimaryTile kind={kind} data={data} />
            </div>
          ))}
        </div>
        <SecondaryTiles data={data} />
        <RecentAlarms sessionId={data.session.id} />
      </ChartingLayout>
    </div>
  );
}

// Escalated alarms from any session, shown on every screen until someone acknowledges them.
import { Alarm, AlarmEvent, Session } from '@infusion/shared';
import { parseEach } from '../api/wire';
import type { DashboardConnection } from '../connection/dashboardConnection';
import { watchWard } from '../connection/socket';
import { sortAlarms } from './alarmList';
import { applyToEscalations, isOpenEscalation } from './escalations';

export interface WardEscalationsView {
  escalations: readonly Alarm[];
  /** Chair or room per session id, from the ward snapshot. */
  locations: ReadonlyMap<string, string>;
}

type Listener = () => void;

export class WardEscalations {
  private view: WardEscalationsView = { escalations: [], locations: new Map() };
  private readonly listeners = new Set<Listener>();

  constructor(private readonly connection: DashboardConnection) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): WardEscalationsView => this.view;

  start(): () => void {
    const { socket } = this.connection;
    socket.on('connect', this.onConnect);
    socket.on('ward:escalation', this.onEvent);
    socket.on('alarm:event', this.onEvent);
    if (socket.connected) this.onConnect();
    return () => {
      socket.off('connect', this.onConnect);
      socket.off('ward:escalation', this.onEvent);
      socket.off('alarm:event', this.onEvent);
    };
  }

  private onConnect = (): void => {
    // Escalations need alarms and chair names, not every session's readings.
    void watchWard(this.connection.socket, { readings: false }).then((result) => {
      if (!result.ok) {
        console.warn('Could not watch the ward for escalations', result.error);
        return;
      }
      const sessions = parseEach(Session, result.data.sessions, 'session');
      const alarms = parseEach(Alarm, result.data.alarms, 'alarm');
      this.setView({
        escalations: sortAlarms(alarms.filter(isOpenEscalation)),
        locations: new Map(sessions.map((s) => [s.id, s.location])),
      });
    });
  };

  private onEvent = (raw: unknown): void => {
    const event = AlarmEvent.safeParse(raw);
    if (!event.success) return; // The live session view reports malformed alarm events.
    const escalations = applyToEscalations(this.view.escalations, event.data);
    if (escalations !== this.view.escalations) this.setView({ ...this.view, escalations });
  };

  private setView(view: WardEscalationsView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}

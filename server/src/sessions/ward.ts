import {
  DEFAULT_PROFILE,
  activeAlarms,
  initialAlarmState,
  isMonitored,
  stepAlarmReadings,
  stepAlarms,
  type Alarm,
  type AlarmReadingInput,
  type AlarmEngineState,
  type AlarmEvent,
  type AlarmInput,
  type AlarmStepResult,
  type ClinicalEvent,
  type Reading,
  type Session,
  type ThresholdProfile,
} from '@infusion/shared';
import type { Store } from '../store/store.js';
import { GroupCommitter, type UnitOfWork } from '../store/unit-of-work.js';

/** Where the ward's live news goes: the dashboard namespace in the server, a recorder in tests. */
export interface WardBroadcaster {
  readings(sessionId: string, readings: Reading[]): void;
  alarmEvents(sessionId: string, events: AlarmEvent[]): void;
  sessionUpdated(session: Session): void;
  clinicalEvent(event: ClinicalEvent): void;
  profileChanged(sessionId: string, profile: ThresholdProfile): void;
}

/** Profile id under which a session's own limits are kept. */
export const sessionProfileId = (sessionId: string): string => `session:${sessionId}`;

/**
 * The ward as the server holds it in memory: the sessions being monitored, which monitor
 * feeds which session, and each session's alarm engine state. The store is the truth; this
 * is rebuilt from it at start-up, which is how a restart restores active and latched alarms.
 */
export class Ward {
  private readonly sessions = new Map<string, Session>();
  private readonly deviceSessions = new Map<string, string>();
  private readonly alarmStates = new Map<string, AlarmEngineState>();
  private readonly profiles = new Map<string, ThresholdProfile>();
  readonly committer: GroupCommitter;

  constructor(
    private readonly store: Store,
    private readonly broadcaster: WardBroadcaster,
    now: number,
  ) {
    for (const state of store.loadAlarmStates()) this.alarmStates.set(state.sessionId, state);
    this.committer = new GroupCommitter(store, store.openWriter(), this.alarmStates);
    if (!store.getProfile(DEFAULT_PROFILE.id)) store.saveProfile(DEFAULT_PROFILE);
    for (const session of store.listSessions()) {
      if (isMonitored(session.state)) this.track(session, now);
    }
  }

  private track(session: Session, now: number): void {
    this.sessions.set(session.id, session);
    for (const [device, sessionId] of this.deviceSessions) {
      if (sessionId === session.id && device !== session.deviceId) this.deviceSessions.delete(device);
    }
    if (session.deviceId) this.deviceSessions.set(session.deviceId, session.id);
    if (!this.alarmStates.has(session.id)) {
      this.alarmStates.set(session.id, initialAlarmState(session.id, session.state, session.baseline, now));
    }
  }

  /** The session a monitor's readings go to, if it is bound to a monitored one. */
  sessionForDevice(deviceId: string): Session | null {
    const id = this.deviceSessions.get(deviceId);
    return id ? (this.sessions.get(id) ?? null) : null;
  }

  monitoredSessions(): Session[] {
    return [...this.sessions.values()];
  }

  /** The limits in force for a session: its own, where a charge nurse changed them, else its protocol's. */
  profileFor(session: Session): ThresholdProfile {
    const key = sessionProfileId(session.id);
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.store.getProfile(key) ?? this.store.getProfile(session.protocolId) ?? DEFAULT_PROFILE;
      this.profiles.set(key, profile);
    }
    return profile;
  }

  /** A charge nurse changed a session's limits: store them and let the engine judge afresh. */
  async changeSessionProfile(session: Session, profile: ThresholdProfile, now: number): Promise<void> {
    const key = sessionProfileId(session.id);
    this.store.saveProfile({ ...profile, id: key });
    this.profiles.set(key, { ...profile, id: key });
    await this.committer.submit((uow) => {
      if (this.sessions.has(session.id)) this.feedAlarms(uow, session.id, { type: 'profile-changed', at: now });
    });
    this.broadcaster.profileChanged(session.id, this.profileFor(session));
  }

  alarmsFor(sessionId: string): Alarm[] {
    const state = this.alarmStates.get(sessionId);
    return state ? activeAlarms(state) : [];
  }

  allAlarms(): Alarm[] {
    return [...this.alarmStates.keys()].flatMap((id) => this.alarmsFor(id));
  }

  /**
   * Feeds one input to a session's alarm engine inside a unit of work: the new state and
   * events are written with the rest of the group, and broadcast only after the commit.
   */
  feedAlarms(uow: UnitOfWork, sessionId: string, input: AlarmInput): AlarmStepResult | null {
    return this.step(uow, sessionId, (profile, state) => stepAlarms(profile, state, input));
  }

  /** A batch's stored readings, in order, to the session's alarm engine in one step. */
  feedReadings(uow: UnitOfWork, sessionId: string, inputs: readonly AlarmReadingInput[]): void {
    this.step(uow, sessionId, (profile, state) => stepAlarmReadings(profile, state, inputs));
  }

  private step(
    uow: UnitOfWork,
    sessionId: string,
    run: (profile: ThresholdProfile, state: AlarmEngineState) => AlarmStepResult,
  ): AlarmStepResult | null {
    const session = this.sessions.get(sessionId);
    const state = uow.alarmState(sessionId);
    if (!session || !state) return null;
    const result = run(this.profileFor(session), state);
    if (result.state !== state) uow.stageAlarmState(result.state);
    if (result.events.length > 0) {
      uow.tx.insertAlarmEvents(sessionId, result.events);
      const events = result.events;
      uow.afterCommit(() => this.broadcaster.alarmEvents(sessionId, events));
    }
    return result;
  }

  /** The alarm clock: delays running out, escalation, audio pause ending, missing data. */
  tick(now: number): Promise<void> {
    const ids = [...this.sessions.keys()];
    return this.committer.submit((uow) => {
      for (const id of ids) {
        const state = uow.alarmState(id);
        if (!state) continue;
        const session = this.sessions.get(id);
        if (!session) continue;
        const result = stepAlarms(this.profileFor(session), state, { type: 'tick', at: now });
        // A tick that changed nothing is not worth a write.
        if (result.events.length === 0) continue;
        uow.stageAlarmState(result.state);
        uow.tx.insertAlarmEvents(id, result.events);
        uow.afterCommit(() => this.broadcaster.alarmEvents(id, result.events));
      }
    });
  }

  /** A monitor connected or went away: a technical alarm for the session it feeds. */
  deviceConnection(deviceId: string, connected: boolean, now: number): Promise<void> {
    const session = this.sessionForDevice(deviceId);
    if (!session) return Promise.resolve();
    return this.committer.submit((uow) => {
      this.feedAlarms(uow, session.id, { type: 'device-connection', at: now, connected });
    });
  }

  /** A session changed in the store (state, binding, baseline): follow it. */
  sessionChanged(session: Session, now: number): Promise<void> {
    if (isMonitored(session.state)) this.track(session, now);
    // An ended session refuses readings from now on, not only once its alarms are settled:
    // a batch arriving meanwhile must not be stored into a session that has ended.
    else if (this.sessions.has(session.id)) this.sessions.set(session.id, session);
    return this.committer
      .submit((uow) => {
        if (this.sessions.has(session.id)) {
          this.feedAlarms(uow, session.id, {
            type: 'session-changed',
            at: now,
            sessionState: session.state,
            baseline: session.baseline,
          });
        }
      })
      .then(() => {
        if (!isMonitored(session.state)) {
          this.sessions.delete(session.id);
          if (session.deviceId) this.deviceSessions.delete(session.deviceId);
        }
        this.broadcaster.sessionUpdated(session);
      });
  }

  /** Stores what is still queued, then stops the writer. */
  close(): Promise<void> {
    return this.committer.close();
  }
}

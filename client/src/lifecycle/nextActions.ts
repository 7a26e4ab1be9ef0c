import { CHECKLIST_LABELS, TRANSITIONS, type Checklist, type Session, type TransitionInput } from '@infusion/shared';

export type TransitionTarget = TransitionInput['to'];

/** One step the nurse can take from where the session is now. */
export interface LifecycleAction {
  to: TransitionTarget;
  label: string;
  /** The usual next step is drawn largest; ending early is set apart. */
  tone: 'primary' | 'normal' | 'caution';
  /** What the step asks before it is sent. */
  asks: 'nothing' | 'confirm' | 'aldrete' | 'reason';
  /** Why it cannot be taken yet, said next to the button; null when it can. */
  blockedBy: string | null;
}

/** Checklist items not yet ticked, by label. */
export function missingChecks(checklist: Checklist): string[] {
  return (Object.keys(CHECKLIST_LABELS) as (keyof Checklist)[])
    .filter((key) => !checklist[key])
    .map((key) => CHECKLIST_LABELS[key]);
}

function actionTo(session: Pick<Session, 'state' | 'checklist'>, to: TransitionTarget): LifecycleAction {
  switch (to) {
    case 'pre-check':
      return { to, label: 'Start pre-check', tone: 'primary', asks: 'nothing', blockedBy: null };
    case 'infusing': {
      if (session.state === 'paused') {
        return { to, label: 'Resume infusion', tone: 'primary', asks: 'nothing', blockedBy: null };
      }
      const missing = missingChecks(session.checklist);
      return {
        to,
        label: 'Start infusion',
        tone: 'primary',
        asks: 'nothing',
        blockedBy: missing.length > 0 ? `Still to tick: ${missing.join(', ')}` : null,
      };
    }
    case 'paused':
      return { to, label: 'Pause infusion', tone: 'normal', asks: 'nothing', blockedBy: null };
    case 'recovery':
      return { to, label: 'Stop infusion', tone: 'normal', asks: 'confirm', blockedBy: null };
    case 'discharged':
      return { to, label: 'Discharge…', tone: 'primary', asks: 'aldrete', blockedBy: null };
    case 'ended-early':
      return { to, label: 'End early…', tone: 'caution', asks: 'reason', blockedBy: null };
  }
}

/** The steps the lifecycle allows from the session's state, the usual one first, ending early last. */
export function nextActions(session: Pick<Session, 'state' | 'checklist'>): LifecycleAction[] {
  const rank = { primary: 0, normal: 1, caution: 2 } as const;
  return TRANSITIONS[session.state]
    .filter((to): to is TransitionTarget => to !== 'scheduled')
    .map((to) => actionTo(session, to))
    .sort((a, b) => rank[a.tone] - rank[b.tone]);
}

import { ALDRETE_DISCHARGE_MIN, type AldreteScore } from '@infusion/shared';

export type AldreteCriterion = keyof AldreteScore;

/** The modified Aldrete score's five criteria, each with what 2, 1 and 0 mean. */
export const ALDRETE_CRITERIA: readonly {
  key: AldreteCriterion;
  label: string;
  /** Index = points. */
  levels: readonly [string, string, string];
}[] = [
  { key: 'activity', label: 'Activity', levels: ['Moves no limbs', 'Moves two limbs', 'Moves all four limbs'] },
  { key: 'breathing', label: 'Breathing', levels: ['Apnoeic', 'Shallow or laboured', 'Breathes deeply, coughs'] },
  {
    key: 'circulation',
    label: 'Circulation',
    levels: ['BP > 50 % from baseline', 'BP 20–50 % from baseline', 'BP within 20 % of baseline'],
  },
  { key: 'consciousness', label: 'Consciousness', levels: ['Not responding', 'Rousable on calling', 'Fully awake'] },
  { key: 'spo2', label: 'SpO2', levels: ['< 90 % even with O2', '> 90 % with O2', '> 92 % on room air'] },
];

/** A score being filled in: a criterion is null until the nurse has scored it. */
export type AldreteDraft = Record<AldreteCriterion, 0 | 1 | 2 | null>;

export const EMPTY_ALDRETE: AldreteDraft = {
  activity: null,
  breathing: null,
  circulation: null,
  consciousness: null,
  spo2: null,
};

/** The total so far, whether every criterion is scored, and whether it meets the discharge minimum. */
export function aldreteTotal(draft: AldreteDraft): { total: number; complete: boolean; meets: boolean } {
  const values = Object.values(draft);
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const complete = values.every((v) => v !== null);
  return { total, complete, meets: complete && total >= ALDRETE_DISCHARGE_MIN };
}

/** The score to send, once every criterion is scored. */
export function toAldreteScore(draft: AldreteDraft): AldreteScore | null {
  const { activity, breathing, circulation, consciousness, spo2 } = draft;
  if (activity === null || breathing === null || circulation === null || consciousness === null || spo2 === null) {
    return null;
  }
  return { activity, breathing, circulation, consciousness, spo2 };
}

/** What the monitor suggests for circulation, as a hint: the nurse scores it. */
export function circulationHint(latestSbp: number | undefined, baselineSbp: number | undefined): string | null {
  if (latestSbp === undefined || baselineSbp === undefined || baselineSbp <= 0) return null;
  const change = Math.round(((latestSbp - baselineSbp) / baselineSbp) * 100);
  const sign = change > 0 ? '+' : '';
  return `Latest SBP ${Math.round(latestSbp)}, baseline ${Math.round(baselineSbp)} (${sign}${change} %)`;
}

import { VITALS } from '@infusion/shared';
import { useMemo } from 'react';
import type { ChartMarker } from './chartMarkers';
import type { LiveSessionData } from './liveSessionState';
import { VitalChart, type ChartLineSpec } from './VitalChart';
import { VITAL_COLOUR } from './vitalDisplay';

const EMPTY: [] = [];

/** Props of the four live charts, built so each stays the same object until its data moves. */
export function useChartLines(buffers: LiveSessionData['buffers']) {
  const { hr, sbp, dbp, spo2, rr } = buffers;
  return {
    hr: useMemo<ChartLineSpec[]>(
      () => [{ key: 'hr', label: 'HR', colour: VITAL_COLOUR.hr, points: hr ?? EMPTY }],
      [hr],
    ),
    bp: useMemo<ChartLineSpec[]>(
      () => [
        { key: 'sbp', label: 'SBP', colour: VITAL_COLOUR.sbp, points: sbp ?? EMPTY },
        { key: 'dbp', label: 'DBP', colour: VITAL_COLOUR.dbp, points: dbp ?? EMPTY },
      ],
      [sbp, dbp],
    ),
    spo2: useMemo<ChartLineSpec[]>(
      () => [{ key: 'spo2', label: 'SpO2', colour: VITAL_COLOUR.spo2, points: spo2 ?? EMPTY }],
      [spo2],
    ),
    rr: useMemo<ChartLineSpec[]>(
      () => [{ key: 'rr', label: 'RR', colour: VITAL_COLOUR.rr, points: rr ?? EMPTY }],
      [rr],
    ),
  };
}

const BP_PLAUSIBLE = { min: VITALS.dbp.plausible.min, max: VITALS.sbp.plausible.max };

export type ChartKind = 'hr' | 'bp' | 'spo2' | 'rr';

/** One of the four live charts, with the session's alarm zones. */
export function SessionChart({
  kind,
  lines,
  profile,
  windowEnd,
  markers,
}: {
  kind: ChartKind;
  lines: readonly ChartLineSpec[];
  profile: LiveSessionData['profile'];
  windowEnd: number;
  markers: readonly ChartMarker[];
}) {
  switch (kind) {
    case 'hr':
      return (
        <VitalChart
          name="hr"
          title="Heart rate"
          unit={VITALS.hr.unit}
          lines={lines}
          bandLimits={profile.vitals.hr}
          plausible={VITALS.hr.plausible}
          windowEnd={windowEnd}
          markers={markers}
          labelMarkers
        />
      );
    case 'bp':
      return (
        <VitalChart
          name="bp"
          title="Blood pressure"
          unit="mmHg"
          lines={lines}
          bandLimits={profile.vitals.sbp}
          lineLimits={profile.vitals.dbp}
          plausible={BP_PLAUSIBLE}
          windowEnd={windowEnd}
          markers={markers}
        />
      );
    case 'spo2':
      return (
        <VitalChart
          name="spo2"
          title="SpO2"
          unit={VITALS.spo2.unit}
          lines={lines}
          bandLimits={profile.vitals.spo2}
          plausible={VITALS.spo2.plausible}
          windowEnd={windowEnd}
          markers={markers}
        />
      );
    case 'rr':
      return (
        <VitalChart
          name="rr"
          title="Respiratory rate"
          unit={VITALS.rr.unit}
          lines={lines}
          bandLimits={profile.vitals.rr}
          plausible={VITALS.rr.plausible}
          windowEnd={windowEnd}
          markers={markers}
        />
      );
  }
}

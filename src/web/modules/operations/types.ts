// The answers of /api/operations/*, typed for the screens.
export interface AlertItem {
  id: string;
  ruleCode: string;
  ruleName: string;
  ruleNameEn: string;
  severity: 'info' | 'warning' | 'major' | 'critical';
  status: 'active' | 'cleared';
  acknowledged: boolean;
  silenced: boolean;
  sourceLabel: string;
  communeCode: string | null;
  value: number | null;
  raisedAt: string;
  assigneeName: string | null;
}

export interface IndicatorTile {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  value: number | null;
  asOf: string | null;
  stale: boolean;
  behindTarget: boolean;
  target: number | null;
}

export interface Station {
  id: string;
  code: string;
  name: string;
  kind: string;
  status: string;
  lastTime: string | null;
  stale: boolean;
  aqi: { value: number; band: string; colour: string } | null;
  floodLevel: number | null;
  values: { key: string; observedProperty: string; unit: string; value: number | null }[];
}

export interface WallData {
  now: string;
  indicators: IndicatorTile[];
  stations: Station[];
  ticker: AlertItem[];
}

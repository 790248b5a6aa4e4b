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
  direction: 'higher' | 'lower';
  levels: string[];
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
  dashboard: {
    roleCode: string | null;
    indicatorCodes: string[] | null;
    views: ('indicators' | 'stations' | 'network')[];
    rotateSeconds: number;
  };
  indicators: IndicatorTile[];
  stations: Station[];
  ticker: AlertItem[];
}

export interface LeagueRow {
  agencyId: string;
  name: string;
  unitCode: string;
  volume: number;
  ranked: boolean;
  rank: number | null;
  points: number;
}

export interface LeaderData {
  now: string;
  exceptions: {
    overdue: {
      code: string;
      name: string;
      nameEn: string;
      unit: string;
      value: number | null;
      asOf: string | null;
      stale: boolean;
      communes: { communeCode: string; name: string; value: number | null; stale: boolean }[];
    }[];
    behindTarget: IndicatorTile[];
    criticalAlerts: AlertItem[];
  };
  leagues: {
    period: string;
    minVolume: number;
    communes: LeagueRow[];
    departments: LeagueRow[];
  } | null;
  mayDrill: boolean;
  indicators: IndicatorTile[];
}

export interface CommuneData {
  code: string;
  name: string;
  nameEn: string | null;
  indicators: (IndicatorTile & { cityValue: number | null })[];
  alerts: AlertItem[];
  stations: Station[];
}

export interface CommuneDossiers {
  figure: string;
  total: number;
  items: {
    dossierId: string;
    code: string | null;
    procedureName: string;
    agencyName: string;
    receivedAt: string;
    dueAt: string | null;
  }[];
}

export interface NetworkData {
  from: string;
  to: string;
  days: number;
  limits: { rttMs: number; lossPct: number };
  uptime: number | null;
  points: {
    id: string;
    code: string;
    name: string;
    communeCode: string;
    state: 'up' | 'degraded' | 'down' | 'silent';
    lastTime: string | null;
    rtt: number | null;
    loss: number | null;
    uptime: number | null;
    rttMean: number | null;
    lossMean: number | null;
  }[];
  communes: {
    communeCode: string;
    name: string;
    points: number;
    down: number;
    degraded: number;
    uptime: number | null;
  }[];
}

// The platform's live event stream (ADR 19). Modules do not use it directly: they `emit()` an event
// with an audience in their transaction (platform/events), and every node's hub delivers it.
export {
  DEFAULT_LIMITS,
  frameText,
  type HubLimits,
  type HubStats,
  RealtimeHub,
  type SessionCheck,
} from './hub.ts';
export { sseRoutes } from './sse.ts';
export { topicsOf } from './topics.ts';

// Request schemas of the feedback API (zod: validated at the edge, named in errors).
import { z } from 'zod';
import { REPORT_STATUSES } from './lifecycle.ts';

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,15}$/);
const MediaRef = z.strictObject({ id: z.uuid(), secret: z.string().min(10).max(100) });
const Contact = z.strictObject({
  name: z.string().trim().max(100).optional(),
  phone: phone.optional(),
  email: z.email().max(200).optional(),
});

export const SubmitReportBody = z.strictObject({
  categoryCode: z.string().min(1).max(60),
  description: z.string().trim().min(10).max(4000),
  lat,
  lng,
  address: z.string().trim().max(300).optional(),
  media: z.array(MediaRef).max(5).optional(),
  contact: Contact.optional(),
  hiddenFromAgency: z.boolean().optional(),
});

/** An operator entering a report taken on another channel (hotline, Zalo, social media). */
export const OperatorReportBody = SubmitReportBody.extend({
  channel: z.enum(['hotline', 'zalo', 'social']),
});

export const JoinBody = z.strictObject({ contact: Contact.optional() });
export const NearbyQuery = z.strictObject({
  category: z.string().min(1).max(60),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

export const PublicListQuery = z.strictObject({
  unit: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  category: z.string().max(60).optional(),
  status: z.enum([...REPORT_STATUSES, 'open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const MapQuery = z.strictObject({
  minLat: z.coerce.number().min(-90).max(90),
  maxLat: z.coerce.number().min(-90).max(90),
  minLng: z.coerce.number().min(-180).max(180),
  maxLng: z.coerce.number().min(-180).max(180),
  cells: z.coerce.number().int().min(4).max(128).default(48),
  unit: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  category: z.string().max(60).optional(),
  status: z.enum([...REPORT_STATUSES, 'open', 'closed']).optional(),
});

export const CorrectBody = z.strictObject({
  categoryCode: z.string().max(60).optional(),
  lat: lat.optional(),
  lng: lng.optional(),
  urgent: z.boolean().optional(),
  publicDescription: z.string().trim().min(1).max(4000).optional(),
});
export const RejectBody = z.strictObject({
  reason: z.enum(['out_of_scope', 'unverifiable', 'duplicate', 'not_public']),
  note: z.string().trim().max(1000).optional(),
});
export const MergeBody = z.strictObject({ intoCode: z.string().max(40) });
export const RouteBody = z.strictObject({ agencyId: z.uuid().optional() });
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(3).max(1000) });
export const TransferBody = z.strictObject({
  agencyId: z.uuid(),
  reason: z.string().trim().min(3).max(1000),
});
export const ExtendBody = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(3).max(1000),
});
export const ReplyBody = z.strictObject({
  text: z.string().trim().min(3).max(4000),
  media: z.array(MediaRef).max(5).optional(),
});
export const PublishBody = z.strictObject({
  publicText: z.string().trim().min(1).max(4000).optional(),
  publicDescription: z.string().trim().min(1).max(4000).optional(),
  approvedMediaIds: z.array(z.uuid()).max(10).default([]),
});
export const SendBackBody = z.strictObject({ note: z.string().trim().min(3).max(1000) });
export const RateBody = z.strictObject({
  satisfied: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
  secret: z.string().max(100).optional(),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A period of local days, both included; by default the current month up to today. */
export const StatsQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  minVolume: z.coerce.number().int().min(0).max(10_000).optional(),
});
export const HotspotQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  category: z.string().max(60).optional(),
  /** the grid's cell in degrees (0.01 ≈ 1.1 km) */
  cell: z.coerce.number().min(0.002).max(0.2).default(0.01),
});
export const FollowUpBody = z.strictObject({
  fixed: z.boolean(),
  secret: z.string().max(100).optional(),
});
export const ApiKeyBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  contactEmail: z.email().optional(),
  perMinute: z.number().int().min(1).max(10_000).optional(),
});

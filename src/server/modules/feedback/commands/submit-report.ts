import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { hashSecret, newSecret, trackingCode } from '../codes.ts';
import { publicEventPayload } from '../change.ts';
import { unitAt } from '../geography.ts';
import { redact } from '../redact.ts';
import { sendTrackingLink } from '../notify.ts';
import { categoryByCode, communeShapes } from '../reference.ts';
import { fbFollowers, fbReports, fbTimeline, type ReportChannel } from '../tables.ts';
import { attachMedia, type MediaRef } from './attach-media.ts';

export interface SubmitReportInput {
  categoryCode: string;
  description: string;
  lat: number;
  lng: number;
  address?: string | undefined;
  media?: MediaRef[] | undefined;
  contact?: { name?: string | undefined; phone?: string | undefined; email?: string | undefined } | undefined;
  hiddenFromAgency?: boolean | undefined;
  channel: ReportChannel;
  apiKeyId?: string | undefined;
  idempotencyKey?: string | undefined;
  /** the site's address: the reporter's tracking link goes out by e-mail/SMS when a contact was given */
  publicUrl?: string | undefined;
  /** where the description field is, for errors in the caller's terms (Open311 says "description") */
  fields?: { category: string; point: string };
}

/** The local date (Asia/Ho_Chi_Minh) of an instant, YYYY-MM-DD: which unit versions were in force. */
export const localDate = (t: Date) => new Date(t.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The commune of the point on the date, or a clear error when the point is outside the city. */
export async function locate(
  db: DbOrTx,
  provinceCode: string,
  lat: number,
  lng: number,
  at: Date,
  field: string,
) {
  const unit = unitAt(await communeShapes(db, provinceCode, localDate(at)), lng, lat);
  if (!unit)
    throw new AppError('validation', {}, [{ field, key: 'feedback.outside_city', params: { lat, lng } }]);
  return unit;
}

/**
 * A citizen's report (anonymous or signed in) or one taken by an operator from another channel. The
 * description is kept as written; the public sees it redacted. The reporter's contact is private.
 */
export async function submitReport(
  db: Db,
  ctx: ActionContext,
  provinceCode: string,
  input: SubmitReportInput,
) {
  const fields = input.fields ?? { category: 'body.categoryCode', point: 'body.lat' };
  const category = await categoryByCode(db, input.categoryCode, fields.category);
  const now = new Date();
  const unit = await locate(db, provinceCode, input.lat, input.lng, now, fields.point);
  if (input.idempotencyKey) {
    const [prior] = await db
      .select()
      .from(fbReports)
      .where(eq(fbReports.idempotencyKey, input.idempotencyKey));
    if (prior) return { id: prior.id, code: prior.code, token: prior.token, secret: null, replayed: true };
  }
  const hidden = !!input.hiddenFromAgency && category.allowAnonymousToAgency;
  const secret = newSecret();
  const signedIn = ctx.actor?.kind === 'citizen' ? ctx.actor.userId : null;
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(fbReports)
      .values({
        code: trackingCode(now),
        token: newSecret(),
        categoryId: category.id,
        status: 'submitted',
        channel: input.channel,
        description: input.description,
        publicDescription: redact(input.description).text,
        address: input.address ?? null,
        lat: input.lat,
        lng: input.lng,
        unitCode: unit.code,
        unitValidFrom: unit.validFrom,
        reporterUserId: signedIn,
        hiddenFromAgency: hidden,
        apiKeyId: input.apiKeyId ?? null,
        submittedAt: now,
        updatedAt: now,
        idempotencyKey: input.idempotencyKey ?? null,
      })
      .returning();
    const report = r!;
    await tx.insert(fbFollowers).values({
      reportId: report.id,
      isReporter: true,
      userId: signedIn,
      name: input.contact?.name ?? null,
      phone: input.contact?.phone ?? null,
      email: input.contact?.email ?? null,
      secretHash: hashSecret(secret),
      joinedAt: now,
      lang: ctx.lang,
    });
    if (input.publicUrl && (input.contact?.email || input.contact?.phone))
      await sendTrackingLink(
        tx,
        input.publicUrl,
        'submitted',
        { email: input.contact.email ?? null, phone: input.contact.phone ?? null, lang: ctx.lang },
        report,
        secret,
      );
    await attachMedia(tx, input.media ?? [], { reportId: report.id });
    await tx.insert(fbTimeline).values({
      reportId: report.id,
      at: now,
      action: 'submit',
      toStatus: 'submitted',
      actorUserId: ctx.actor?.userId ?? null,
      isPublic: true,
    });
    await audit(tx, ctx, {
      action: 'feedback.submit',
      targetType: 'feedback_report',
      targetId: report.id,
      summary: { code: report.code, category: category.code, unit: unit.code, channel: input.channel },
    });
    await emit(tx, {
      type: 'feedback.submitted',
      aggregateType: 'feedback_report',
      aggregateId: report.id,
      payload: publicEventPayload(report),
      audience: { public: true },
    });
    return { id: report.id, code: report.code, token: report.token, secret, replayed: false };
  });
}

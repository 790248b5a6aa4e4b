import { z } from 'zod';

export const Uuid = z.uuid();
export const Language = z.enum(['vi', 'en']);
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

export const Ok = z.object({ ok: z.literal(true) });

/** Vietnamese mobile numbers: 0 + 9 digits, or +84 + 9 digits. */
export const Phone = z
  .string()
  .trim()
  .regex(/^(0|\+84)\d{9}$/, 'field.phone');
export const Email = z.email().max(200);

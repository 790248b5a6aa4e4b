import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DossierPayments,
  FeeQuote,
  PaymentRequestView,
  ReconciliationReport,
} from '../../../contracts/payments.ts';
import { api } from '../../app/api.ts';

export type Quote = z.infer<typeof FeeQuote>;
export type Payments = z.infer<typeof DossierPayments>;
export type PaymentRequest = z.infer<typeof PaymentRequestView>;
export type Reconciliation = z.infer<typeof ReconciliationReport>;

export const paymentKeys = {
  dossier: (id: string) => ['payments', 'dossier', id] as const,
  quote: (code: string, answers: unknown) => ['payments', 'quote', code, answers] as const,
};

export function useDossierPayments(dossierId: string, revision: number) {
  return useQuery({
    // The dossier's revision is part of the key: a status change (6 → 4) refreshes the payments too.
    queryKey: [...paymentKeys.dossier(dossierId), revision],
    queryFn: () => api.get<Payments>(`/api/dossiers/${dossierId}/payments`),
  });
}

export function useFeeQuote(procedureCode: string, formData: Record<string, unknown>) {
  return useQuery({
    queryKey: paymentKeys.quote(procedureCode, formData),
    queryFn: () => api.post<Quote>('/api/payments/quote', { procedureCode, formData }),
  });
}

export function useInvalidatePayments() {
  const client = useQueryClient();
  return (dossierId: string) => client.invalidateQueries({ queryKey: paymentKeys.dossier(dossierId) });
}

export const receiptHref = (paymentId: string) => `/api/payments/${paymentId}/receipt`;

-- The measurement ledger of meetings is append-only (ADR 16): UPDATE and DELETE are refused.
CREATE OR REPLACE FUNCTION mtg_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'mtg_ledger is append-only' USING ERRCODE = 'CQ002';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS mtg_ledger_append_only ON mtg_ledger;
--> statement-breakpoint
CREATE TRIGGER mtg_ledger_append_only BEFORE UPDATE OR DELETE ON mtg_ledger
  FOR EACH ROW EXECUTE FUNCTION mtg_ledger_append_only();

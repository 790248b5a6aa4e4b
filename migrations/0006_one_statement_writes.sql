-- A check inside a single write statement (ADR 12): when `ok` is not true the statement fails with
-- SQLSTATE CQ001 and `code` as its message, so every row the statement's other parts wrote is undone.
CREATE OR REPLACE FUNCTION cqs_assert(ok boolean, code text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'CQ001', MESSAGE = code;
  END IF;
  RETURN true;
END $$;

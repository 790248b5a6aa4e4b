-- Sensor readings as a time series (ADR 18): ops_readings partitioned by month on time, a BRIN index
-- on time in every partition (rows arrive in time order, so block ranges stay tight), a default
-- partition for late or far-future readings, and a function that creates a month's partition.
-- Safe to run again: the table is recreated only while it is not partitioned yet (and then empty).
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'ops_readings'
  ) THEN
    DROP TABLE IF EXISTS ops_readings;
    CREATE TABLE ops_readings (
      datastream_id uuid NOT NULL,
      "time" timestamp with time zone NOT NULL,
      value double precision NOT NULL,
      CONSTRAINT ops_readings_datastream_id_time_pk PRIMARY KEY (datastream_id, "time")
    ) PARTITION BY RANGE ("time");
    CREATE TABLE ops_readings_default PARTITION OF ops_readings DEFAULT;
    CREATE INDEX ops_readings_time_brin ON ops_readings USING brin ("time");
  END IF;
END $$;
--> statement-breakpoint
-- The partition of the month that contains `at` (UTC months), created when missing. Readings of a month
-- already in the default partition stay there (moving them would lock the table): the job creates
-- partitions two months ahead, so only stragglers land in the default one.
CREATE OR REPLACE FUNCTION ops_ensure_readings_partition(at timestamptz) RETURNS text
  LANGUAGE plpgsql AS $$
DECLARE
  m_start timestamptz := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  m_end timestamptz := (date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  part text := 'ops_readings_' || to_char(at AT TIME ZONE 'UTC', 'YYYYMM');
BEGIN
  IF to_regclass(part) IS NULL THEN
    IF EXISTS (SELECT 1 FROM ops_readings_default WHERE "time" >= m_start AND "time" < m_end) THEN
      RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF ops_readings FOR VALUES FROM (%L) TO (%L)', part, m_start, m_end);
  END IF;
  RETURN part;
END $$;
--> statement-breakpoint
SELECT ops_ensure_readings_partition(now() + (n || ' months')::interval) FROM generate_series(-1, 2) AS n;

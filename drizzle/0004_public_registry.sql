-- The searchable fields of a §4 record, lower-cased: platform name, filing number, the host (with any port) of the
-- homepage and of each publishing URL, and the sponsor's name unless an individual's (stored masked, never matched).
CREATE FUNCTION public_search_fields(r jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(f ORDER BY o), '{}') FROM unnest(
    ARRAY[lower(r->>'platformName'), lower(r->>'filingNumber'),
          lower(substring(r->>'homepageUrl' from '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)'))]
    || coalesce((SELECT array_agg(lower(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)')))
                 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(r->'publishUrls') = 'array'
                                                THEN r->'publishUrls' ELSE '[]'::jsonb END) AS p(u)), '{}')
    || CASE WHEN r->>'sponsorType' IS DISTINCT FROM 'individual' THEN ARRAY[lower(r->>'sponsorName')] ELSE '{}'::text[] END
  ) WITH ORDINALITY AS x(f, o) WHERE f IS NOT NULL AND f <> ''
$$;
--> statement-breakpoint
-- Every 1- and 2-character gram of each field (none across fields): what the GIN index holds.
CREATE FUNCTION public_search_grams(fields text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(f, i, 2) AS g FROM unnest(fields) AS f, generate_series(1, length(f) - 1) AS i
    UNION ALL
    SELECT substr(f, i, 1) FROM unnest(fields) AS f, generate_series(1, length(f)) AS i
  ) AS s
$$;
--> statement-breakpoint
-- The grams a row must hold to contain the (lower-cased) term: its 2-character grams, or the character itself.
CREATE FUNCTION public_query_grams(q text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(q) <= 1 THEN ARRAY[q]
    ELSE (SELECT array_agg(DISTINCT substr(q, i, 2)) FROM generate_series(1, length(q) - 1) AS i) END
$$;
--> statement-breakpoint
-- The grams of a search text (its fields one a line), as stored in public_registry.grams. Schema-qualified, so
-- it also works where the search_path is pg_catalog only (index builds on PostgreSQL 17+).
CREATE FUNCTION public_text_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.public_search_grams(string_to_array(t, E'\n'))
$$;
--> statement-breakpoint
CREATE TABLE "public_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"filing_id" uuid NOT NULL,
	"filing_number" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"record" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_registry" (
	"filing_id" uuid PRIMARY KEY NOT NULL,
	"filing_number" text NOT NULL,
	"status" text NOT NULL,
	"filing_date" date NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"record" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"grams" text[] NOT NULL,
	"last_event_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_registry_filing_number_unique" UNIQUE("filing_number")
);
--> statement-breakpoint
CREATE TABLE "public_registry_counts" (
	"status" text PRIMARY KEY NOT NULL,
	"n" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_search_gram_counts" (
	"gram" text PRIMARY KEY NOT NULL,
	"n" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "public_events_number_idx" ON "public_events" USING btree ("filing_number","seq");--> statement-breakpoint
CREATE INDEX "public_registry_order_idx" ON "public_registry" USING btree ("filing_date" DESC NULLS LAST,"approved_at" DESC NULLS LAST,"filing_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "public_registry_grams_idx" ON "public_registry" USING gin ("grams");
--> statement-breakpoint
-- Existing published filings: their approval (and a later deregistration or revocation) become public events …
INSERT INTO "public_events" ("seq", "type", "filing_id", "filing_number", "at", "record")
SELECT row_number() OVER (ORDER BY e.at, e.filing_id, e.k), e.type, e.filing_id, e.filing_number, e.at, e.record
FROM (
  SELECT 1 AS k, 'filing.approved' AS type, f.id AS filing_id, f.filing_number, coalesce(f.approved_at, f.updated_at) AS at,
         f.public_record || '{"status":"valid"}'::jsonb AS record
  FROM "filings" f WHERE f.filing_number IS NOT NULL AND f.public_record IS NOT NULL
  UNION ALL
  SELECT 2, CASE f.status WHEN 'revoked' THEN 'filing.revoked' ELSE 'filing.deregistered' END, f.id, f.filing_number,
         coalesce(CASE f.status WHEN 'revoked' THEN f.revoked_at ELSE f.deregistered_at END, f.updated_at),
         f.public_record || jsonb_build_object('status', f.status::text)
  FROM "filings" f
  WHERE f.filing_number IS NOT NULL AND f.public_record IS NOT NULL AND f.status IN ('revoked', 'deregistered')
) AS e;
--> statement-breakpoint
-- … rows of the registry with their search text and grams …
INSERT INTO "public_registry" ("filing_id", "filing_number", "status", "filing_date", "approved_at", "record",
  "search_text", "grams", "last_event_seq")
SELECT r.filing_id, r.filing_number, r.record->>'status', (r.record->>'filingDate')::date, r.approved_at, r.record,
       array_to_string(public_search_fields(r.record), E'\n'), public_search_grams(public_search_fields(r.record)), r.seq
FROM (
  SELECT DISTINCT ON (e.filing_id) e.filing_id, e.filing_number, e.record, e.seq,
         coalesce(f.approved_at, e.at) AS approved_at
  FROM "public_events" e JOIN "filings" f ON f.id = e.filing_id
  ORDER BY e.filing_id, e.seq DESC
) AS r;
--> statement-breakpoint
-- … and the counts per status and per gram.
INSERT INTO "public_registry_counts" ("status", "n")
SELECT s, (SELECT count(*) FROM "public_registry" WHERE status = s) FROM unnest(ARRAY['valid', 'deregistered', 'revoked']) AS s;
--> statement-breakpoint
INSERT INTO "public_search_gram_counts" ("gram", "n")
SELECT g, count(*) FROM "public_registry", unnest(grams) AS g GROUP BY g;

-- The dossiers:write scope had no endpoint and is withdrawn: stored clients and live tokens lose it
-- (a client that held nothing else keeps its row, with no scope, and is told unauthorized_client).
UPDATE "int_api_clients" SET "scopes" = array_remove("scopes", 'dossiers:write') WHERE 'dossiers:write' = ANY("scopes");--> statement-breakpoint
UPDATE "int_api_tokens" SET "scopes" = array_remove("scopes", 'dossiers:write') WHERE 'dossiers:write' = ANY("scopes");

-- CrmCore PostgreSQL schema 21: queue_score decides the horizon once. V020's score first returned 0 when due − now >= hticks and
-- then, for a ticket due within the horizon, asked again whether (due − now) / 10000000 >= h. The store binds hticks = h · 10000000
-- (SlaTermParameters), and for due − now >= 0 the whole seconds rounded down reach h exactly when the ticks reach hticks, so that
-- second question was never true: a dead branch. The horizon is now tested once, in ticks, as SlaTerm.EvaluateTicks does; every
-- score is as before (the storage tests compare the function with SlaTerm at both sides of the horizon, of the due time and of
-- the overdue cap). Same signature, so queue_claim (V020) calls this one.
CREATE OR REPLACE FUNCTION {schema}.queue_score(static_priority bigint, due bigint, now bigint, h bigint, hticks bigint, p bigint, o bigint, c bigint)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT static_priority + CASE
        WHEN due = 9223372036854775807 OR due - now >= hticks THEN 0
        WHEN due >= now THEN (p * (h - (due - now) / 10000000)) / h
        ELSE p + (o * LEAST(((now - due) + 9999999) / 10000000, c)) / 3600 END
$$;

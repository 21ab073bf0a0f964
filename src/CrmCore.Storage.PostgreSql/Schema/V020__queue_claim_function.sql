-- CrmCore PostgreSQL schema 20: the queue claim as a function. A claim used to read the first HeadsPerBucket (4) waiting tickets of
-- every eligible bucket and lock the best free one; with many claimers racing on one bucket it could miss a bucket's fifth ticket.
-- This function reads ONE head per bucket (within a bucket the score falls with the due time, so only a bucket's first free ticket
-- can win), tries them in queue order, and when a candidate is taken by another claimer (locked, or claimed since the heads were
-- read) reads that bucket's next waiting ticket and lets it compete with the remaining heads. The order is the in-memory
-- TicketQueue's for any number of racing claimers, and the server reads about a quarter of the index entries it did.

-- The score of a waiting ticket: static priority + the SLA term of (due − now) in whole seconds rounded down, exactly as
-- SlaTerm.EvaluateTicks (9223372036854775807 = no SLA, no term). h: horizon in seconds, hticks: the same in ticks, p: points at due,
-- o: overdue points per hour, c: overdue cap in seconds. An SQL function, inlined by the planner where it is called in a query.
CREATE FUNCTION {schema}.queue_score(static_priority bigint, due bigint, now bigint, h bigint, hticks bigint, p bigint, o bigint, c bigint)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT static_priority + CASE
        WHEN due = 9223372036854775807 OR due - now >= hticks THEN 0
        WHEN due >= now THEN CASE WHEN (due - now) / 10000000 >= h THEN 0 ELSE (p * (h - (due - now) / 10000000)) / h END
        ELSE p + (o * LEAST(((now - due) + 9999999) / 10000000, c)) / 3600 END
$$;

-- Claims the best waiting ticket for an agent: teams served, skill codes and levels (empty arrays: no skills, so only buckets that
-- require none), the lease's holder, token and end, and the SLA term's settings. Returns the claimed ticket's row, or no row.
CREATE FUNCTION {schema}.queue_claim(p_now bigint, p_teams text[], p_agent text, p_token uuid, p_until bigint, p_codes text[], p_levels int[],
                                     p_h bigint, p_hticks bigint, p_p bigint, p_o bigint, p_c bigint)
RETURNS TABLE (claimed_id text, claimed_bucket bigint, claimed_due bigint, claimed_enqueued bigint)
LANGUAGE plpgsql AS $$
DECLARE
    -- The first waiting ticket of each eligible bucket (a team the agent serves, no required skill the agent lacks at the level
    -- asked), best first.
    heads CURSOR FOR
        SELECT e.bucket_id, e.static_priority,
               {schema}.queue_score(e.static_priority, h.due_ticks, p_now, p_h, p_hticks, p_p, p_o, p_c) AS score,
               h.due_ticks, h.enqueued_ticks, h.ticket_id
        FROM {schema}.queue_bucket e
        CROSS JOIN LATERAL (SELECT q.ticket_id, q.due_ticks, q.enqueued_ticks FROM {schema}.queue q
                            WHERE q.bucket_id = e.bucket_id AND q.claimed_by IS NULL
                            ORDER BY q.due_ticks, q.enqueued_ticks, q.ticket_id LIMIT 1) h
        WHERE e.team = ANY (p_teams)
          AND (e.skills = '' OR NOT EXISTS (
                SELECT 1 FROM {schema}.queue_bucket_skill r
                WHERE r.bucket_id = e.bucket_id
                  AND NOT EXISTS (SELECT 1 FROM unnest(p_codes, p_levels) AS a(code, lvl) WHERE a.code = r.skill AND a.lvl >= r.min_level)))
        ORDER BY 3 DESC, 4, 5, 6;
    r record;
    more boolean;
    -- Next tickets of buckets whose candidate was taken: bucket, static priority, score, due, enqueued, id (n of them, unordered).
    nb bigint[] := '{}'; nst bigint[] := '{}'; ns bigint[] := '{}'; nd bigint[] := '{}'; ne bigint[] := '{}'; nt text[] := '{}';
    n int := 0; j int; k int;
    -- The candidate being tried.
    cb bigint; cst bigint; cd bigint; ce bigint; ct text;
    sd bigint; se bigint; st text;
BEGIN
    OPEN heads;
    FETCH heads INTO r;
    more := FOUND;
    LOOP
        -- The best of the next tickets, then whichever of it and the best remaining head comes first in queue order.
        k := 0;
        FOR j IN 1..n LOOP
            IF k = 0 OR (-ns[j], nd[j], ne[j], nt[j] COLLATE "C") < (-ns[k], nd[k], ne[k], nt[k] COLLATE "C") THEN
                k := j;
            END IF;
        END LOOP;
        IF more AND (k = 0 OR (-r.score, r.due_ticks, r.enqueued_ticks, r.ticket_id COLLATE "C") < (-ns[k], nd[k], ne[k], nt[k] COLLATE "C")) THEN
            k := 0;
            cb := r.bucket_id; cst := r.static_priority; cd := r.due_ticks; ce := r.enqueued_ticks; ct := r.ticket_id;
            FETCH heads INTO r;
            more := FOUND;
        ELSIF k = 0 THEN
            CLOSE heads;
            RETURN;
        ELSE
            cb := nb[k]; cst := nst[k]; cd := nd[k]; ce := ne[k]; ct := nt[k];
        END IF;

        UPDATE {schema}.queue t SET claimed_by = p_agent, lease_token = p_token, lease_until = p_until
        WHERE t.ticket_id = (SELECT l.ticket_id FROM {schema}.queue l WHERE l.ticket_id = ct AND l.claimed_by IS NULL FOR UPDATE SKIP LOCKED)
        RETURNING t.ticket_id, t.bucket_id, t.due_ticks, t.enqueued_ticks INTO claimed_id, claimed_bucket, claimed_due, claimed_enqueued;
        IF FOUND THEN
            RETURN NEXT;
            CLOSE heads;
            RETURN;
        END IF;

        -- Taken by another claimer: the bucket's next waiting ticket competes in its place (or the bucket drops out).
        SELECT q.due_ticks, q.enqueued_ticks, q.ticket_id INTO sd, se, st FROM {schema}.queue q
        WHERE q.bucket_id = cb AND q.claimed_by IS NULL AND (q.due_ticks, q.enqueued_ticks, q.ticket_id) > (cd, ce, ct)
        ORDER BY q.due_ticks, q.enqueued_ticks, q.ticket_id LIMIT 1;
        IF FOUND THEN
            IF k = 0 THEN
                n := n + 1; k := n; nb[k] := cb; nst[k] := cst;
            END IF;
            nd[k] := sd; ne[k] := se; nt[k] := st;
            ns[k] := {schema}.queue_score(cst, sd, p_now, p_h, p_hticks, p_p, p_o, p_c);
        ELSIF k > 0 THEN
            nb[k] := nb[n]; nst[k] := nst[n]; ns[k] := ns[n]; nd[k] := nd[n]; ne[k] := ne[n]; nt[k] := nt[n];
            n := n - 1;
        END IF;
    END LOOP;
END
$$;

-- 0004_gaps.sql: the manager gaps the commission must see (db/list.c's "Manager gaps" list and
-- `iedesk export manager-gaps`). Wrapped in a transaction by the migration runner (no BEGIN/COMMIT here).

-- One row per open school with a gap in its management, under its most pressing gap (rank):
--   1 vacant       no open appointment: since the day after the last one ended, or never filled;
--   2 turnover     more than one manager in the two years up to iedesk.today();
--   3 no training  the current manager attended no training held by today.
-- A school with two gaps (a turnover whose new manager is untrained) is one row, the lesser gap named
-- in details, so a school is never listed twice. Bounded by the number of schools: every row reads
-- only its school's appointments and its manager's attendance (by their indexes), never the meeting
-- or inspection tables.
CREATE VIEW iedesk.manager_gap AS
SELECT x.school_id,
       x.school_code,
       x.school_name,
       x.district_id,
       x.district_code,
       r.rank,
       CASE r.rank WHEN 1 THEN 'vacant' WHEN 2 THEN 'turnover' ELSE 'no training' END AS gap,
       x.person_id,
       x.person_name,
       CASE WHEN r.rank = 1 THEN x.last_ended + 1 ELSE x.started_on END AS since,
       CASE r.rank
           WHEN 1 THEN CASE WHEN x.last_ended IS NULL THEN 'never had one'
                            ELSE (iedesk.today() - (x.last_ended + 1))::text || ' days' END
                       || CASE WHEN x.managers >= 2
                               THEN '; ' || x.managers || ' managers since ' || to_char(x.window_start, 'YYYY-MM-DD')
                               ELSE '' END
           WHEN 2 THEN x.managers || ' managers since ' || to_char(x.window_start, 'YYYY-MM-DD')
                       || CASE WHEN NOT x.trained THEN '; no training recorded' ELSE '' END
           ELSE 'no training recorded'
       END AS details
  FROM (SELECT s.id AS school_id, s.code AS school_code, s.name AS school_name, s.district_id,
               d.code AS district_code, m.person_id, m.person_name, m.started_on,
               h.last_ended, h.managers, w.window_start, t.trained
          FROM iedesk.school s
          JOIN iedesk.district d ON d.id = s.district_id
          LEFT JOIN iedesk.school_current_manager m ON m.school_id = s.id
          CROSS JOIN LATERAL (SELECT (iedesk.today() - interval '2 years')::date AS window_start) w
          CROSS JOIN LATERAL (
                SELECT max(a.ended_on) AS last_ended,
                       count(DISTINCT a.person_id) FILTER (WHERE a.started_on <= iedesk.today()
                             AND (a.ended_on IS NULL OR a.ended_on >= w.window_start)) AS managers
                  FROM iedesk.manager_appointment a
                 WHERE a.school_id = s.id) h
          CROSS JOIN LATERAL (
                SELECT EXISTS (SELECT 1 FROM iedesk.training_attendance ta
                                 JOIN iedesk.training tr ON tr.id = ta.training_id
                                WHERE ta.person_id = m.person_id AND tr.held_on <= iedesk.today()) AS trained) t
         WHERE s.archived_at IS NULL) x
 CROSS JOIN LATERAL (
       SELECT CASE WHEN x.person_id IS NULL THEN 1
                   WHEN x.managers >= 2 THEN 2
                   WHEN NOT x.trained THEN 3 END AS rank) r
 WHERE r.rank IS NOT NULL;

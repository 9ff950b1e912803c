-- 0028: the gaps' details said by the program, in the language of whoever reads them. 0025's view writes
-- them in English ("3 managers since 2024-11-24", "never had one"); the same view now also gives the
-- figures they are made of, at its end as CREATE OR REPLACE allows, so that the Managers pane and the
-- manager-gaps export put their own sentence together (db/list.c's messages). details stays, unchanged,
-- for whatever reads it. Grants carry over with the view.
CREATE OR REPLACE VIEW iedesk.manager_gap_each AS
SELECT x.school_id, x.school_code, x.school_name, x.district_id, x.district_code,
       min(e.rank) OVER (PARTITION BY x.school_id) AS school_rank, e.rank, e.gap,
       x.person_id, x.person_name, e.since, e.details, x.managers, x.window_start
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
 CROSS JOIN LATERAL (VALUES
       (1, 'vacant', x.last_ended + 1,
        CASE WHEN x.last_ended IS NULL THEN 'never had one'
             ELSE (iedesk.today() - (x.last_ended + 1))::text || ' days' END,
        x.person_id IS NULL),
       (2, 'turnover', x.started_on, x.managers || ' managers since ' || to_char(x.window_start, 'YYYY-MM-DD'),
        x.managers >= 2),
       (3, 'no training', x.started_on, 'no training recorded', x.person_id IS NOT NULL AND NOT x.trained)
       ) e(rank, gap, since, details, applies)
 WHERE e.applies;

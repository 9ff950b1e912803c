-- 0029_cases.sql: the case workers' work, from a child's referral to the reviews of their individualised
-- education plan (IEP), and the counts everyone else sees. Wrapped in a transaction by the migration runner.
--
-- Who reads what. Only the case workers of a case's district read it. Every read of what a case says is one
-- row of the audit log (who, when, which case) however it is read: the tables' row-level security calls
-- iedesk.case_seen(), which logs the read of the case a row belongs to, once per case and transaction, and
-- lets the row through only for its district's case workers. So a SELECT typed by hand is logged exactly
-- as the program's are, and a read-only transaction cannot read a case at all. 0019's column grants and
-- its door functions, which only some reads went through, are replaced by this. Everyone else reads counts:
-- iedesk.case_school_counts and iedesk.case_district_counts, with cells under 3 suppressed.
--
-- What a case worker needs to find a case without reading it — its code, school and what is due — is in
-- iedesk.case_index (their district's cases only), which the lists walk; the rows they show are then read
-- from the table, logged.

-- ---------------------------------------------------------------------------------------------------
-- The audit log: a read is logged once per case and transaction (a detail reads a case in ten parts)

ALTER TABLE iedesk.audit_log ADD COLUMN read_xact bigint;
CREATE UNIQUE INDEX audit_log_read_once ON iedesk.audit_log (table_name, row_id, login, read_xact)
	WHERE action = 'read';

-- ---------------------------------------------------------------------------------------------------
-- The case itself: referral (发现/筛查) and the identification decision (认定) are its columns

ALTER TABLE iedesk.student_case
	DROP CONSTRAINT student_case_identification_status_check,
	ADD CONSTRAINT student_case_identification_status_check
		CHECK (identification_status IN ('suspected', 'assessed', 'confirmed', 'not-eligible')),
	DROP CONSTRAINT student_case_placement_check,
	ADD CONSTRAINT student_case_placement_check CHECK (placement IN ('regular-class', 'resource-classroom',
		'special-class', 'home-based', 'special-school')),
	ADD COLUMN client_key uuid CONSTRAINT student_case_client_key_key UNIQUE,   -- 0016's, for the forms
	ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	ADD COLUMN referred_on date,
	ADD COLUMN referred_by text CHECK (referred_by IN ('class-teacher', 'parent', 'doctor', 'screening', 'other')),
	ADD COLUMN referral_reason text,
	ADD COLUMN tried_first text,
	ADD COLUMN parents_informed_on date,
	ADD COLUMN parents_answer text NOT NULL DEFAULT 'pending'
		CHECK (parents_answer IN ('pending', 'agreed', 'refused')),
	ADD COLUMN parents_answer_on date,
	ADD COLUMN decided_on date,
	ADD COLUMN decided_by text,
	ADD CONSTRAINT student_case_answer_dated CHECK ((parents_answer = 'pending') = (parents_answer_on IS NULL)),
	ADD CONSTRAINT student_case_decision_dated
		CHECK (identification_status NOT IN ('confirmed', 'not-eligible') OR decided_on IS NOT NULL);

-- ---------------------------------------------------------------------------------------------------
-- Who may read and write a case. p_login is the caller's current_user (a policy passes it): honoured only
-- when the session's login may act as that role, as iedesk.account_of does. They run as the owner, who
-- reads every case without row-level security, so they never call themselves.

-- Is p_school in p_login's district, for a case worker? (Where a case may be, or be moved.)
CREATE FUNCTION iedesk.case_school_mine(p_school bigint, p_login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT pg_catalog.pg_has_role(session_user, p_login::name, 'MEMBER')
	   AND pg_catalog.pg_has_role(p_login::name, 'iedesk_caseworker', 'USAGE')
	   AND EXISTS (SELECT 1 FROM iedesk.school s
	                WHERE s.id = p_school AND s.district_id = (SELECT a.district_id FROM iedesk.account_of(p_login) a))
$$;

-- May p_login write case p_case? Its district's case workers may; nobody else (the owner bypasses this).
CREATE FUNCTION iedesk.case_writable(p_case bigint, p_login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT pg_catalog.pg_has_role(session_user, p_login::name, 'MEMBER')
	   AND pg_catalog.pg_has_role(p_login::name, 'iedesk_caseworker', 'USAGE')
	   AND EXISTS (SELECT 1 FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id
	                WHERE c.id = p_case AND s.district_id = (SELECT a.district_id FROM iedesk.account_of(p_login) a))
$$;

-- May p_login read case p_case? If so, the read is logged (once per transaction) before it is allowed.
CREATE FUNCTION iedesk.case_seen(p_case bigint, p_login text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	IF NOT iedesk.case_writable(p_case, p_login) THEN
		RETURN false;
	END IF;
	INSERT INTO iedesk.audit_log (login, table_name, row_id, action, read_xact)
	VALUES (session_user, 'student_case', p_case, 'read', pg_catalog.txid_current())
	ON CONFLICT (table_name, row_id, login, read_xact) WHERE action = 'read' DO NOTHING;
	RETURN true;
END;
$$;


-- The case's own row, read: by its school, which the row carries, so that a row being inserted (not yet in
-- the table for the functions above to find) is checked too, as INSERT ... RETURNING and ON CONFLICT need.
CREATE FUNCTION iedesk.case_row_seen(p_case bigint, p_school bigint, p_login text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	IF p_case IS NULL OR NOT iedesk.case_school_mine(p_school, p_login) THEN
		RETURN false;
	END IF;
	INSERT INTO iedesk.audit_log (login, table_name, row_id, action, read_xact)
	VALUES (session_user, 'student_case', p_case, 'read', pg_catalog.txid_current())
	ON CONFLICT (table_name, row_id, login, read_xact) WHERE action = 'read' DO NOTHING;
	RETURN true;
END;
$$;

REVOKE ALL ON FUNCTION iedesk.case_writable(bigint, text), iedesk.case_seen(bigint, text),
	iedesk.case_school_mine(bigint, text), iedesk.case_row_seen(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.case_writable(bigint, text), iedesk.case_seen(bigint, text),
	iedesk.case_school_mine(bigint, text), iedesk.case_row_seen(bigint, bigint, text) TO iedesk_caseworker;

-- 0019's doors are closed: the table itself is the door now, logged.
DROP FUNCTION iedesk.student_cases(bigint);
DROP FUNCTION iedesk.student_case_rows(text, bigint);
REVOKE ALL ON iedesk.student_case FROM iedesk_caseworker;
GRANT SELECT, INSERT, UPDATE ON iedesk.student_case TO iedesk_caseworker;

DROP POLICY student_case_caseworker ON iedesk.student_case;
CREATE POLICY student_case_read ON iedesk.student_case FOR SELECT TO iedesk_caseworker
	USING (iedesk.case_row_seen(id, school_id, current_user::text));
CREATE POLICY student_case_add ON iedesk.student_case FOR INSERT TO iedesk_caseworker
	WITH CHECK (iedesk.case_school_mine(school_id, current_user::text));
CREATE POLICY student_case_change ON iedesk.student_case FOR UPDATE TO iedesk_caseworker
	USING (iedesk.case_school_mine(school_id, current_user::text))
	WITH CHECK (iedesk.case_school_mine(school_id, current_user::text));

-- ---------------------------------------------------------------------------------------------------
-- The parts of a case. Each belongs to one case (case_id, or through its IEP or goal), carries the
-- version, client key and audit of every editable table, and is read and written as its case is.

-- Assessments (评估) by kind, by whom (the district special education centre's team), with the result.
CREATE TABLE iedesk.case_assessment (
	id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id     bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	kind        text NOT NULL CHECK (kind IN ('academic', 'behavioural', 'psychological', 'medical',
	                'speech-language', 'vision', 'hearing-test')),
	assessed_on date NOT NULL,
	assessor    text NOT NULL CHECK (btrim(assessor) <> ''),
	result      text,
	notes       text,
	version     int NOT NULL DEFAULT 1,
	updated_at  timestamptz NOT NULL DEFAULT now(),
	client_key  uuid UNIQUE
);
CREATE INDEX case_assessment_case_idx ON iedesk.case_assessment (case_id, assessed_on);

-- Placements (安置) as they change: the school and the setting, resource-classroom hours a week. The latest
-- is the case's (a trigger below keeps student_case.school_id and placement).
CREATE TABLE iedesk.case_placement (
	id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id        bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	school_id      bigint NOT NULL REFERENCES iedesk.school ON DELETE RESTRICT,
	placement      text NOT NULL CHECK (placement IN ('regular-class', 'resource-classroom', 'special-class',
	                   'home-based', 'special-school')),
	hours_per_week int CHECK (hours_per_week BETWEEN 0 AND 60),
	started_on     date NOT NULL,
	note           text,
	version        int NOT NULL DEFAULT 1,
	updated_at     timestamptz NOT NULL DEFAULT now(),
	client_key     uuid UNIQUE
);
CREATE INDEX case_placement_case_idx ON iedesk.case_placement (case_id, started_on, id);

-- An IEP (个别化教育计划): a draft while it is written; finalised, a numbered version no one changes (but
-- the parents' consent, which follows the meeting it is printed for). Revising a final IEP copies it into
-- the next draft (iedesk.iep_revise); earlier versions stay readable.
CREATE TABLE iedesk.iep (
	id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id        bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	number         int CHECK (number > 0),
	status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
	starts_on      date,
	ends_on        date,
	review_on      date,
	present_levels text,
	consent        text NOT NULL DEFAULT 'not-asked' CHECK (consent IN ('not-asked', 'asked', 'given', 'refused')),
	consent_on     date,
	finalised_at   timestamptz,
	finalised_by   text,
	version        int NOT NULL DEFAULT 1,
	updated_at     timestamptz NOT NULL DEFAULT now(),
	client_key     uuid UNIQUE,
	UNIQUE (case_id, number),
	CHECK ((status = 'final') = (number IS NOT NULL AND finalised_at IS NOT NULL)),
	CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on > starts_on),
	CHECK (consent IN ('not-asked', 'asked') OR consent_on IS NOT NULL)
);
CREATE UNIQUE INDEX iep_one_draft ON iedesk.iep (case_id) WHERE status = 'draft';

-- The IEP's team: case worker, class teacher, resource teacher, parent, therapist, itinerant teacher.
CREATE TABLE iedesk.iep_member (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	iep_id     bigint NOT NULL REFERENCES iedesk.iep ON DELETE CASCADE,
	role       text NOT NULL CHECK (role IN ('case-worker', 'class-teacher', 'resource-teacher', 'parent',
	               'therapist', 'itinerant-teacher', 'other')),
	name       text NOT NULL CHECK (btrim(name) <> ''),
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX iep_member_iep_idx ON iedesk.iep_member (iep_id);

-- Annual goals, each with measurable short-term objectives.
CREATE TABLE iedesk.iep_goal (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	iep_id     bigint NOT NULL REFERENCES iedesk.iep ON DELETE CASCADE,
	area       text NOT NULL CHECK (area IN ('academic', 'communication', 'social', 'behaviour', 'self-care',
	               'motor', 'other')),
	goal       text NOT NULL CHECK (btrim(goal) <> ''),
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX iep_goal_iep_idx ON iedesk.iep_goal (iep_id, id);

CREATE TABLE iedesk.iep_objective (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	goal_id    bigint NOT NULL REFERENCES iedesk.iep_goal ON DELETE CASCADE,
	objective  text NOT NULL CHECK (btrim(objective) <> ''),
	measure    text NOT NULL CHECK (btrim(measure) <> ''),
	target_on  date,
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX iep_objective_goal_idx ON iedesk.iep_objective (goal_id, id);

-- Accommodations: seating, exams, assistive devices, materials.
CREATE TABLE iedesk.iep_accommodation (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	iep_id     bigint NOT NULL REFERENCES iedesk.iep ON DELETE CASCADE,
	kind       text NOT NULL CHECK (kind IN ('seating', 'exams', 'assistive-device', 'materials', 'other')),
	detail     text NOT NULL CHECK (btrim(detail) <> ''),
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX iep_accommodation_iep_idx ON iedesk.iep_accommodation (iep_id, id);

-- Services the plan promises: who gives them, how often, how long.
CREATE TABLE iedesk.iep_service (
	id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	iep_id            bigint NOT NULL REFERENCES iedesk.iep ON DELETE CASCADE,
	kind              text NOT NULL CHECK (kind IN ('resource-classroom', 'speech-therapy', 'itinerant-guidance',
	                      'physiotherapy', 'counselling', 'other')),
	provider          text NOT NULL CHECK (btrim(provider) <> ''),
	sessions_per_week int NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 20),
	minutes           int NOT NULL CHECK (minutes BETWEEN 5 AND 480),
	version           int NOT NULL DEFAULT 1,
	updated_at        timestamptz NOT NULL DEFAULT now(),
	client_key        uuid UNIQUE
);
CREATE INDEX iep_service_iep_idx ON iedesk.iep_service (iep_id, id);

-- Sessions given (the services delivered), each on a goal when it worked on one.
CREATE TABLE iedesk.case_session (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id    bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	held_on    date NOT NULL,
	kind       text NOT NULL CHECK (kind IN ('resource-classroom', 'speech-therapy', 'itinerant-guidance',
	               'physiotherapy', 'counselling', 'other')),
	provider   text NOT NULL CHECK (btrim(provider) <> ''),
	minutes    int NOT NULL CHECK (minutes BETWEEN 5 AND 480),
	goal_id    bigint REFERENCES iedesk.iep_goal ON DELETE SET NULL,
	note       text,
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX case_session_case_idx ON iedesk.case_session (case_id, held_on, id);

-- Progress on a goal: on track, a concern, achieved; and what comes next.
CREATE TABLE iedesk.case_progress (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id    bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	goal_id    bigint NOT NULL REFERENCES iedesk.iep_goal ON DELETE CASCADE,
	noted_on   date NOT NULL,
	rating     text NOT NULL CHECK (rating IN ('on-track', 'concern', 'achieved')),
	next_steps text,
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX case_progress_case_idx ON iedesk.case_progress (case_id, noted_on, id);

-- Home–school contacts (家校沟通): when, with whom, how, what was agreed.
CREATE TABLE iedesk.case_contact (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id      bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	contacted_on date NOT NULL,
	with_whom    text NOT NULL CHECK (btrim(with_whom) <> ''),
	how          text NOT NULL CHECK (how IN ('meeting', 'phone', 'home-visit', 'message')),
	agreed       text,
	version      int NOT NULL DEFAULT 1,
	updated_at   timestamptz NOT NULL DEFAULT now(),
	client_key   uuid UNIQUE
);
CREATE INDEX case_contact_case_idx ON iedesk.case_contact (case_id, contacted_on, id);

-- Reviews held: of the IEP (on its review date), the annual review, the re-assessment.
CREATE TABLE iedesk.case_review (
	id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id    bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	kind       text NOT NULL CHECK (kind IN ('iep-review', 'annual-review', 'reassessment')),
	held_on    date NOT NULL,
	outcome    text NOT NULL CHECK (btrim(outcome) <> ''),
	version    int NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	client_key uuid UNIQUE
);
CREATE INDEX case_review_case_idx ON iedesk.case_review (case_id, kind, held_on);

-- A move to another district's school: asked by the case workers who hold the case, accepted by the
-- receiving district's (iedesk.case_transfer_accept), and only then theirs. A move within the district is a
-- new placement.
CREATE TABLE iedesk.case_transfer (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id      bigint NOT NULL REFERENCES iedesk.student_case ON DELETE CASCADE,
	to_school_id bigint NOT NULL REFERENCES iedesk.school ON DELETE RESTRICT,
	requested_on date NOT NULL,
	note         text,
	status       text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined')),
	decided_on   date,
	decided_by   text,
	version      int NOT NULL DEFAULT 1,
	updated_at   timestamptz NOT NULL DEFAULT now(),
	client_key   uuid UNIQUE,
	CHECK ((status = 'requested') = (decided_on IS NULL))
);
CREATE UNIQUE INDEX case_transfer_one_open ON iedesk.case_transfer (case_id) WHERE status = 'requested';
CREATE INDEX case_transfer_school_idx ON iedesk.case_transfer (to_school_id) WHERE status = 'requested';

-- The case of a part kept through its IEP or goal (for the policies; the owner's rights, no read logged).
CREATE FUNCTION iedesk.iep_case(p_iep bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT i.case_id FROM iedesk.iep i WHERE i.id = p_iep
$$;
CREATE FUNCTION iedesk.goal_case(p_goal bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT i.case_id FROM iedesk.iep_goal g JOIN iedesk.iep i ON i.id = g.iep_id WHERE g.id = p_goal
$$;
REVOKE ALL ON FUNCTION iedesk.iep_case(bigint), iedesk.goal_case(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.iep_case(bigint), iedesk.goal_case(bigint) TO iedesk_caseworker;

-- Row-level security on every part; the loop below gives each its policies.
ALTER TABLE iedesk.case_assessment ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_placement ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep_goal ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep_objective ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep_accommodation ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.iep_service ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_review ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.case_transfer ENABLE ROW LEVEL SECURITY;
-- Grants, row-level security, versions, audit and live updates for every part. Staff read every table by
-- 0012's default privileges: not these.
DO $$
DECLARE
	t text;
	k text;
BEGIN
	FOREACH t IN ARRAY ARRAY['case_assessment', 'case_placement', 'iep', 'iep_member', 'iep_goal',
			'iep_objective', 'iep_accommodation', 'iep_service', 'case_session', 'case_progress',
			'case_contact', 'case_review', 'case_transfer'] LOOP
		k := CASE WHEN t IN ('iep_member', 'iep_goal', 'iep_accommodation', 'iep_service')
		          THEN 'iedesk.iep_case(iep_id)'
		          WHEN t = 'iep_objective' THEN 'iedesk.goal_case(goal_id)'
		          ELSE 'case_id' END;
		EXECUTE format('REVOKE ALL ON iedesk.%I FROM iedesk_staff', t);
		EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON iedesk.%I TO iedesk_caseworker', t);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR SELECT TO iedesk_caseworker'
			' USING (iedesk.case_seen(%s, current_user::text))', t || '_read', t, k);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR INSERT TO iedesk_caseworker'
			' WITH CHECK (iedesk.case_writable(%s, current_user::text))', t || '_add', t, k);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR UPDATE TO iedesk_caseworker'
			' USING (iedesk.case_writable(%s, current_user::text))'
			' WITH CHECK (iedesk.case_writable(%s, current_user::text))', t || '_change', t, k, k);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR DELETE TO iedesk_caseworker'
			' USING (iedesk.case_writable(%s, current_user::text))', t || '_remove', t, k);
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.bump_version()', t || '_bump_version', t);
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.audit_change()', t || '_audit', t);
		EXECUTE format('CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.notify_change()', t);
	END LOOP;
END;
$$;
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON iedesk.student_case
	FOR EACH ROW EXECUTE FUNCTION iedesk.notify_change();

-- The audit log's rows of these tables hold what a case says: for the schema's owner alone, like 0020's.
DROP POLICY audit_log_read ON iedesk.audit_log;
CREATE POLICY audit_log_read ON iedesk.audit_log FOR SELECT TO iedesk_staff
	USING (CASE WHEN table_name IN ('student_case', 'case_assessment', 'case_placement', 'iep', 'iep_member',
	                                'iep_goal', 'iep_objective', 'iep_accommodation', 'iep_service', 'case_session',
	                                'case_progress', 'case_contact', 'case_review', 'case_transfer') THEN false
	            WHEN table_name = 'account' THEN pg_catalog.pg_has_role(current_user, 'iedesk_admin', 'USAGE')
	            ELSE true END);

-- ---------------------------------------------------------------------------------------------------
-- Rules kept by triggers

-- A placement is the case's school and setting from its date: the latest one is copied onto the case.
CREATE FUNCTION iedesk.case_placement_apply() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	UPDATE iedesk.student_case c SET school_id = p.school_id, placement = p.placement
	  FROM (SELECT x.school_id, x.placement FROM iedesk.case_placement x WHERE x.case_id = NEW.case_id
	         ORDER BY x.started_on DESC, x.id DESC LIMIT 1) p
	 WHERE c.id = NEW.case_id AND (c.school_id, c.placement) IS DISTINCT FROM (p.school_id, p.placement);
	RETURN NULL;
END;
$$;
CREATE TRIGGER case_placement_apply AFTER INSERT OR UPDATE ON iedesk.case_placement
	FOR EACH ROW EXECUTE FUNCTION iedesk.case_placement_apply();

-- A final IEP is not changed, but for the parents' consent; nor are its parts. Runs as the owner to read
-- the IEP a part belongs to without logging a read (the change itself is audited).
CREATE FUNCTION iedesk.iep_final_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v_iep bigint;
	r record;
BEGIN
	IF TG_TABLE_NAME = 'iep' THEN
		IF TG_OP = 'DELETE' THEN
			IF OLD.status = 'final' THEN
				RAISE EXCEPTION 'IEP % is final: it stays on record', OLD.number
					USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
			END IF;
			RETURN OLD;
		END IF;
		IF OLD.status = 'final' AND (to_jsonb(NEW) - ARRAY['consent', 'consent_on', 'version', 'updated_at'])
				IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['consent', 'consent_on', 'version', 'updated_at']) THEN
			RAISE EXCEPTION 'IEP % is final: revise it to make the next version', OLD.number
				USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
		END IF;
		RETURN NEW;
	END IF;
	IF TG_OP = 'DELETE' THEN
		r := OLD;
	ELSE
		r := NEW;
	END IF;
	IF TG_TABLE_NAME = 'iep_objective' THEN
		SELECT g.iep_id INTO v_iep FROM iedesk.iep_goal g WHERE g.id = (to_jsonb(r) ->> 'goal_id')::bigint;
	ELSE
		v_iep := to_jsonb(r) ->> 'iep_id';
	END IF;
	IF EXISTS (SELECT 1 FROM iedesk.iep i WHERE i.id = v_iep AND i.status = 'final') THEN
		RAISE EXCEPTION 'that IEP is final: revise it to make the next version'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
	END IF;
	IF TG_OP = 'UPDATE' THEN   -- nor is a part moved out of a final IEP
		IF TG_TABLE_NAME = 'iep_objective' THEN
			SELECT g.iep_id INTO v_iep FROM iedesk.iep_goal g WHERE g.id = OLD.goal_id;
		ELSE
			v_iep := to_jsonb(OLD) ->> 'iep_id';
		END IF;
		IF EXISTS (SELECT 1 FROM iedesk.iep i WHERE i.id = v_iep AND i.status = 'final') THEN
			RAISE EXCEPTION 'that IEP is final: revise it to make the next version'
				USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
		END IF;
	END IF;
	RETURN r;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.iep_final_guard() FROM PUBLIC;
CREATE TRIGGER iep_final_guard BEFORE UPDATE OR DELETE ON iedesk.iep
	FOR EACH ROW EXECUTE FUNCTION iedesk.iep_final_guard();
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['iep_member', 'iep_goal', 'iep_objective', 'iep_accommodation', 'iep_service'] LOOP
		EXECUTE format('CREATE TRIGGER iep_final_guard BEFORE INSERT OR UPDATE OR DELETE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.iep_final_guard()', t);
	END LOOP;
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- The IEP's versions

-- Finalise a draft IEP at the version the caller saw: it gets the case's next number, who and when, and
-- is fixed from then on. It needs its dates, a team, and goals that each have an objective. Returns the
-- number. Runs with the caller's rights (row-level security decides whose drafts).
CREATE FUNCTION iedesk.iep_finalise(p_iep bigint, p_version int) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v iedesk.iep;
	v_number int;
BEGIN
	SELECT * INTO v FROM iedesk.iep WHERE id = p_iep FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'that IEP is not there (or not yours to read)' USING ERRCODE = 'no_data_found';
	END IF;
	IF v.status = 'final' THEN
		RAISE EXCEPTION 'IEP % is already final', v.number USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
	END IF;
	IF v.version <> p_version THEN
		RAISE EXCEPTION 'the IEP was changed by someone else since you opened it'
			USING ERRCODE = 'serialization_failure', CONSTRAINT = 'iep_version';
	END IF;
	IF v.starts_on IS NULL OR v.ends_on IS NULL OR v.review_on IS NULL THEN
		RAISE EXCEPTION 'an IEP needs its start, end and review dates before it is final'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_complete';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM iedesk.iep_member m WHERE m.iep_id = p_iep) THEN
		RAISE EXCEPTION 'an IEP needs its team before it is final'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_complete';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM iedesk.iep_goal g WHERE g.iep_id = p_iep)
	   OR EXISTS (SELECT 1 FROM iedesk.iep_goal g WHERE g.iep_id = p_iep
	               AND NOT EXISTS (SELECT 1 FROM iedesk.iep_objective o WHERE o.goal_id = g.id)) THEN
		RAISE EXCEPTION 'an IEP needs goals, each with a short-term objective, before it is final'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_complete';
	END IF;
	PERFORM 1 FROM iedesk.student_case c WHERE c.id = v.case_id FOR UPDATE;
	SELECT coalesce(max(i.number), 0) + 1 INTO v_number FROM iedesk.iep i WHERE i.case_id = v.case_id;
	UPDATE iedesk.iep SET status = 'final', number = v_number, finalised_at = now(), finalised_by = session_user
	 WHERE id = p_iep;
	UPDATE iedesk.student_case SET iep_review_due = v.review_on WHERE id = v.case_id;
	RETURN v_number;
END;
$$;

-- The next draft of a case's latest final IEP: a copy of it and its parts, dated on from the old one's
-- end, consent not yet asked. Returns the draft's id. One draft at a time (iep_one_draft).
CREATE FUNCTION iedesk.iep_revise(p_iep bigint) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v iedesk.iep;
	v_new bigint;
	g record;
	v_goal bigint;
BEGIN
	SELECT * INTO v FROM iedesk.iep WHERE id = p_iep;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'that IEP is not there (or not yours to read)' USING ERRCODE = 'no_data_found';
	END IF;
	IF v.status <> 'final' THEN
		RAISE EXCEPTION 'only a final IEP is revised: this draft is still open to change'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'iep_final';
	END IF;
	IF EXISTS (SELECT 1 FROM iedesk.iep i WHERE i.case_id = v.case_id AND i.status = 'draft') THEN
		RAISE EXCEPTION 'this case already has a draft IEP: finish that one'
			USING ERRCODE = 'unique_violation', CONSTRAINT = 'iep_one_draft';
	END IF;
	INSERT INTO iedesk.iep (case_id, starts_on, ends_on, review_on, present_levels)
	VALUES (v.case_id, v.starts_on, v.ends_on, v.review_on, v.present_levels) RETURNING id INTO v_new;
	INSERT INTO iedesk.iep_member (iep_id, role, name) SELECT v_new, m.role, m.name FROM iedesk.iep_member m
	 WHERE m.iep_id = p_iep ORDER BY m.id;
	INSERT INTO iedesk.iep_accommodation (iep_id, kind, detail) SELECT v_new, a.kind, a.detail
	  FROM iedesk.iep_accommodation a WHERE a.iep_id = p_iep ORDER BY a.id;
	INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes)
	SELECT v_new, s.kind, s.provider, s.sessions_per_week, s.minutes FROM iedesk.iep_service s
	 WHERE s.iep_id = p_iep ORDER BY s.id;
	FOR g IN SELECT * FROM iedesk.iep_goal x WHERE x.iep_id = p_iep ORDER BY x.id LOOP
		INSERT INTO iedesk.iep_goal (iep_id, area, goal) VALUES (v_new, g.area, g.goal) RETURNING id INTO v_goal;
		INSERT INTO iedesk.iep_objective (goal_id, objective, measure, target_on)
		SELECT v_goal, o.objective, o.measure, o.target_on FROM iedesk.iep_objective o WHERE o.goal_id = g.id
		 ORDER BY o.id;
	END LOOP;
	RETURN v_new;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.iep_finalise(bigint, int), iedesk.iep_revise(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.iep_finalise(bigint, int), iedesk.iep_revise(bigint) TO iedesk_caseworker;

-- ---------------------------------------------------------------------------------------------------
-- Transfers

-- Accept (or decline) a transfer into the caller's district: the case moves to the school asked for, with
-- a placement there of the setting it had, and is the receiving district's from then on.
CREATE FUNCTION iedesk.case_transfer_decide(p_transfer bigint, p_accept boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	t iedesk.case_transfer;
	v_placement text;
BEGIN
	SELECT * INTO t FROM iedesk.case_transfer WHERE id = p_transfer FOR UPDATE;
	IF NOT FOUND OR NOT iedesk.case_school_mine(t.to_school_id, current_user::text) THEN
		RAISE EXCEPTION 'only the case workers of the receiving district decide a transfer'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF t.status <> 'requested' THEN
		RAISE EXCEPTION 'that transfer was already %', t.status USING ERRCODE = 'check_violation',
			CONSTRAINT = 'case_transfer_decided';
	END IF;
	UPDATE iedesk.case_transfer SET status = CASE WHEN p_accept THEN 'accepted' ELSE 'declined' END,
	       decided_on = iedesk.today(), decided_by = session_user
	 WHERE id = p_transfer;
	IF p_accept THEN
		SELECT c.placement INTO v_placement FROM iedesk.student_case c WHERE c.id = t.case_id;
		INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on, note)
		VALUES (t.case_id, t.to_school_id, v_placement, iedesk.today(), t.note);
	END IF;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.case_transfer_decide(bigint, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.case_transfer_decide(bigint, boolean) TO iedesk_caseworker;

-- Is the login at work the schema's owner (or a superuser), who reads every case without row-level security
-- (migrations, the demo, tests; people do not work as the owner)? The views below show it every district.
CREATE FUNCTION iedesk.case_owner() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce((SELECT r.rolsuper OR r.oid = (SELECT n.nspowner FROM pg_catalog.pg_namespace n
	                                                 WHERE n.nspname = 'iedesk')
	                   FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)
$$;

-- Transfers waiting for the caller's district to decide: the case's code and where it comes from, and no
-- more until it is accepted.
CREATE VIEW iedesk.case_transfer_incoming AS
SELECT t.id, t.case_id, c.code, f.name AS from_school, fd.code AS from_district, s.id AS to_school_id,
       s.name AS to_school, t.requested_on, t.note, t.version
  FROM iedesk.case_transfer t
  JOIN iedesk.student_case c ON c.id = t.case_id
  JOIN iedesk.school f ON f.id = c.school_id
  JOIN iedesk.district fd ON fd.id = f.district_id
  JOIN iedesk.school s ON s.id = t.to_school_id
 WHERE t.status = 'requested'
   AND (iedesk.case_owner() OR iedesk.case_school_mine(t.to_school_id, current_user::text));
ALTER VIEW iedesk.case_transfer_incoming SET (security_invoker = false);
REVOKE ALL ON iedesk.case_transfer_incoming FROM iedesk_staff;
GRANT SELECT ON iedesk.case_transfer_incoming TO iedesk_caseworker;

-- ---------------------------------------------------------------------------------------------------
-- What is due. For each open case: the parents' answer to a referral (14 days from it), an assessment once
-- they agreed (30 days), the decision once assessed (30 days from the last assessment), the first IEP once
-- eligible (30 days from the decision), the parents' consent to a final IEP (14 days from it), its review
-- (on its review date), the annual review (a year from the IEP's start or the last annual review), and
-- the re-assessment (three years from the last assessment).

CREATE VIEW iedesk.case_due_each AS
WITH c AS NOT MATERIALIZED (   -- inlined into each branch, so that a case's id reaches its indexes
	SELECT c.*, s.district_id,
	       (SELECT max(a.assessed_on) FROM iedesk.case_assessment a WHERE a.case_id = c.id) AS assessed_on,
	       f.id AS iep_id, f.number AS iep_number, f.starts_on AS iep_starts_on, f.review_on AS iep_review_on,
	       f.consent AS iep_consent, f.finalised_at::date AS iep_final_on
	  FROM iedesk.student_case c
	  JOIN iedesk.school s ON s.id = c.school_id
	  LEFT JOIN LATERAL (SELECT i.* FROM iedesk.iep i WHERE i.case_id = c.id AND i.status = 'final'
	                      ORDER BY i.number DESC LIMIT 1) f ON true
	 WHERE c.status = 'open'
)
SELECT d.case_id, d.school_id, d.district_id, d.due, d.due_on, iedesk.today() - d.due_on AS days_over
  FROM (
	SELECT c.id AS case_id, c.school_id, c.district_id, 'parents-answer'::text AS due, c.referred_on + 14 AS due_on
	  FROM c WHERE c.parents_answer = 'pending' AND c.referred_on IS NOT NULL
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'assessment', c.parents_answer_on + 30
	  FROM c WHERE c.parents_answer = 'agreed' AND c.identification_status = 'suspected' AND c.assessed_on IS NULL
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'decision', c.assessed_on + 30
	  FROM c WHERE c.identification_status IN ('suspected', 'assessed') AND c.assessed_on IS NOT NULL
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'first-iep', c.decided_on + 30
	  FROM c WHERE c.identification_status = 'confirmed' AND c.iep_id IS NULL
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'iep-consent', c.iep_final_on + 14
	  FROM c WHERE c.iep_id IS NOT NULL AND c.iep_consent IN ('not-asked', 'asked')
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'iep-review', c.iep_review_on
	  FROM c WHERE c.iep_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM iedesk.case_review r
	               WHERE r.case_id = c.id AND r.kind = 'iep-review' AND r.held_on >= c.iep_final_on)
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'annual-review',
	       (greatest(c.iep_starts_on, (SELECT max(r.held_on) FROM iedesk.case_review r
	                                    WHERE r.case_id = c.id AND r.kind = 'annual-review')) + interval '1 year')::date
	  FROM c WHERE c.iep_id IS NOT NULL
	UNION ALL
	SELECT c.id, c.school_id, c.district_id, 'reassessment',
	       (greatest(c.assessed_on, (SELECT max(r.held_on) FROM iedesk.case_review r
	                                  WHERE r.case_id = c.id AND r.kind = 'reassessment')) + interval '3 years')::date
	  FROM c WHERE c.identification_status = 'confirmed' AND c.assessed_on IS NOT NULL
  ) d
 WHERE d.due_on IS NOT NULL;
ALTER VIEW iedesk.case_due_each SET (security_invoker = false);
REVOKE ALL ON iedesk.case_due_each FROM iedesk_staff;   -- the owner's; others read the index or the counts

-- A case worker's cases, found without reading them: code, school, district, status and the next thing
-- due (the earliest, within 30 days or overdue; NULL otherwise). Their own district's only.
CREATE VIEW iedesk.case_index AS
SELECT c.id, c.code, c.school_id, s.district_id, c.status, c.version, n.due, n.due_on, n.days_over
  FROM iedesk.student_case c
  JOIN iedesk.school s ON s.id = c.school_id
  LEFT JOIN LATERAL (SELECT d.due, d.due_on, d.days_over FROM iedesk.case_due_each d
                      WHERE d.case_id = c.id AND d.due_on <= iedesk.today() + 30
                      ORDER BY d.due_on, d.due LIMIT 1) n ON true
 WHERE iedesk.case_owner()
    OR (pg_catalog.pg_has_role(current_user, 'iedesk_caseworker', 'USAGE') AND s.district_id = iedesk.my_district());
ALTER VIEW iedesk.case_index SET (security_invoker = false);
REVOKE ALL ON iedesk.case_index FROM iedesk_staff;
GRANT SELECT ON iedesk.case_index TO iedesk_caseworker;

-- The case workers' review backlog: one row per thing due within 30 days or overdue, of their district.
CREATE VIEW iedesk.case_due AS
SELECT d.case_id, c.code, d.school_id, d.district_id, d.due, d.due_on, d.days_over
  FROM iedesk.case_due_each d JOIN iedesk.student_case c ON c.id = d.case_id
 WHERE d.due_on <= iedesk.today() + 30
   AND (iedesk.case_owner()
        OR (pg_catalog.pg_has_role(current_user, 'iedesk_caseworker', 'USAGE') AND d.district_id = iedesk.my_district()));
ALTER VIEW iedesk.case_due SET (security_invoker = false);
REVOKE ALL ON iedesk.case_due FROM iedesk_staff;
GRANT SELECT ON iedesk.case_due TO iedesk_caseworker;

-- ---------------------------------------------------------------------------------------------------
-- Counts for everyone, small cells suppressed: a count under 3 is NULL and shown "<3" (0 is shown 0: it
-- singles no one out). Reviews overdue are the IEP and annual reviews and re-assessments past their date.

CREATE FUNCTION iedesk.case_count_shown(p_n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
	SELECT CASE WHEN p_n = 0 THEN '0' WHEN p_n < 3 THEN '<3' ELSE p_n::text END
$$;

CREATE VIEW iedesk.case_school_counts AS
SELECT s.id AS school_id, s.district_id,
       CASE WHEN k.cases >= 3 THEN k.cases END AS cases, iedesk.case_count_shown(k.cases) AS cases_shown,
       CASE WHEN k.overdue >= 3 OR k.overdue = 0 THEN k.overdue END AS overdue,
       iedesk.case_count_shown(k.overdue) AS overdue_shown
  FROM iedesk.school s
  CROSS JOIN LATERAL (
	SELECT count(*) AS cases,
	       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM iedesk.case_due_each d WHERE d.case_id = c.id
	                       AND d.due IN ('iep-review', 'annual-review', 'reassessment') AND d.days_over > 0)) AS overdue
	  FROM iedesk.student_case c WHERE c.school_id = s.id AND c.status = 'open') k
 WHERE k.cases > 0;
ALTER VIEW iedesk.case_school_counts SET (security_invoker = false);

CREATE VIEW iedesk.case_district_counts AS
SELECT d.id AS district_id,
       CASE WHEN k.cases >= 3 OR k.cases = 0 THEN k.cases END AS cases, iedesk.case_count_shown(k.cases) AS cases_shown,
       CASE WHEN k.overdue >= 3 OR k.overdue = 0 THEN k.overdue END AS overdue,
       iedesk.case_count_shown(k.overdue) AS overdue_shown
  FROM iedesk.district d
  CROSS JOIN LATERAL (
	SELECT count(*) AS cases,
	       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM iedesk.case_due_each e WHERE e.case_id = c.id
	                       AND e.due IN ('iep-review', 'annual-review', 'reassessment') AND e.days_over > 0)) AS overdue
	  FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id
	 WHERE s.district_id = d.id AND c.status = 'open') k;
ALTER VIEW iedesk.case_district_counts SET (security_invoker = false);

-- By placement at a school, as 0023's view counts by need category: a setting with 3 cases or more is a
-- row; the rest are one row without a setting, NULL and "<3" when they are fewer than 3.
CREATE VIEW iedesk.case_placement_counts AS
WITH cell AS (
	SELECT c.school_id, c.placement, count(*) AS n FROM iedesk.student_case c WHERE c.status = 'open'
	 GROUP BY c.school_id, c.placement
), small AS (
	SELECT cell.school_id, sum(cell.n)::bigint AS n FROM cell WHERE cell.n < 3 GROUP BY cell.school_id
)
SELECT cell.school_id, cell.placement, cell.n AS count, cell.n::text AS shown FROM cell WHERE cell.n >= 3
UNION ALL
SELECT small.school_id, NULL::text, CASE WHEN small.n >= 3 THEN small.n END,
       CASE WHEN small.n >= 3 THEN small.n::text ELSE '<3' END
  FROM small;
ALTER VIEW iedesk.case_placement_counts SET (security_invoker = false);

GRANT SELECT ON iedesk.case_school_counts, iedesk.case_district_counts, iedesk.case_placement_counts TO iedesk_staff;
REVOKE ALL ON FUNCTION iedesk.case_count_shown(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.case_count_shown(bigint) TO iedesk_staff;

-- The functions of this file whose callers' rights matter; the trigger functions are run, not called.
REVOKE ALL ON FUNCTION iedesk.case_placement_apply() FROM PUBLIC;

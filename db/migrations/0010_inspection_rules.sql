-- 0010_inspection_rules.sql: the rules that govern an inspection and its findings, as the database
-- enforces them, and the indexes of the lists of an action item's inspections and of an inspection's
-- findings (db/list.c). Wrapped in a transaction by the migration runner (no BEGIN/COMMIT here).
--
-- Three invariants, each refused under a stable constraint name that db/error.c turns into a sentence:
--   1. a closed inspection has no unresolved finding;
--   2. a finding belongs to an inspection that has been visited (visited_on set: 0001's
--      inspection_visited_unless_planned already makes every done or closed one so, and a planned one
--      with a visit date was visited all the same);
--   3. a finding is neither due nor resolved before that visit.
-- A rule checked from one table alone could be broken from the other (clear the visit of an inspection
-- that has findings, move the visit past a due date), so each is checked on both tables. The trigger on
-- finding locks its inspection's row (FOR SHARE), which an UPDATE of the inspection also locks: a finding
-- being added while its inspection is being closed waits for the other transaction, then sees what it
-- did, so the two cannot both pass at once.
--
-- A closed inspection and its findings: what would break rule 1 is refused — adding an unresolved finding,
-- clearing the resolved date of one (unresolving it), moving an unresolved one to it. Resolving is never
-- refused: it cannot break the rule (and under the rule a closed inspection has nothing left to resolve).
-- Adding a finding that is already resolved is allowed too: recording afterwards what was found and put
-- right keeps the record whole without pretending the inspection is open again (the demo records its
-- closed inspections' findings so). To add an open finding, reopen the inspection first: status done,
-- closing date cleared.
--
-- The rules hold for every row written from now on; rows already stored are not rewritten, and one that
-- breaks a rule must be put right when it is next edited.

-- An inspection: closing it, or changing its visit date, must keep the rules for its findings.
CREATE FUNCTION iedesk.inspection_rules_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	earliest date;
BEGIN
	IF NEW.status = 'closed' AND EXISTS (
			SELECT 1 FROM iedesk.finding f WHERE f.inspection_id = NEW.id AND f.resolved_on IS NULL) THEN
		RAISE EXCEPTION 'an inspection with unresolved findings cannot be closed'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'inspection_closed_with_findings_resolved';
	END IF;
	IF NEW.visited_on IS DISTINCT FROM OLD.visited_on THEN
		IF NEW.visited_on IS NULL THEN
			IF EXISTS (SELECT 1 FROM iedesk.finding f WHERE f.inspection_id = NEW.id) THEN
				RAISE EXCEPTION 'an inspection with findings keeps its visit date'
					USING ERRCODE = 'check_violation', CONSTRAINT = 'inspection_visit_kept_with_findings';
			END IF;
		ELSE
			-- least() and min() pass over NULLs: the earliest date any finding is due or was resolved
			SELECT min(least(f.due_on, f.resolved_on)) INTO earliest
			  FROM iedesk.finding f WHERE f.inspection_id = NEW.id;
			IF earliest < NEW.visited_on THEN
				RAISE EXCEPTION 'the visit cannot come after a finding is due or resolved'
					USING ERRCODE = 'check_violation', CONSTRAINT = 'inspection_visit_before_findings',
					      DETAIL = to_char(earliest, 'YYYY-MM-DD');
			END IF;
		END IF;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER inspection_rules
	BEFORE UPDATE OF status, visited_on ON iedesk.inspection
	FOR EACH ROW EXECUTE FUNCTION iedesk.inspection_rules_check();

-- A finding: its inspection must have been visited, not before its dates, and be open if it is unresolved.
-- The dates go in DETAIL (ISO, whatever the DateStyle) for db/error.c to quote.
CREATE FUNCTION iedesk.finding_rules_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	visit date;
	state text;
BEGIN
	SELECT i.visited_on, i.status INTO visit, state
	  FROM iedesk.inspection i WHERE i.id = NEW.inspection_id FOR SHARE;
	IF NOT FOUND THEN
		RETURN NEW;   -- finding_inspection_id_fkey refuses it, in its own words
	END IF;
	IF visit IS NULL THEN
		RAISE EXCEPTION 'a finding needs an inspection that has been visited'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_after_visit';
	END IF;
	IF NEW.due_on < visit THEN
		RAISE EXCEPTION 'a finding cannot be due before the visit'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_due_after_visit',
			      DETAIL = to_char(visit, 'YYYY-MM-DD');
	END IF;
	IF NEW.resolved_on < visit THEN
		RAISE EXCEPTION 'a finding cannot be resolved before the visit'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_resolved_after_visit',
			      DETAIL = to_char(visit, 'YYYY-MM-DD');
	END IF;
	IF state = 'closed' AND NEW.resolved_on IS NULL THEN
		RAISE EXCEPTION 'a closed inspection cannot have an unresolved finding'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_unresolved_of_closed_inspection';
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER finding_rules
	BEFORE INSERT OR UPDATE OF inspection_id, due_on, resolved_on ON iedesk.finding
	FOR EACH ROW EXECUTE FUNCTION iedesk.finding_rules_check();

-- The inspections checking one action item, by plan (DB_LIST_ACTION_ITEM_INSPECTIONS). It serves the
-- foreign key's lookups as well as 0001's single-column index did, which it replaces.
CREATE INDEX inspection_action_item_planned_idx ON iedesk.inspection (action_item_id, planned_on, id);
DROP INDEX iedesk.inspection_action_item_idx;

-- The findings of one inspection, unresolved first, then by due date, those without one last
-- (DB_LIST_FINDINGS keys on the same expressions). It replaces 0001's (inspection_id) index too: the
-- cascade from an inspection and the details find a finding by its inspection through it.
CREATE INDEX finding_inspection_order_idx ON iedesk.finding
	(inspection_id, (resolved_on IS NOT NULL), coalesce(due_on, '9999-12-31'::date), id);
DROP INDEX iedesk.finding_inspection_idx;

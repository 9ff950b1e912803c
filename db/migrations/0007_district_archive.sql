-- 0007_district_archive.sql: districts are archived like schools, never deleted — and only once none
-- of their schools is open, so no open school ever belongs to an archived district.

ALTER TABLE iedesk.district ADD COLUMN archived_at timestamptz;

CREATE FUNCTION iedesk.district_archive_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.archived_at IS NOT NULL AND OLD.archived_at IS NULL AND EXISTS (
			SELECT 1 FROM iedesk.school s WHERE s.district_id = NEW.id AND s.archived_at IS NULL) THEN
		RAISE EXCEPTION 'this district still has open schools; archive them first'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'district_archived_without_open_schools';
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER district_archive_check
	BEFORE UPDATE OF archived_at ON iedesk.district
	FOR EACH ROW EXECUTE FUNCTION iedesk.district_archive_check();

-- 0026_pinyin.sql: Chinese order and search. Names sort in 拼音 order (北房镇 before 怀柔区 before 杨宋镇):
-- the name columns of district, school, person and consortium take ICU's pinyin collation, so every
-- ORDER BY name, every keyset comparison and every (name, id) index of 0001 follows it, and the windows
-- stay on their indexes. And a name can be found by its pinyin: district, school and person keep beside
-- their name its keys (name_pinyin: the full pinyin and the initials, 怀柔区 "huairouqu hrq"), kept by
-- triggers from the hanzi -> pinyin table below, whose readings 0027 loads. Wrapped in a transaction by
-- the migration runner.

-- ICU's Chinese collation in its pinyin variant (PostgreSQL built with ICU, as Debian's is). Han names
-- in pinyin order come before Latin ones, which keep their alphabetical order.
CREATE COLLATION iedesk.pinyin (provider = icu, locale = 'zh-u-co-pinyin');

-- The views that read these columns are kept as they are, grants and options included: PostgreSQL
-- changes no column a view reads, so they are set aside, and made again from their own definitions.
DO $$
DECLARE
	-- a view before those it reads: 0004's manager_gap and 0025's manager_gap_each read the names and
	-- school_current_manager
	v_views text[] := ARRAY['manager_gap', 'manager_gap_each', 'school_current_manager'];
	v_defs text[] := '{}';
	v_after text[] := '{}';
	v_view text;
	v_then text;
BEGIN
	FOREACH v_view IN ARRAY v_views LOOP
		v_defs := v_defs || pg_get_viewdef(format('iedesk.%I', v_view)::regclass);
		SELECT concat_ws('; ',
			(SELECT string_agg(format('GRANT %s ON iedesk.%I TO %I', a.privilege_type, v_view, r.rolname), '; ')
			   FROM aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee WHERE a.grantee <> c.relowner),
			CASE WHEN c.reloptions IS NOT NULL
				THEN format('ALTER VIEW iedesk.%I SET (%s)', v_view, array_to_string(c.reloptions, ', ')) END)
		  INTO v_then FROM pg_class c WHERE c.oid = format('iedesk.%I', v_view)::regclass;
		v_after := v_after || coalesce(v_then, '');
		EXECUTE format('DROP VIEW iedesk.%I', v_view);
	END LOOP;

	ALTER TABLE iedesk.district ALTER COLUMN name TYPE text COLLATE iedesk.pinyin;
	ALTER TABLE iedesk.school ALTER COLUMN name TYPE text COLLATE iedesk.pinyin;
	ALTER TABLE iedesk.person ALTER COLUMN name TYPE text COLLATE iedesk.pinyin;
	ALTER TABLE iedesk.consortium ALTER COLUMN name TYPE text COLLATE iedesk.pinyin;

	FOR i IN REVERSE array_length(v_views, 1)..1 LOOP
		EXECUTE format('CREATE VIEW iedesk.%I AS %s', v_views[i], v_defs[i]);
		IF v_after[i] <> '' THEN
			EXECUTE v_after[i];
		END IF;
	END LOOP;
END;
$$;

-- Each character's readings without tones (ü written v), the most common first: 长 {zhang, chang}.
-- rls: none (hanzi_pinyin is reference data, the same for everyone: every role reads it, none writes it;
-- only the owner's migrations do).
CREATE TABLE iedesk.hanzi_pinyin (
	hanzi    text PRIMARY KEY CHECK (length(hanzi) = 1),
	readings text[] NOT NULL CHECK (cardinality(readings) >= 1)
);
REVOKE ALL ON iedesk.hanzi_pinyin FROM PUBLIC;
GRANT SELECT ON iedesk.hanzi_pinyin TO iedesk_staff, iedesk_secretary, iedesk_manager, iedesk_admin,
	iedesk_caseworker;

-- A name's pinyin keys, what the filter matches besides the name: its full pinyin and its initials, by
-- each character's most common reading, then the same by each one's second reading where it has one
-- (重庆 "zhongqing zq chongqing cq"). Letters and digits stay (北京101中学 "beijing101zhongxue bj101zx"),
-- the rest goes. '' for a name with no Chinese character: the name itself is matched already. PL/pgSQL,
-- whose lookup is planned once a session: a bulk insert of schools pays a fraction of a millisecond a name.
CREATE FUNCTION iedesk.pinyin_keys(p_name text) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	-- the readings' own collation, whatever the name's (0026's pinyin): the lookup is then on their index
	v_ch text COLLATE "default";
	v_readings text[];
	v_full text := '';
	v_initials text := '';
	v_other text := '';
	v_other_initials text := '';
	v_chinese boolean := false;
	v_two boolean := false;
BEGIN
	FOREACH v_ch IN ARRAY regexp_split_to_array(lower(p_name COLLATE "default"), '') LOOP
		IF v_ch ~ '^[a-z0-9]$' THEN
			v_full := v_full || v_ch;
			v_initials := v_initials || v_ch;
			v_other := v_other || v_ch;
			v_other_initials := v_other_initials || v_ch;
		ELSIF octet_length(v_ch) > 1 THEN
			SELECT h.readings INTO v_readings FROM iedesk.hanzi_pinyin h WHERE h.hanzi = v_ch;
			IF v_readings IS NOT NULL THEN
				v_chinese := true;
				v_two := v_two OR cardinality(v_readings) > 1;
				v_full := v_full || v_readings[1];
				v_initials := v_initials || left(v_readings[1], 1);
				v_other := v_other || coalesce(v_readings[2], v_readings[1]);
				v_other_initials := v_other_initials || left(coalesce(v_readings[2], v_readings[1]), 1);
			END IF;
		END IF;
	END LOOP;
	IF NOT v_chinese THEN
		RETURN '';
	END IF;
	RETURN concat_ws(' ', v_full, v_initials, CASE WHEN v_two THEN v_other END, CASE WHEN v_two THEN v_other_initials END);
END;
$$;
GRANT EXECUTE ON FUNCTION iedesk.pinyin_keys(text) TO iedesk_staff, iedesk_secretary, iedesk_manager,
	iedesk_admin, iedesk_caseworker;

-- The keys follow the name whatever a client writes: computed on every insert and update, so a client
-- cannot set them apart from the name. (A load in replica mode, as scripts/gendata's, sets them itself.)
CREATE FUNCTION iedesk.name_pinyin_keep() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	NEW.name_pinyin := iedesk.pinyin_keys(NEW.name);
	RETURN NEW;
END;
$$;

ALTER TABLE iedesk.district ADD COLUMN name_pinyin text NOT NULL DEFAULT '';
ALTER TABLE iedesk.school ADD COLUMN name_pinyin text NOT NULL DEFAULT '';
ALTER TABLE iedesk.person ADD COLUMN name_pinyin text NOT NULL DEFAULT '';
CREATE TRIGGER district_name_pinyin BEFORE INSERT OR UPDATE ON iedesk.district
	FOR EACH ROW EXECUTE FUNCTION iedesk.name_pinyin_keep();
CREATE TRIGGER school_name_pinyin BEFORE INSERT OR UPDATE ON iedesk.school
	FOR EACH ROW EXECUTE FUNCTION iedesk.name_pinyin_keep();
CREATE TRIGGER person_name_pinyin BEFORE INSERT OR UPDATE ON iedesk.person
	FOR EACH ROW EXECUTE FUNCTION iedesk.name_pinyin_keep();

-- 0020_case_audit_private.sql: the audit log's student case rows hold whole cases (old and new, as jsonb),
-- and 0012 let every case worker read them, of every district, without the read being logged: a way
-- around 0019. They are now for the schema's owner alone (who audits), like the reads they record; case
-- workers read a case through iedesk.student_cases(), logged. Wrapped in a transaction by the migration
-- runner.
DROP POLICY audit_log_read ON iedesk.audit_log;
CREATE POLICY audit_log_read ON iedesk.audit_log FOR SELECT TO iedesk_staff
	USING (CASE table_name
	           WHEN 'student_case' THEN false
	           WHEN 'account' THEN pg_catalog.pg_has_role(current_user, 'iedesk_admin', 'USAGE')
	           ELSE true END);

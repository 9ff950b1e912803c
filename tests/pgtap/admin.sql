-- admin.sql: an administrator (iedesk_admin) writes in every district and manages accounts. Run by pg_prove
-- against a migrated database holding the demo.
BEGIN;
SELECT plan(19);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_admin', 'admin', NULL);
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
END
$$;

SET ROLE tap_admin;
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 26$$, 'an administrator changes an inspection of MY');
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 3$$, 'and of HR');
SELECT lives_ok($$UPDATE iedesk.district SET name = '密云区' WHERE id = 2$$, 'an administrator changes a district');
SELECT lives_ok($$SELECT iedesk.account_create('tap_new', 'manager', 'MY', 11)$$, 'an administrator creates an account');
SELECT is((SELECT district_id FROM iedesk.account WHERE login = 'tap_new'), 2::bigint, 'in its district');
SELECT is((SELECT login_role FROM iedesk.person WHERE id = 11), 'tap_new', 'for its person');
SELECT ok(pg_has_role('tap_new', 'iedesk_manager', 'USAGE'), 'whose login is in the manager group');
SELECT ok((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tap_new'), 'and can log in');
SELECT throws_ok($$SELECT iedesk.account_create('tap_new', 'staff', NULL)$$, '23505', 'the account tap_new already exists',
	'an existing login is refused');
SELECT throws_ok($$SELECT iedesk.account_create('tap_x', 'boss', NULL)$$, '23514', NULL, 'an unknown role is refused');
SELECT throws_ok($$SELECT iedesk.account_create('tap_x', 'manager', NULL)$$, '23514', NULL,
	'a manager without a district is refused');
SELECT lives_ok($$SELECT iedesk.account_disable('tap_new')$$, 'an administrator disables an account');
SELECT ok(NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tap_new'), 'whose login can no longer log in');
SELECT lives_ok($$SELECT iedesk.account_enable('tap_new')$$, 'an administrator enables it again');
SELECT ok((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tap_new')
	AND pg_has_role('tap_new', 'iedesk_manager', 'USAGE'), 'whose login logs in again, in its role''s group');
SELECT is((SELECT disabled_at FROM iedesk.account WHERE login = 'tap_new'), NULL, 'and the account is active');
SELECT throws_ok($$SELECT iedesk.account_enable('tap_new')$$, '23514', 'the account tap_new is already active',
	'an active account is not enabled twice');
RESET ROLE;
DO $$ BEGIN PERFORM iedesk.account_disable('tap_new'); END $$;

SET ROLE tap_staff;
SELECT throws_ok($$SELECT iedesk.account_disable('tap_admin')$$, '42501', NULL, 'staff cannot disable accounts');
SELECT throws_ok($$SELECT iedesk.account_enable('tap_new')$$, '42501', NULL, 'nor enable them');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;

-- For benchmarks only, on a database of your own made by seed_demo (which writes no messages or calls):
-- gives every case four delivered messages (e-mails sent, letters posted) and, on the most recent open cases,
-- the work the queue lists: letters to print, messages held for a missing detail, failed e-mails, calls to make.
-- About 4 million rows at 1,000,000 cases, so that the queue's lists are found among all of a service's messages.
BEGIN;
INSERT INTO notifications_message (template_key, channel, "to", subject, body, note, large_print, idempotency_key,
  status, attempts, last_error, sent_at, posted_at, letter_file, created_at, case_id, party_id, link_site)
SELECT CASE k WHEN 1 THEN 'referral_received' WHEN 2 THEN 'la_mediation_requested' WHEN 3 THEN 'meeting_invitation'
         ELSE 'certificate_issued' END,
       CASE WHEN k = 4 AND c.id % 5 = 0 THEN 'letter' ELSE 'email' END,
       'bench@example.com', 'Bench message', 'Bench', '', false, 'bench-' || c.id || '-' || k,
       CASE WHEN k = 4 AND c.id % 5 = 0 THEN 'posted' ELSE 'delivered' END, 1, '',
       c.opened_on + k * 3, CASE WHEN k = 4 AND c.id % 5 = 0 THEN c.opened_on + k * 3 + 1 END, '',
       (c.opened_on + k * 3)::timestamp AT TIME ZONE 'Europe/London', c.id, NULL, ''
FROM cases_case c CROSS JOIN generate_series(1, 4) k;
-- The work waiting now, on the newest open cases' parents.
CREATE TEMP TABLE recent AS
SELECT c.id AS case_id, p.id AS party_id, p.name, p.phone, row_number() OVER (ORDER BY c.id DESC) AS n
FROM cases_case c JOIN cases_party p ON p.case_id = c.id AND p.role = 'parent'
WHERE c.state NOT IN ('closed', 'withdrawn') ORDER BY c.id DESC LIMIT 6000;
INSERT INTO notifications_message (template_key, channel, "to", subject, body, note, large_print, idempotency_key,
  status, attempts, last_error, letter_file, created_at, case_id, party_id, link_site)
SELECT 'certificate_issued',
       CASE WHEN n <= 1500 THEN 'letter' WHEN n <= 3000 THEN 'letter' WHEN n <= 3600 THEN 'email' ELSE 'call_task' END,
       CASE WHEN n <= 1500 THEN name || E'\n1 Example Street\nSale\nM33 1AA' WHEN n <= 3000 THEN ''
            WHEN n <= 3600 THEN 'bench@example.com' ELSE phone END,
       'Your mediation certificate', 'Bench', '', false, 'bench-waiting-' || n,
       CASE WHEN n <= 1500 THEN 'sent' WHEN n <= 3000 THEN 'cannot_send' WHEN n <= 3600 THEN 'failed' ELSE 'sent' END,
       1,
       CASE WHEN n <= 1500 THEN '' WHEN n <= 3000 THEN 'No postal address for ' || name || ': add one to send this letter'
            WHEN n <= 3600 THEN 'Delivery failed: HTTP 5xx' ELSE '' END,
       '', now() - make_interval(mins => n::int), case_id, party_id, ''
FROM recent;
INSERT INTO notifications_calltask (case_id, party_id, message_id, reason, due, done_at, done_by_id)
SELECT m.case_id, m.party_id, m.id, 'Tell them their certificate is ready', (m.created_at + interval '1 day')::date,
       NULL, NULL
FROM notifications_message m WHERE m.idempotency_key LIKE 'bench-waiting-%' AND m.channel = 'call_task';
COMMIT;
ANALYZE notifications_message;
ANALYZE notifications_calltask;

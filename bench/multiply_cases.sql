-- For benchmarks only, on a database of your own: run once after seed_demo --cases 1000.
-- Copies every case 99 more times (new references, dates moved back g*4 days), with its events and clocks.
BEGIN;
CREATE TEMP TABLE gen AS SELECT g FROM generate_series(1, 99) g;
INSERT INTO cases_case (created_at, updated_at, reference, reference_year, reference_number, case_type, state,
  local_authority_id, mediator_id, child_first_name, child_last_name, child_date_of_birth, young_person_acts,
  decisions, elements, decision_notice_date, route, summary, wants, source, channel, referrer_name,
  referrer_organisation, referrer_email, referrer_phone, consent_given_by, consent_given_on, consent_method,
  child_views, child_views_help_wanted, all_parties_agreed, meeting_outcome, la_notified_on, certificate_issued_on,
  opened_on, closed_on, closure_reason, next_due_date, clock_status, search_name, idempotency_key, anonymised_at)
SELECT c.created_at, c.updated_at, c.reference || '-' || g, c.reference_year, c.reference_number + g * 100000,
  c.case_type, c.state, c.local_authority_id, c.mediator_id, c.child_first_name, c.child_last_name,
  c.child_date_of_birth, c.young_person_acts, c.decisions, c.elements, c.decision_notice_date, c.route, c.summary,
  c.wants, c.source, c.channel, c.referrer_name, c.referrer_organisation, c.referrer_email, c.referrer_phone,
  c.consent_given_by, c.consent_given_on, c.consent_method, c.child_views, c.child_views_help_wanted,
  c.all_parties_agreed, c.meeting_outcome, c.la_notified_on - g * 4, c.certificate_issued_on - g * 4,
  c.opened_on - g * 4, c.closed_on - g * 4, c.closure_reason, c.next_due_date, c.clock_status, c.search_name, NULL, NULL
FROM cases_case c CROSS JOIN gen WHERE c.reference NOT LIKE '%-%-%-%';
CREATE TEMP TABLE map AS
SELECT o.id AS old_id, n.id AS new_id, g FROM cases_case o CROSS JOIN gen
JOIN cases_case n ON n.reference = o.reference || '-' || g
WHERE o.reference NOT LIKE '%-%-%-%';
INSERT INTO cases_caseevent (case_id, at, by_id, kind, action, from_state, to_state, summary, detail, before, after)
SELECT m.new_id, e.at - make_interval(days => m.g * 4), e.by_id, e.kind, e.action, e.from_state, e.to_state,
  e.summary, e.detail, e.before, e.after FROM cases_caseevent e JOIN map m ON m.old_id = e.case_id;
INSERT INTO cases_deadline (case_id, clock, start_date, due_date, met_on, stopped_on, status)
SELECT m.new_id, d.clock, d.start_date - m.g * 4, d.due_date - m.g * 4, d.met_on - m.g * 4, d.stopped_on - m.g * 4,
  d.status FROM cases_deadline d JOIN map m ON m.old_id = d.case_id;
COMMIT;
ANALYZE;

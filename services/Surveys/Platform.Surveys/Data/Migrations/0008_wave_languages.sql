-- The languages a wave is offered in (issue 24): English, and the instrument's translations the hub chose. Waves
-- created before translations existed are English only.
alter table waves add column languages text[] not null default '{en}';

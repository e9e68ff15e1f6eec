-- An invitation row is updated after it is written: when it is mailed or reminded, when its respondent starts and
-- when they submit. Room on each page keeps those updates on the page (HOT), with no new entry in each of the
-- table's three indexes; at the default fillfactor of 100, 60% of the survey benchmark's updates were not HOT.
-- Applies to pages written from now on, i.e. to the invitations of every wave opened after this migration.
alter table survey_invitations set (fillfactor = 70);

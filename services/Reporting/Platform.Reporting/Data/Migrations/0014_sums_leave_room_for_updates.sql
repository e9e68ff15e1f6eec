-- The running sums are small tables whose rows are updated by every pack of responses (about ten rows per response,
-- most of them per team). Room on each page keeps those updates on the page (HOT), with no new primary-key entry per
-- update; at the default fillfactor of 100 nearly every update wrote one. Existing pages get the room as they are
-- rewritten; new ones have it at once.
alter table scale_sums set (fillfactor = 50);
alter table group_respondents set (fillfactor = 50);

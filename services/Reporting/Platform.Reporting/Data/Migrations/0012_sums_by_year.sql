-- A funder's portfolio reads everyone's sums of one network year across networks: index them by year and grouping.
create index scale_sums_year on scale_sums (network_year, grouping);
create index group_respondents_year on group_respondents (network_year, grouping);

-- The strands of work under a network's aim (more than three blurs its purpose), and whether the hub lets its
-- feedback report compare the network with the portfolio median.
alter table networks
    add column focus_areas          text[] not null default '{}',
    add column benchmarking_consent boolean not null default false;

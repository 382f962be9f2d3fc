-- Each connector's send rate as a token bucket shared by all instances (Bucket4j, SendRates): one row per
-- tenant/channel, its state Bucket4j's serialized bucket. PostgreSQL only: on H2 there is one instance and the
-- buckets live in memory.
create table rate_buckets (
    id    varchar(200) primary key,
    state bytea
);

-- ShedLock's table (ClusterLocks): one row per named singleton job, held until lock_until by locked_by.
-- name is longer than ShedLock's usual 64: a mailbox's lock names its tenant and channel.
create table shedlock (
    name       varchar(128) primary key,
    lock_until timestamp(3) not null,
    locked_at  timestamp(3) not null,
    locked_by  varchar(255) not null
);

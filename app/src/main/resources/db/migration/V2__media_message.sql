-- Which message brought each stored media file: erasing a contact's messages erases their media with them.
-- Media stored before this column existed have none; retention still erases those by age.
alter table media add column message_id varchar(36);
create index media_message on media (message_id);

-- Runs once, when the postgres container initializes an empty data volume: one database per app
-- that keeps its data in PostgreSQL. infra/up.sh creates the same databases without containers.
CREATE DATABASE bitaqa_civil_records;
CREATE DATABASE bitaqa_identity_registry;
CREATE DATABASE bitaqa_fuel_allocation;
CREATE DATABASE bitaqa_card_authority;
CREATE DATABASE bitaqa_reader_gateway;

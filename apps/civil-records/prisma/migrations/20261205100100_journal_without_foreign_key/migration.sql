-- The journal's foreign key made every journal entry look its person up again, which more than
-- doubled the cost of inserting persons in bulk (bench/civil-journal). Entries are written in the
-- transaction that inserts or changes their person, so the key guarded nothing the writers do
-- not already ensure. Persons are never deleted instead: the entries of a deleted person would
-- lose their subject, and a deleted person's national number must stay taken.
ALTER TABLE "person_changes" DROP CONSTRAINT "person_changes_national_number_fkey";

CREATE FUNCTION "persons_never_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'persons are never deleted: national number % stays registered', OLD."national_number"
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER "persons_no_delete" BEFORE DELETE ON "persons"
  FOR EACH ROW EXECUTE FUNCTION "persons_never_deleted"();
CREATE FUNCTION "persons_never_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'persons are never deleted: TRUNCATE is not allowed'
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER "persons_no_truncate" BEFORE TRUNCATE ON "persons"
  FOR EACH STATEMENT EXECUTE FUNCTION "persons_never_truncated"();

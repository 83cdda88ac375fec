-- Member search, measured at 100k members by MemberSearchBenchIT (figures in docs/BENCHMARKS.md).
-- A search selects the ids of its page first and reads only those rows in full (a "deferred
-- join"). This index answers the total of a search, and the page of a small subtree, without
-- reading the table: a range on org_path, with status and the name prefixes checked inside the
-- index. (A pinyin prefix is also bounded by its first letter, so that the page of a large subtree
-- is a range of ix_member_pinyin read in sort order.)
ALTER TABLE member ADD KEY ix_member_scope_names (org_path, status, name_pinyin, name_initials);

"""SQL of the event tables, their indexes and the views that Datasette shows."""

from __future__ import annotations

TABLES: dict[str, str] = {
    "events": """
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  article_url TEXT NOT NULL REFERENCES articles(url),
  source TEXT,
  position INTEGER,
  event_type TEXT,
  title TEXT,
  start_date TEXT,
  end_date TEXT,
  date_text TEXT,
  venue TEXT,
  city TEXT,
  province TEXT,
  latitude REAL,
  longitude REAL,
  participants INTEGER,
  participants_text TEXT,
  organizer TEXT,
  organizer_long TEXT,
  institutions TEXT,
  year INTEGER,
  month TEXT,
  published TEXT,
  extractor_version TEXT,
  extracted_at TEXT,
  first_seen TEXT,
  is_main INTEGER,
  merged_into TEXT REFERENCES events(id),
  sources_count INTEGER,
  officials_count INTEGER,
  all_institutions TEXT,
  institutions_text TEXT,
  first_official TEXT,
  source_urls TEXT
)""",
    "officials": """
CREATE TABLE officials (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  name_tail TEXT,
  titles TEXT,
  aliases TEXT,
  roles TEXT,
  events_count INTEGER,
  opened_count INTEGER,
  first_date TEXT,
  last_date TEXT
)""",
    "event_officials": """
CREATE TABLE event_officials (
  event_id TEXT NOT NULL REFERENCES events(id),
  official_id TEXT NOT NULL REFERENCES officials(id),
  name TEXT,
  role TEXT,
  agency TEXT,
  action TEXT,
  sentence TEXT,
  position INTEGER,
  PRIMARY KEY (event_id, official_id)
)""",
    "event_institutions": """
CREATE TABLE event_institutions (
  event_id TEXT NOT NULL REFERENCES events(id),
  institution TEXT NOT NULL,
  PRIMARY KEY (event_id, institution)
)""",
    "evidence": """
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id),
  field TEXT,
  sentence TEXT,
  start INTEGER,
  [end] INTEGER
)""",
    "event_articles": """
CREATE TABLE event_articles (
  member_event_id TEXT PRIMARY KEY REFERENCES events(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  article_url TEXT NOT NULL REFERENCES articles(url),
  source TEXT,
  reason TEXT
)""",
    "event_history": """
CREATE TABLE event_history (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  article_url TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  old_version TEXT,
  new_version TEXT,
  changed_at TEXT
)""",
    "search_words": "CREATE TABLE search_words (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID",
    "search_indexed": "CREATE TABLE search_indexed (url TEXT PRIMARY KEY, content_hash TEXT)",
    "events_fts": (
        "CREATE VIRTUAL TABLE events_fts USING fts5(title, venue, place, organizer, institutions, officials, "
        "evidence, tokenize = 'unicode61 remove_diacritics 2')"
    ),
}

# One index per facet, sort and join column.
INDEXES: tuple[str, ...] = tuple(
    f"CREATE INDEX IF NOT EXISTS idx_{table}_{'_'.join(cols)} ON {table} ({', '.join(cols)})"
    for table, cols in (
        ("events", ("article_url",)),
        ("events", ("merged_into", "start_date")),
        # events_view (merged_into IS NULL) facets read these without touching the rows
        ("events", ("merged_into", "city")),
        ("events", ("merged_into", "province")),
        ("events", ("merged_into", "event_type")),
        ("events", ("merged_into", "year")),
        ("events", ("city",)),
        ("events", ("province",)),
        ("events", ("event_type",)),
        ("events", ("year",)),
        ("events", ("month",)),
        ("events", ("start_date",)),
        ("events", ("organizer",)),
        ("events", ("source",)),
        ("events", ("participants",)),
        ("events", ("first_seen",)),
        ("events", ("published",)),
        ("events", ("sources_count",)),
        ("officials", ("name",)),
        ("event_officials", ("action",)),
        ("event_officials", ("role",)),
        ("evidence", ("field",)),
        ("event_articles", ("source",)),
        ("event_history", ("field",)),
        ("officials", ("events_count",)),
        ("officials", ("name_tail",)),
        ("event_officials", ("official_id",)),
        ("event_institutions", ("institution",)),
        ("evidence", ("event_id",)),
        ("event_articles", ("event_id",)),
        ("event_articles", ("article_url",)),
        ("event_history", ("event_id",)),
        ("event_history", ("changed_at",)),
        ("search_words", ("stem",)),
    )
)

VIEWS: dict[str, str] = {
    "events_view": """
CREATE VIEW events_view AS
SELECT
  e.rowid AS event_rowid,
  e.id,
  e.title,
  e.event_type,
  e.start_date,
  e.end_date,
  e.city,
  e.province,
  e.venue,
  e.participants,
  e.organizer,
  e.all_institutions AS institutions,
  e.institutions_text,
  e.first_official,
  e.sources_count,
  e.source_urls,
  e.year,
  e.month,
  e.latitude,
  e.longitude,
  e.first_seen
FROM events e
WHERE e.merged_into IS NULL""",
    "official_events": """
CREATE VIEW official_events AS
SELECT
  o.id AS official_id,
  o.name,
  eo.role,
  eo.agency,
  eo.action,
  eo.sentence,
  c.id AS event_id,
  e.id AS report_id,
  c.title,
  c.event_type,
  c.start_date,
  c.month,
  c.city,
  c.province,
  e.article_url,
  e.source
FROM event_officials eo
JOIN officials o ON o.id = eo.official_id
JOIN events e ON e.id = eo.event_id
JOIN events c ON c.id = coalesce(e.merged_into, e.id)""",
    "event_sources": """
CREATE VIEW event_sources AS
SELECT
  ea.event_id,
  c.title AS event_title,
  c.start_date,
  c.city,
  ea.article_url,
  a.title AS article_title,
  a.published,
  ea.source,
  ea.reason
FROM event_articles ea
JOIN events c ON c.id = ea.event_id
LEFT JOIN articles a ON a.url = ea.article_url""",
}

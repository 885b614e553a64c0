"""The feed importer: fetch (guarded HTTP) → parse (feedparser on bytes) → sanitize (nh3) → store (batched pages)."""

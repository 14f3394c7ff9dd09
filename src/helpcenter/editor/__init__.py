"""Editors' tools: content checks, translation status, scaffolding, SEO; no MkDocs build needed."""

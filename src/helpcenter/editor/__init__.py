"""Editors' tools: content checks, translation status, scaffolding and SEO, independent of MkDocs."""

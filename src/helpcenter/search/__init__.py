"""Site search: per-language Pagefind indexes, query word lists and the browser's data files."""

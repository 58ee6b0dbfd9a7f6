"""Stage 1, ingest: the manifest (sources.yaml), each raw file read and decoded strictly, its script, its
normalized view with an offset map back to the raw text, and its page split into articles."""

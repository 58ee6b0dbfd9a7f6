"""hkcoop: builds the hk-mainland-cooperation data package from raw news articles.

Stages, one module each: manifest, rawtext and document (ingest), textview (normalized view with an
offset map), pages (splitting a page into articles), tables/<name>.py (one module per output table),
export, validate; pipeline runs them and cli is the command line.
"""

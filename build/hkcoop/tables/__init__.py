"""One module per output table: `tables/<name>.py` defines `build(docs, evidence) -> list[dict]`.

A table in schemas/ without a module here is exported empty (with its schema) and reported as such.
`mentions` is not built here: it is the evidence collected while the other tables are built.
"""

from hkcoop.tables import articles, documents, text_repairs

BUILDERS = {
    "documents": documents.build,
    "articles": articles.build,
    "text_repairs": text_repairs.build,
}

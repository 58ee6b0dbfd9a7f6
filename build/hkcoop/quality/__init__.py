"""Stage 6, quality: validation of a built package (schema, foreign keys, quotes against raw/, Great
Expectations suites, frictionless), the content rules and pinned facts, and the validation report."""

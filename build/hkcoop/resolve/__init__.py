"""Stage 3, resolve: what needs more than one article: one person across articles and scripts, one
meeting and one event across reports, one list per framework, the evidence collected, human decisions."""

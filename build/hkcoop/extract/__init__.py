"""Stage 2, extract: what each article yields on its own, one module per kind of fact (people, conferences,
stated totals, figures, counts, signings, area lists, events and their dates), run by `stage` in parallel
(a process pool or Dask) and cached as data records (`records`)."""

"""Table `events`: cooperation-conference meetings (see hkcoop.conferences), one row per meeting merged
across articles and scripts, with evidence from every article that reports it."""

from __future__ import annotations


def build(corpus) -> list[dict]:
    rows = []
    ev = corpus.evidence
    for conf in corpus.conferences.values():
        for cm in conf.mentions:
            doc = cm.doc
            article = doc.article_at(cm.start)
            article_id = doc.article_id(article) if article else None
            ev.add(doc, cm.start, cm.end, "events", conf.event_id, "name", article_id)
            if cm.date and (cm.date.first, cm.date.last) == (conf.start_date, conf.end_date):
                s = cm.date_offset + cm.date.start
                ev.add(doc, s, cm.date_offset + cm.date.end, "events", conf.event_id, "start_date", article_id)
            if cm.place and cm.place[2] == conf.place_zh:
                ev.add(doc, cm.place[0], cm.place[1], "events", conf.event_id, "place", article_id)
        precision = "day" if conf.start_date else "unknown"
        rows.append({
            "event_id": conf.event_id,
            "name_zh": conf.name_zh,
            "name_original": conf.name_original,
            "event_type": "conference",
            "parent_event_id": None,
            "start_date": conf.start_date,
            "end_date": conf.end_date,
            "date_precision": precision,
            "date_basis": conf.date_basis,
            "place_zh": conf.place_zh,
            "place_original": conf.place_original,
        })
    return rows

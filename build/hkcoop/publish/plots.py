"""Plots of a built package, offline with matplotlib, PNG and SVG, labels in Chinese with a CJK font:

- framework_comparison: canonical sectors × frameworks, the number of each framework's areas in a sector
  (e.g. the Shanghai–HK meeting's 15 areas against the Zhejiang–HK meeting's 13);
- events_timeline: the dated events by type.

Byte-stable for given inputs and pinned versions: no dates or random ids in the files.
"""

from __future__ import annotations

from pathlib import Path

from hkcoop.errors import BuildError

# the fonts the setup installs (`make fonts`: Debian's fonts-wqy-microhei) or commonly present
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC")
MAX_FRAMEWORKS = 12  # columns of the comparison; the frameworks with the most areas
MAX_SECTORS = 30


CJK_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def cjk_font() -> str:
    from matplotlib import font_manager

    for _ in range(2):
        names = {f.name for f in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            if family in names:
                return family
        # matplotlib caches its font list: a font installed after the cache was made is added by hand
        for path in CJK_FILES:
            if Path(path).is_file():
                font_manager.fontManager.addfont(path)
    raise BuildError(Path("plots"), "no CJK font for the plots' Chinese labels: expected one of "
                     f"{', '.join(CJK_FAMILIES)}; found none (run `make fonts`, which installs Debian's "
                     "fonts-wqy-microhei)")


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "sans-serif", "font.sans-serif": [cjk_font(), "DejaVu Sans"],
                         "svg.hashsalt": "hkcoop", "svg.fonttype": "path", "axes.unicode_minus": False})
    return plt


def _save(fig, folder: Path, stem: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{stem}.png", folder / f"{stem}.svg"]
    fig.savefig(paths[0], dpi=120, metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def framework_comparison(package_dir: Path, folder: Path) -> list[Path]:
    import pandas as pd

    plt = _setup()
    cur = package_dir / "curated"
    sectors = pd.read_parquet(cur / "sectors.parquet")
    frameworks = pd.read_parquet(cur / "frameworks.parquet")
    canon = pd.read_parquet(cur / "canonical_sectors.parquet").set_index("code")
    frameworks = frameworks.sort_values(["n_areas", "framework_id"], ascending=[False, True]).head(MAX_FRAMEWORKS)
    sectors = sectors[sectors.framework_id.isin(frameworks.framework_id)].copy()
    sectors["canonical_sector"] = sectors["canonical_sector"].fillna("(unmapped)")
    table = sectors.groupby(["canonical_sector", "framework_id"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(frameworks.framework_id), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index][:MAX_SECTORS]
    labels_y = [f"{canon.loc[c, 'name_zh']} {canon.loc[c, 'name_en']}" if c in canon.index else "未归类 unmapped"
                for c in table.index]
    labels_x = []
    for _, f in frameworks.iterrows():
        stated = "" if pd.isna(f.stated_areas) else f"，文中称{int(f.stated_areas)}个"
        labels_x.append(f"{_wrap(f.name_zh, 10)}\n({int(f.n_areas)}个领域{stated})")
    fig, ax = plt.subplots(figsize=(6 + 1.6 * max(len(labels_x), 1), 2.5 + 0.38 * max(len(labels_y), 1)))
    if table.empty:
        ax.text(0.5, 0.5, "no cooperation areas in this package / 无合作领域", ha="center", va="center")
        ax.set_axis_off()
    else:
        ax.imshow(table.values, cmap="Blues", aspect="auto", vmin=0, vmax=max(2, int(table.values.max())))
        for (i, j), v in _cells(table.values):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", color="white" if v > 1 else "black", fontsize=9)
        ax.set_xticks(range(len(labels_x)), labels_x, fontsize=8)
        ax.set_yticks(range(len(labels_y)), labels_y, fontsize=8)
        ax.xaxis.tick_top()
    fig.suptitle("合作领域按规范分类比较  Cooperation areas of each framework by canonical sector", fontsize=11)
    fig.tight_layout()
    paths = _save(fig, folder, "framework_comparison")
    plt.close(fig)
    return paths


def events_timeline(package_dir: Path, folder: Path) -> list[Path]:
    import pandas as pd

    plt = _setup()
    events = pd.read_parquet(package_dir / "curated" / "events.parquet")
    events = events[events.start_date.notna()].sort_values(["start_date", "event_id"])
    types = sorted(events.event_type.unique())
    fig, ax = plt.subplots(figsize=(11, 1.5 + 0.45 * max(len(types), 1)))
    if events.empty:
        ax.text(0.5, 0.5, "no dated events in this package / 无有日期的活动", ha="center", va="center")
        ax.set_axis_off()
    else:
        y = {t: i for i, t in enumerate(types)}
        start = pd.to_datetime(events.start_date)
        end = pd.to_datetime(events.end_date.fillna(events.start_date))
        ax.hlines([y[t] for t in events.event_type], start, end, linewidth=6, color="#1f77b4", alpha=0.6)
        ax.scatter(start, [y[t] for t in events.event_type], s=18, color="#1f77b4", zorder=3)
        for (_, e), s in zip(events.iterrows(), start):
            if e.event_type == "conference":  # the meetings the dataset is about; other labels would crowd
                ax.annotate(_wrap(e.name_zh, 14), (s, y[e.event_type]), textcoords="offset points", xytext=(4, 6),
                            fontsize=7)
        n = events.event_type.value_counts()
        ax.set_yticks(range(len(types)), [f"{t} ({n[t]})" for t in types], fontsize=8)
        ax.set_ylim(-0.7, len(types) - 0.3)
        ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"活动时间线  Timeline of the {len(events)} dated events", fontsize=11)
    fig.tight_layout()
    paths = _save(fig, folder, "events_timeline")
    plt.close(fig)
    return paths


def write_all(package_dir: Path, folder: Path) -> list[Path]:
    return framework_comparison(package_dir, folder) + events_timeline(package_dir, folder)


def _cells(values):
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            yield (i, j), int(v)


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))

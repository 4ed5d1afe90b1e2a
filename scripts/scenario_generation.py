"""What the scenario generators (make_lang_son_province.py, make_national_scenario.py) share."""

# The ten outreach sessions of the Chi Lăng plan (docs/sources.md [S1]), reused by every generated office.
SESSION_DAYS = ["2018-09-19", "2018-09-28", "2018-10-10", "2018-10-19", "2018-10-31",
                "2018-11-09", "2018-11-21", "2018-11-30", "2018-12-12", "2018-12-21"]


def split(total, weights):
    """Largest-remainder split of a whole number in proportion to weights."""
    exact = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out

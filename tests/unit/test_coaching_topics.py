"""seeds/coaching_topics.csv names a coaching topic for every objective metric of the registry (SPEC "Coaching").

The registry (onstrategy.metrics.OBJECTIVE_METRICS) is the one home of the metric list: a metric made
objective-eligible there without a topic here would give fct_coaching rows with no topic, so this fails first.
"""

import csv

from onstrategy.metrics import BY_NAME, OBJECTIVE_METRICS
from tests.conftest import PROJECT_ROOT

SEED = PROJECT_ROOT / "seeds" / "coaching_topics.csv"


def _topics() -> list[dict[str, str]]:
    with SEED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_seed_has_the_columns_metric_and_topic() -> None:
    with SEED.open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["metric", "topic"]


def test_every_objective_metric_has_a_topic() -> None:
    topics = {row["metric"]: row["topic"] for row in _topics()}
    missing = [metric for metric in OBJECTIVE_METRICS if not (topics.get(metric) or "").strip()]
    assert missing == [], f"objective metrics without a coaching topic in {SEED.name}: {missing}"


def test_topics_name_only_objective_metrics_once_each() -> None:
    metrics = [row["metric"] for row in _topics()]
    assert len(metrics) == len(set(metrics)), "a metric has two topics"
    unknown = [m for m in metrics if m not in BY_NAME or not BY_NAME[m].objective]
    assert unknown == [], f"topics for metrics that are not objective metrics of the registry: {unknown}"


def test_topics_are_one_plain_line() -> None:
    for row in _topics():
        topic = row["topic"]
        assert topic == topic.strip() and "\n" not in topic and 20 <= len(topic) <= 160, row

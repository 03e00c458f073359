"""Every code a model accepts (its accepted_values test) has words in onstrategy.labels, and no label is a code."""

import json
import re

from onstrategy import labels
from onstrategy.metrics import DEFAULT_RED_FLAGS
from onstrategy.transform.project import ensure_manifest

LABELLED_COLUMNS = {"reason": labels.QUARANTINE_REASONS, "match_method": labels.MATCH_METHODS,
                    "unmatched_reason": labels.UNMATCHED_REASONS, "growth_motion": labels.GROWTH_MOTIONS}


def _accepted_values() -> dict[str, set[str]]:
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    accepted: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        test = node.get("test_metadata") or {}
        if node["resource_type"] == "test" and test.get("name") == "accepted_values":
            accepted.setdefault(test["kwargs"]["column_name"], set()).update(test["kwargs"]["values"])
    return accepted


def test_every_accepted_code_has_a_label() -> None:
    accepted = _accepted_values()
    for column, words in LABELLED_COLUMNS.items():
        assert accepted[column] <= set(words), (column, accepted[column] - set(words))
    off_strategy = {code for value in accepted["off_strategy_reason"] for code in value.split(",")}
    assert off_strategy <= set(labels.OFF_STRATEGY_REASONS)


def test_labels_are_words_not_codes() -> None:
    for code in [*labels.QUARANTINE_REASONS, *labels.MATCH_METHODS, *labels.UNMATCHED_REASONS, *DEFAULT_RED_FLAGS]:
        assert not re.search(r"[a-z]_[a-z]", labels.label(code)), code


def test_red_flags_and_lists() -> None:
    assert labels.label("on_strategy_share_below") == "On-strategy share below target"
    assert labels.labels("non_icp_account,deprioritized_product") == \
        "Account outside the ideal customer profile, Deprioritized product line"
    assert labels.label("some_new_code") == "Some new code"  # unknown: spaces, never snake_case
    assert labels.labels("") == ""

"""The hover titles of metric definitions (onstrategy_site.definitions.plain_text): whole sentences within the limit,
metric names with their underscores, no Markdown marks."""

from __future__ import annotations

import re

import pytest

from onstrategy_site.definitions import PLAIN_LIMIT, load_definitions, plain_text

IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
DEFINITIONS = load_definitions(None).by_metric


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_a_definition_title_is_whole_sentences_of_the_definition(name):
    plain = DEFINITIONS[name].plain
    full = plain_text(DEFINITIONS[name].text, limit=10 ** 6)
    assert plain and len(plain) <= PLAIN_LIMIT
    assert full.startswith(plain.removesuffix("…"))
    assert plain == full or plain.endswith((".", "!", "?", "…"))
    if plain != full and not plain.endswith("…"):
        assert full[len(plain)] == " "  # cut where a sentence ends, not in a word
    assert not re.search(r"[`*]|\*\*", plain)


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_metric_names_keep_their_underscores(name):
    text = DEFINITIONS[name].text
    plain = DEFINITIONS[name].plain
    full = plain_text(text, limit=10 ** 6)
    kept = IDENTIFIER.findall(full[:len(plain)])
    assert kept == IDENTIFIER.findall(plain)
    assert set(kept) <= set(IDENTIFIER.findall(text))  # as the docs write them: none made up, none merged


def test_the_registry_definitions_name_their_metric():
    for name in ("on_strategy_share", "icp_share", "new_logo_share", "bookings_amount"):
        assert f"{name} = " in DEFINITIONS[name].plain  # the formula, searchable by the metric's name


def test_a_long_text_is_cut_after_its_last_sentence_within_the_limit():
    sentences = ["**Share**: the `on_strategy_share` of a group, e.g. a rep.", "It is _amount weighted_.",
                 "See [the docs](x.html) for more: " + "word " * 80]
    text = "# Title\n\n" + "\n".join(sentences)
    cut = plain_text(text, limit=120)
    assert cut == "Title Share: the on_strategy_share of a group, e.g. a rep. It is amount weighted."
    assert plain_text("one " * 200, limit=50).endswith("one…")  # no sentence end within the limit: at a word
    assert plain_text("a < b > c and s_p - t_p") == "a < b > c and s_p - t_p"

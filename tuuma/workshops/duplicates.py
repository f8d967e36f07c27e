"""Possible duplicates among a workshop's items, for the facilitator's merge suggestions.

Uses the Finnish analysis of the search (base forms, compound parts, Snowball for other
languages), so "tilavarauksia" and "varausjärjestelmä" meet, and weighs shared terms by how rare
they are on this board. A board holds at most a few thousand items: an in-memory inverted
index is enough."""

import math
from collections import defaultdict
from functools import lru_cache

from tuuma.search.analysis import document_terms

THRESHOLD = 0.34
STOP = {"olla", "ja", "tai", "ei", "se", "että", "kun", "me", "meidän", "voida", "jo"}


@lru_cache(maxsize=20000)
def _terms(text: str) -> frozenset[str]:
    return frozenset(document_terms(text, "fi") - STOP)


def suggestions(items, limit: int = 3) -> dict[int, list]:
    """{item id: [(other item, score), …]} for items on the board with a likely twin."""
    terms = {item.pk: _terms(item.text) for item in items}
    postings = defaultdict(set)
    for pk, found in terms.items():
        for term in found:
            postings[term].add(pk)
    n = max(len(items), 1)
    weight = {t: math.log(1 + n / len(pks)) for t, pks in postings.items()}
    by_pk = {item.pk: item for item in items}
    found = {}
    for pk, mine in terms.items():
        if not mine:
            continue
        scores = defaultdict(float)
        for term in mine:
            if len(postings[term]) > max(12, n // 25):
                continue  # too common on this board to tell anything
            for other in postings[term]:
                if other != pk:
                    scores[other] += weight[term]
        ranked = []
        for other, shared in scores.items():
            union = sum(weight[t] for t in mine | terms[other])
            score = shared / union if union else 0
            if score >= THRESHOLD:
                ranked.append((by_pk[other], round(score, 2)))
        if ranked:
            ranked.sort(key=lambda pair: -pair[1])
            found[pk] = ranked[:limit]
    return found

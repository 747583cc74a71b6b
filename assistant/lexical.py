"""The tokeniser shared by the BM25 index and its queries: lower case, stemmed, no stop words.

Numbers stay tokens ("101", "999", "33.4") because users search by them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.reading.vocabulary import INDEX_STOP_WORDS

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")  # e.g. "2,093", "33.4", "force's"


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def lexical_tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    words = [w.split("'")[0] if "'" in w else w for w in words]
    kept = [
        w.replace(",", "")
        for w in words
        if w not in INDEX_STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]
    stem = _stemmer().stemWord
    return [w if w[0].isdigit() else stem(w) for w in kept]

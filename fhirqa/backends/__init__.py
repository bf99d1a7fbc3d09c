"""Built-in model backends; importing this package registers them by name."""

from . import embedding, fake, keyword, local_llm  # noqa: F401

"""Built-in model backends; importing this package registers them by name."""

from . import chat, crossencoder, embedding, fake, keyword, llm_per_resource, local_llm, template  # noqa: F401

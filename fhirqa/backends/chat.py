"""LangChain chat models: as an answer generator (any chat model, e.g. an OpenAI-compatible endpoint
serving a base model with the adapters), and the local SmolLM2 wrapped as a chat model (e.g. for judging)."""

from __future__ import annotations

import importlib
import os
from typing import Any, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from ..agent.structure import parse
from ..config import Settings
from ..errors import ModelNotAvailable
from ..fields import Resource, ref
from ..models import Answer, Turn, register_generator
from ..prompt import SYSTEM, ordered, user_message
from .citing import cited


class ChatGenerator:
    """Answers with any LangChain chat model from the same prompt the local models see."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        order = parse(question).order
        text, _ = user_message(question, resources, order, [(t.question, t.answer) for t in history])
        reply = self.model.invoke([SystemMessage(SYSTEM), HumanMessage(text)])
        answer = str(reply.content).strip()
        shown = ordered(resources, order)
        return Answer(answer, cited(answer, shown) or [ref(r) for r in shown])


class LocalChatModel(BaseChatModel):
    """A local transformers causal LM (SmolLM2 by default) behind LangChain's chat-model interface."""

    tokenizer: Any = None
    model: Any = None
    max_new_tokens: int = 64

    @property
    def _llm_type(self) -> str:
        return "fhirqa-local"

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs) -> ChatResult:
        import torch

        roles = {"system": "system", "human": "user", "ai": "assistant"}
        msgs = [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]
        ids = self.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        with torch.inference_mode():
            out = self.model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False,
                                      pad_token_id=self.tokenizer.eos_token_id)
        text = self.tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])


def chat_model(settings: Settings) -> BaseChatModel:
    """FHIRQA_CHAT_MODEL="package.module:factory" (a callable returning a chat model), else local SmolLM2."""
    spec = os.environ.get("FHIRQA_CHAT_MODEL")
    if spec:
        module, _, attr = spec.partition(":")
        try:
            return getattr(importlib.import_module(module), attr or "chat_model")()
        except (ImportError, AttributeError) as e:
            raise ModelNotAvailable(spec, f"cannot import the chat model factory: {e}") from e
    from .smollm import load_causal_lm, smollm_path

    tok, model = load_causal_lm(smollm_path(settings))
    return LocalChatModel(tokenizer=tok, model=model, max_new_tokens=settings.max_new_tokens)


@register_generator("chat")
def _chat(settings: Settings) -> ChatGenerator:
    return ChatGenerator(chat_model(settings))

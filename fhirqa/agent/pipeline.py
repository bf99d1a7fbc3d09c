"""`Pipeline`: one object holding the injected source and models, answering questions through the graph."""

from __future__ import annotations

import sqlite3
import time
import uuid
from typing import Sequence

from ..config import Settings
from ..errors import EmptyQuestion, SessionNotFound
from ..models import AnswerGenerator, RelevanceClassifier, Turn
from ..records import Record, RecordSource, check_patient_id
from .graph import build_graph
from .nodes import find_relevant, grounded_citations
from .result import AskResult
from .state import Context


class Pipeline:
    """Answers questions about patients of one source with one relevance model and one generator."""

    def __init__(self, source: RecordSource, relevance: RelevanceClassifier, generator: AnswerGenerator,
                 settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.context = Context(source, relevance, generator, self.settings)
        self.graph = build_graph()
        self._records: dict[str, Record] = {}
        self._session_graph = None

    def record(self, patient: str) -> Record:
        """The patient's record, fetched once per pipeline."""
        patient = check_patient_id(patient)
        if patient not in self._records:
            self._records[patient] = self.context.source.fetch(patient)
        return self._records[patient]

    def adopt(self, record: Record) -> None:
        """Use an already fetched record for its patient."""
        self._records[record.patient] = record

    @staticmethod
    def _check(question: str) -> str:
        if not question or not question.strip():
            raise EmptyQuestion()
        return question.strip()

    def ask(self, question: str, patient: str, session: str | None = None) -> AskResult:
        """Answer one question; with `session`, as a turn of that persisted conversation."""
        question = self._check(question)
        if session is not None:
            return self._ask_in_session(question, check_patient_id(patient), session)
        t0 = time.perf_counter()
        rec = self.record(patient)
        fetch_s = time.perf_counter() - t0
        out = self.graph.invoke({"question": question, "patient": rec.patient, "resources": rec.resources,
                                 "fetched": rec.patient, "history": []}, context=self.context)
        return self._result(out, fetch_s=fetch_s)

    def relevant(self, question: str, patient: str) -> list[str]:
        """Task 1 only: the relevant `Type/id`s."""
        rec = self.record(patient)
        return find_relevant(self._check(question), rec.resources, [], self.context.relevance, self.settings.threshold)

    def answer(self, question: str, record: Record, relevant: Sequence[str]) -> AskResult:
        """Task 2 only: an answer from the given relevant resources (e.g. gold ones)."""
        t0 = time.perf_counter()
        chosen = [record.by_ref[r] for r in relevant if r in record.by_ref]
        if not chosen:
            text = "The record holds no information about this."
            return AskResult(text, [], [], {"fetch_s": 0.0, "relevance_s": 0.0, "generate_s": 0.0})
        a = self.context.generator.generate(self._check(question), chosen, [])
        cites = grounded_citations(a.citations, chosen)
        return AskResult(a.text, cites, list(relevant),
                         {"fetch_s": 0.0, "relevance_s": 0.0, "generate_s": round(time.perf_counter() - t0, 4)})

    # Conversations -----------------------------------------------------------------------------
    def sessions(self):
        """The session graph, compiled once with the SQLite checkpointer under FHIRQA_HOME."""
        if self._session_graph is None:
            from langgraph.checkpoint.sqlite import SqliteSaver

            conn = sqlite3.connect(self.settings.path("sessions.sqlite"), check_same_thread=False)
            self._session_graph = build_graph(checkpointer=SqliteSaver(conn))
        return self._session_graph

    def session_exists(self, session: str) -> bool:
        return self.sessions().get_state({"configurable": {"thread_id": session}}).values != {}

    def history(self, session: str) -> list[Turn]:
        values = self.sessions().get_state({"configurable": {"thread_id": session}}).values
        return [Turn(h["question"], h["answer"], h.get("citations", [])) for h in values.get("history", [])]

    def session_patient(self, session: str) -> str:
        values = self.sessions().get_state({"configurable": {"thread_id": session}}).values
        if not values:
            raise SessionNotFound(session)
        return values["patient"]

    @staticmethod
    def new_session() -> str:
        return uuid.uuid4().hex[:12]

    def _ask_in_session(self, question: str, patient: str, session: str) -> AskResult:
        config = {"configurable": {"thread_id": session}}
        out = self.sessions().invoke({"question": question, "patient": patient}, config=config, context=self.context)
        return self._result(out, session=session)

    @staticmethod
    def _result(out: dict, fetch_s: float | None = None, session: str | None = None) -> AskResult:
        timings = {"fetch_s": 0.0, "relevance_s": 0.0, "generate_s": 0.0, **(out.get("timings") or {})}
        if fetch_s is not None:
            timings["fetch_s"] = round(fetch_s, 4)
        return AskResult(out["answer"], out.get("citations", []), out.get("relevant", []), timings, session)

"""What the UI's handlers share: settings and the coach session, ready off the request path."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from coach.config import Settings
from coach.errors import CoachError

if TYPE_CHECKING:  # imported lazily at run time: the page is served before they load
    from langchain_core.language_models import BaseChatModel

    from coach.session import CoachSession

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 180.0


class Services:
    """Builds the coach session in the background so the page is served at once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ready = threading.Event()
        self._session: CoachSession | None = None
        self._error: CoachError | None = None

    def start(self, background: bool = True) -> None:
        if background:
            threading.Thread(target=self._warm_up, name="coach-warm-up", daemon=True).start()
        else:
            self._warm_up()

    def _warm_up(self) -> None:
        try:
            # Lazy: LangChain, Chroma and the market tables load in this background
            # thread, so the page is served while they do.
            from coach.embeddings import start_query_runtime
            from coach.market import load_tables
            from coach.session import CoachSession

            session = CoachSession(self.settings)
            session.playbook.ingest()  # a no-op when the store is fresh
            session.playbook.search("warm up", k=1)  # loads the embedding model
            # Each new message is embedded: on ONNX Runtime in a long-running app. Should
            # the runtime fail to start, the app embeds with numpy as before (slower under
            # load, the same vectors): never a reason not to serve.
            try:
                start_query_runtime()
            except Exception:
                log.warning("ONNX Runtime did not start; queries embed with numpy", exc_info=True)
            session.offline.warm_up()  # embeds the intent examples
            load_tables()
            self._session = session
        except CoachError as err:
            self._error = err
            log.warning("warm-up failed: %s", err.message)
        except Exception as exc:  # keep serving; each request will say what is wrong
            log.exception("warm-up failed")
            self._error = CoachError(
                f"The coach could not start ({type(exc).__name__}); see the log."
            )
        finally:
            self._ready.set()

    @property
    def session(self) -> CoachSession:
        """The coach session; raises the start-up problem as one sentence."""
        if not self._ready.wait(timeout=READY_TIMEOUT_S):
            raise CoachError("The coach is still starting; please try again in a moment.")
        if self._session is None:
            raise self._error or CoachError("The coach did not start; see the log.")
        return self._session

    @property
    def recruiter_llm(self) -> BaseChatModel | None:
        """The configured model voices the recruiter; None means templates."""
        if not self.settings.uses_llm:
            return None
        from coach.llm import chat_model  # lazy: LangChain stays off the start-up path

        return chat_model(self.settings)

    @property
    def answerer(self) -> str:
        if self.settings.uses_llm:
            return (
                f"**{self.settings.model_name}** (OpenAI-compatible model), "
                "with the offline coach answering when it can't"
            )
        return (
            "the **offline coach** — no language model configured; "
            "answers come from tools and the playbook"
        )

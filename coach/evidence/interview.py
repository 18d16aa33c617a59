"""The evidence-pack interview: the questions in order and one answer's check in its part,
shared by `coach evidence` (the terminal) and the chat; and the chat's interview, one
message at a time, as a state that can be saved between messages (and app restarts).

The chat's interview is a small state machine: ``start`` asks the first question; each
``advance`` takes the person's next message as the answer to the current question and
says the check (meets the bar, or the one suggestion and "answer again, or say 'keep'"),
then asks the next question. The second workflow can be skipped; "stop" leaves. At the end
the answers become the outcome bullets (``with_bullets``); saving them is the caller's.
Deterministic and local: no model. Wording in prompts/evidence/chat/.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field

from coach import prompts
from coach.evidence.bullets import with_bullets
from coach.evidence.checks import (
    EVAL_FIELDS,
    WORKFLOW_FIELDS,
    FieldCheck,
    FieldName,
    check_eval,
    check_pack,
    check_portability,
    check_workflow,
    question,
    workflow_label,
)
from coach.evidence.pack import EvalStory, EvidencePack, Workflow
from coach.vocabulary import interview_words, normalise

StepPart = Literal["workflow", "eval_story", "portability"]


class Step(BaseModel):
    """One question of the interview: which part, which workflow, which answer."""

    part: StepPart
    name: FieldName
    index: int = 0  # which workflow

    @property
    def key(self) -> str:
        """Where the answer lives in the pack: "workflows.0.gain", "eval_story.after"."""
        if self.part == "workflow":
            return f"workflows.{self.index}.{self.name}"
        return "portability" if self.part == "portability" else f"eval_story.{self.name}"

    @property
    def label(self) -> str:
        if self.part == "workflow":
            return workflow_label(self.index, self.name)
        return question(self.name)


def steps() -> list[Step]:
    """Every question, in the order asked: workflow 1, workflow 2 (optional), the eval
    story, the portability story."""
    return [
        *(Step(part="workflow", name=n, index=i) for i in (0, 1) for n in WORKFLOW_FIELDS),
        *(Step(part="eval_story", name=n) for n in EVAL_FIELDS),
        Step(part="portability", name="portability"),
    ]


def check_in_part(step: Step, given: Mapping[str, str], answer: str) -> FieldCheck:
    """``answer``'s check in its part, with the part's answers given so far (``given``:
    field name -> answer): the part's own shortfalls (no figure in either result) are
    said at the answer where they become certain."""
    if step.part == "workflow":
        part = check_workflow(Workflow(**{**given, step.name: answer}), step.index)
    elif step.part == "eval_story":
        part = check_eval(EvalStory(**{**given, step.name: answer}))
    else:
        part = check_portability(answer)
    return next(c for c in part.fields if c.name == step.name)


# -- the chat's interview ------------------------------------------------------------------
class Interview(BaseModel):
    """Where a thread's interview is: the question asked, the answers kept, and an answer
    below the bar waiting for 'keep' or a better one."""

    at: int = 0  # index into steps()
    answers: dict[str, str] = Field(default_factory=dict)  # Step.key -> answer
    pending: str | None = None
    had_pack: bool = False  # a saved pack exists: it stays until this one is finished

    def pack(self) -> EvidencePack:
        """The answers as a pack (no bullets yet)."""
        workflows = [
            Workflow(**{n: self.answers.get(f"workflows.{i}.{n}", "") for n in WORKFLOW_FIELDS})
            for i in (0, 1)
        ]
        return EvidencePack(
            workflows=[w for i, w in enumerate(workflows) if i == 0 or not w.is_empty()],
            eval_story=EvalStory(
                **{n: self.answers.get(f"eval_story.{n}", "") for n in EVAL_FIELDS}
            ),
            portability=self.answers.get("portability", ""),
        )

    def _given(self, step: Step) -> dict[str, str]:
        prefix = step.key.rsplit(".", 1)[0] + "." if "." in step.key else step.key
        return {k[len(prefix) :]: v for k, v in self.answers.items() if k.startswith(prefix)}


class InterviewTurn(BaseModel):
    """The coach's reply to one message, and what follows: the interview goes on
    (``interview``), ends with a pack to save (``pack``), or was stopped (neither)."""

    reply: str
    interview: Interview | None = None
    pack: EvidencePack | None = None


def asks_to_build(message: str) -> bool:
    """An explicit request to build or redo the pack ("help me build my evidence pack",
    "let's do the evidence pack"); a question about evidence is not one."""
    text = " ".join(message.replace("\u2019", "'").split())
    return any(p.search(text) for p in interview_words().start)


def start(*, had_pack: bool) -> InterviewTurn:
    interview = Interview(had_pack=had_pack)
    redo = prompts.render("evidence/chat/redo") if had_pack else ""
    intro = prompts.render("evidence/chat/start", redo=redo)
    return InterviewTurn(reply=f"{intro}\n\n{_ask(interview)}", interview=interview)


def advance(interview: Interview, message: str) -> InterviewTurn:
    """The next message of the interview's thread, taken as the answer to its question."""
    words = interview_words()
    said = normalise(message)
    state = interview.model_copy(deep=True)
    step = steps()[state.at]
    if said in words.stop:
        note = prompts.render("evidence/chat/stopped_kept") if state.had_pack else ""
        return InterviewTurn(reply=prompts.render("evidence/chat/stopped", kept_note=note))
    if state.pending is not None and said in words.keep:
        state.answers[step.key] = state.pending
        return _next(state, prompts.render("evidence/chat/kept"))
    if _optional(step) and state.pending is None and said in words.skip:
        state.at = next(i for i, s in enumerate(steps()) if s.part == "eval_story")
        return _go_on(state, prompts.render("evidence/chat/skipped"))
    if message.strip().endswith("?"):
        # A question, not an answer (a pay question mid-interview): said so, and how to
        # leave; the interview stays where it was.
        return InterviewTurn(
            reply=f"{prompts.render('evidence/chat/off_topic')}\n\n{_ask(state)}",
            interview=state,
        )
    answer = " ".join(message.split())
    check = check_in_part(step, state._given(step), answer)
    if check.passes:
        state.answers[step.key] = answer
        return _next(state, check.said())
    state.pending = answer
    reply = prompts.render("evidence/chat/shortfall", suggestion=check.said())
    return InterviewTurn(reply=reply, interview=state)


def _optional(step: Step) -> bool:
    """The second workflow's first question: where 'skip' is an answer."""
    return step.part == "workflow" and step.index == 1 and step.name == WORKFLOW_FIELDS[0]


def _ask(interview: Interview) -> str:
    step = steps()[interview.at]
    if _optional(step):
        return prompts.render("evidence/chat/optional", question=step.label)
    return step.label


def _next(state: Interview, said: str) -> InterviewTurn:
    state.at += 1
    state.pending = None
    return _go_on(state, said)


def _go_on(state: Interview, said: str) -> InterviewTurn:
    if state.at < len(steps()):
        return InterviewTurn(reply=f"{said}\n\n{_ask(state)}", interview=state)
    pack = with_bullets(state.pack())
    below = sum(not c.passes for c in check_pack(pack).fields)
    done = prompts.render(
        "evidence/chat/done",
        bullets="\n".join(f"{i}. {b}" for i, b in enumerate(pack.bullets, 1)),
        below=prompts.render("evidence/chat/below", n=below) if below else "",
    )
    return InterviewTurn(reply=f"{said}\n\n{done}", pack=pack)

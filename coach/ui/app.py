"""Build and serve the Gradio app: three tabs over the coach's functions. Wiring only."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.config import Settings
from coach.errors import CoachError, InputError
from coach.offline import limit_malloc_arenas
from coach.ui import coach_tab, model_status, plan_download
from coach.ui import practice_tab as pt
from coach.ui.browser_key import browser_secret
from coach.ui.evidence_layout import build_evidence_tab
from coach.ui.offers_layout import build_offers_tab
from coach.ui.services import Services

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger(__name__)

TITLE = "coach — salary negotiation coach"
# System fonts only: Gradio's default theme pulls web fonts from a CDN, and we stay offline.
SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CONCURRENCY = 8
# Readable on any screen (stacked tables on a phone, figures that never split) and the
# page's small accessibility fixes; both ship in the package.
STYLE = Path(__file__).with_name("style.css")
PAGE_JS = Path(__file__).with_name("page.js")


def theme() -> gr.themes.Base:
    import gradio as gr

    # One shade darker than the default orange: white on the primary button and the
    # selected tab's label reach WCAG's 4.5:1 (they were 3.6:1 and 2.8:1); placeholders
    # ("185k", "Seattle") are examples worth reading, so they are darker grey too.
    return gr.themes.Default(font=SYSTEM_FONTS, font_mono=MONO_FONTS).set(
        color_accent="*primary_700",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        input_placeholder_color="*neutral_500",
        block_info_text_color="*neutral_600",  # a box's info line ("as the letter says it")
    )


def _coach_tab(services: Services, thread: gr.BrowserState) -> tuple[Any, ...]:
    import gradio as gr

    # Past conversations: open one, rename it, delete it (after a confirmation).
    with gr.Accordion("Your conversations", open=False, elem_id="coach-conversations"):
        with gr.Row():
            past = gr.Dropdown(
                choices=[],
                value=None,
                label="Open a past conversation",
                elem_id="coach-past",
                scale=4,
            )
            new_btn = gr.Button("New conversation", size="sm", scale=1, elem_id="coach-new")
        with gr.Row():
            new_name = gr.Textbox(
                label="Rename this conversation",
                placeholder="A name you'll recognise",
                scale=4,
                elem_id="coach-rename-to",
            )
            rename_btn = gr.Button("Rename", size="sm", scale=1, elem_id="coach-rename")
            delete_btn = gr.Button(
                "Delete this conversation…",
                size="sm",
                variant="stop",
                scale=1,
                elem_id="coach-delete",
            )
        with gr.Row(visible=False, elem_id="coach-delete-confirm") as confirm_row:
            confirm_text = gr.Markdown()
            confirm_btn = gr.Button("Yes, delete it", variant="stop", size="sm")
            keep_btn = gr.Button("Keep it", size="sm", elem_id="coach-delete-keep")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Coach", height=520, buttons=["copy"], elem_id="coach-chat")
            with gr.Row():
                box = gr.Textbox(
                    placeholder="Ask about pay, an offer, or what to say to the recruiter…",
                    show_label=False,
                    scale=5,
                    elem_id="coach-input",
                    submit_btn="Ask",
                )
            gr.Examples(coach_tab.EXAMPLES, inputs=box, label="Try")
            export_btn = gr.Button("Export as Markdown", size="sm")
            export_file = gr.File(label="Export", visible=False)
        with gr.Column(scale=2):
            sources = gr.Markdown(
                coach_tab.NO_PASSAGES,
                elem_id="coach-sources",
                label="Citations",
                # As tall as the chat beside it, scrolling on its own: an opened citation
                # comes into view without moving the answer away (style.css lifts it on a
                # phone, where the panel sits under the chat).
                max_height=600,
            )

    def ask(message: str, history: list[dict], thread_id: str | None):
        thread_id = thread_id or coach_tab.new_thread_id()
        try:
            session = services.session
        except Exception as err:  # a start-up problem: one sentence, history kept
            yield history + [{"role": "assistant", "content": f"⚠️ {err}"}], gr.skip(), "", thread_id
            return
        refused = coach_tab.refusal(message)
        if refused is not None:  # a toast: nothing piles up in the chat, the text stays put
            gr.Warning(refused)
            yield gr.skip(), gr.skip(), gr.skip(), thread_id
            return
        for shown, panel in coach_tab.stream_reply(session, thread_id, message, history):
            yield shown, gr.skip() if panel is None else panel, "", thread_id

    def answer(message: str, history: list[dict], thread_id: str | None):
        """The turn in one update: the offline coach answers in milliseconds, so there is
        nothing to stream, and each update a generator sends carries the whole chat and
        the passages (a generator's turn sent them twice: its update, then its end)."""
        *_, last = ask(message, history, thread_id)  # every path yields at least once
        return last

    def export(thread_id: str | None):
        if not thread_id:
            gr.Warning("There is no conversation to export yet.")
            return gr.update(visible=False)
        text = coach_tab.export_markdown(services.session, thread_id)
        path = Path(tempfile.mkdtemp(prefix="coach-export-")) / "coach-conversation.md"
        path.write_text(text, encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    def listed(thread_id: str | None):
        """The list as it stands, the open conversation selected when it is in it."""
        try:
            choices = coach_tab.conversation_choices(services.session)
        except Exception as err:  # a start-up problem: said once, by the chat
            log.warning("conversation list unavailable: %s", err)
            return gr.update(choices=[], value=None)
        ids = {value for _, value in choices}
        return gr.update(choices=choices, value=thread_id if thread_id in ids else None)

    def new_conversation():
        # The old conversation stays in the list: only the open one changes.
        thread_id = coach_tab.new_thread_id()
        return [], coach_tab.NO_PASSAGES, thread_id, listed(thread_id)

    def open_conversation(thread_id: str | None, current: str | None):
        if not thread_id or thread_id == current:
            return gr.skip(), gr.skip(), current
        try:
            shown = coach_tab.history_messages(services.session, thread_id)
            panel = coach_tab.conversation_panel(services.session, thread_id)
        except Exception as err:
            gr.Warning(str(err))
            return gr.skip(), gr.skip(), current
        return shown, panel, thread_id

    def rename(title: str, thread_id: str | None):
        try:
            services.session.rename_conversation(thread_id or "", title)
        except CoachError as err:  # refused beside nothing else: the title stays in its box
            gr.Warning(err.message)
            return gr.skip(), gr.skip()
        return listed(thread_id), ""

    def ask_delete(thread_id: str | None):
        question = coach_tab.delete_question(services.session, thread_id)
        if question is None:
            gr.Warning("This conversation isn't saved yet: ask a question first.")
            return gr.skip(), gr.skip()
        return gr.update(visible=True), question

    def delete(thread_id: str | None):
        if thread_id:
            services.session.delete_conversation(thread_id)
            coach_tab.forget_panel(services.session, thread_id)
        fresh = coach_tab.new_thread_id()
        return (
            [],
            coach_tab.NO_PASSAGES,
            fresh,
            listed(fresh),
            gr.update(visible=False),
        )

    box.submit(
        ask if services.settings.uses_llm else answer,  # a model's answer streams
        [box, chatbot, thread],
        [chatbot, sources, box, thread],
        api_name="chat",
        concurrency_limit=CONCURRENCY,
    ).then(listed, [thread], [past], api_name=False)
    export_btn.click(export, [thread], [export_file], api_name="export_chat")
    new_btn.click(new_conversation, None, [chatbot, sources, thread, past], api_name="new_chat")
    # The chat's trash icon empties the view: that conversation is closed, not deleted (it
    # stays in the list); deleting is the button that asks first.
    chatbot.clear(
        new_conversation, None, [chatbot, sources, thread, past], api_visibility="private"
    )
    past.input(open_conversation, [past, thread], [chatbot, sources, thread], api_name="open_chat")
    rename_btn.click(rename, [new_name, thread], [past, new_name], api_name="rename_chat")
    delete_btn.click(ask_delete, [thread], [confirm_row, confirm_text], api_visibility="private")
    confirm_btn.click(
        delete, [thread], [chatbot, sources, thread, past, confirm_row], api_name="delete_chat"
    )
    keep_btn.click(lambda: gr.update(visible=False), None, [confirm_row], api_visibility="private")
    return chatbot, sources, listed, past


def _practice_tab(services: Services, thread: gr.BrowserState) -> tuple[Any, ...]:
    import gradio as gr

    store = pt.PracticeStore(services.settings.home)
    flow = gr.Markdown(pt.flow_markdown("recruiter"), elem_id="practice-flow")
    # Folds away once a call starts, so the chat and its input are in view on a laptop.
    with gr.Accordion("Set up the call", open=True, elem_id="practice-setup") as setup_box:
        with gr.Row():
            role = gr.Textbox(label="Role", placeholder="ML engineer", elem_id="practice-role")
            level = gr.Textbox(label="Level", placeholder="senior")
            location = gr.Textbox(label="Location", placeholder="Seattle")
            employer = gr.Dropdown(pt.EMPLOYER_TYPES, value="any", label="Employer type")
            toughness = gr.Radio(pt.TOUGHNESS, value="standard", label="Toughness")
            seed = gr.Number(label="Scenario number (0: a new one)", value=0, precision=0)
        offer_text = gr.Textbox(
            label="…or practise on one of your offers (paste it: the recruiter opens with it)",
            lines=1,
        )
        with gr.Row():
            counterpart = gr.Radio(
                list(pt.COUNTERPARTS),
                value=next(iter(pt.COUNTERPARTS)),
                label="Who is across the table",
                elem_id="practice-counterpart",
            )
            current_base = gr.Textbox(
                label="Your base today (manager talk)",
                placeholder="140k",
                elem_id="practice-current-base",
            )
            talk = gr.Radio(pt.TALKS, value="raise", label="Raise or promotion (manager talk)")
        start_btn = gr.Button("Start the call", variant="primary", elem_id="practice-start")
    brief = gr.Markdown(elem_id="practice-brief")
    with gr.Row():
        with gr.Column(scale=3):
            # Copy only, as on the Coach tab: Gradio's default share button has no name for
            # screen readers, and its bin cleared the chat but not the saved call.
            chat = gr.Chatbot(
                label="The call", height=420, buttons=["copy"], elem_id="practice-chat"
            )
            # Closed until a call starts: a line typed before the recruiter is there would
            # only be refused (a newcomer pressed Start and typed at once).
            box = gr.Textbox(
                placeholder="Start the call first, then say your line here.",
                show_label=False,
                elem_id="practice-input",
                submit_btn="Say",
                interactive=False,
            )
            with gr.Row():
                # Disabled until there is a call to end, replay or export.
                end_btn = gr.Button("End call and score", elem_id="practice-end", interactive=False)
                replay_turn = gr.Number(label="Replay from turn", value=1, precision=0, minimum=1)
                replay_btn = gr.Button("Replay", elem_id="practice-replay", interactive=False)
                export_btn = gr.Button(
                    "Export as Markdown", elem_id="practice-export", interactive=False
                )
                # The one-page plan with this call's lessons, up to three (once it has ended).
                plan_btn = gr.Button("Download my plan", elem_id="practice-plan", interactive=False)
            export_file = gr.File(label="Export", visible=False)
            plan_file = gr.File(
                label="Your plan (PDF, one page)", visible=False, elem_id="practice-plan-file"
            )
        with gr.Column(scale=2):
            gr.Markdown("**Coach's hints** (only you see these)")
            hints = gr.Markdown("*Hints appear here.*", elem_id="practice-hints")
    scorecard = gr.Markdown(elem_id="practice-scorecard")

    def _say(call) -> str:
        return "The call has ended: press End call and score." if call.ended else "What do you say?"

    def _box_for(call):
        return gr.update(interactive=not call.ended, placeholder=_say(call))

    def shown(call):
        return pt.chat_of(call), pt.hints_of(call), pt.brief_markdown(call)

    def with_call(present: bool) -> tuple[Any, ...]:
        """The set-up folds and the call's buttons wake up once there is a call."""
        on = gr.update(interactive=present)
        return gr.update(open=not present), on, on, on, on

    def on_start(thread_id, *values):
        thread_id = thread_id or coach_tab.new_thread_id()
        try:
            call = pt.start(
                pt.Setup(*values),
                llm=services.recruiter_llm,
                evidence=pt.pack_bullets(services.settings.home),
            )
        except Exception as err:
            gr.Warning(pt.plain(err))
            return (gr.skip(),) * 4 + (thread_id,) + (gr.skip(),) * 6
        store.save(thread_id, call)
        return *shown(call), "", thread_id, *with_call(True), _box_for(call)

    def on_say(text, chat_now, thread_id):
        try:
            call = pt.play(store.load(thread_id or "", llm=services.recruiter_llm), text)
        except Exception as err:
            gr.Warning(pt.plain(err))
            return chat_now, gr.skip(), text
        store.save(thread_id, call)
        ended = "\n\n" + pt.closed_note(call)
        # A closed call takes no more lines: the box says so instead of a warning later.
        box_now = gr.update(value="", interactive=not call.ended, placeholder=_say(call))
        return pt.chat_of(call), pt.hints_of(call) + (ended if call.ended else ""), box_now

    def on_end(thread_id):
        try:
            call = store.load(thread_id or "")
            card = pt.end(call)
        except Exception as err:
            gr.Warning(pt.plain(err))
            return gr.skip(), gr.skip()
        store.save(thread_id, call)
        return card, _box_for(call)

    def on_replay(turn_number, thread_id):
        try:
            call = pt.replay(store.load(thread_id or ""), turn_number)
        except Exception as err:
            gr.Warning(pt.plain(err))
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        store.save(thread_id, call)
        return pt.chat_of(call), pt.hints_of(call), "", _box_for(call)

    def on_export(thread_id):
        try:
            text = pt.export(store.load(thread_id or ""))
        except Exception as err:
            gr.Warning(pt.plain(err))
            return gr.update(visible=False)
        path = Path(tempfile.mkdtemp(prefix="coach-export-")) / "practice-call.md"
        path.write_text(text, encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    def on_plan(thread_id):
        path, problem = plan_download.safe_practice_plan(
            store.load(thread_id or ""), services.settings
        )
        if problem:
            gr.Warning(problem)
            return gr.update(value=None, visible=False)
        return gr.update(value=str(path), visible=True)

    setup = [
        role,
        level,
        location,
        employer,
        toughness,
        seed,
        offer_text,
        counterpart,
        current_base,
        talk,
    ]
    call_controls = [setup_box, end_btn, replay_btn, export_btn, plan_btn]
    start_btn.click(
        on_start,
        [thread, *setup],
        [chat, hints, brief, scorecard, thread, *call_controls, box],
        api_name="practice_start",
    )
    # The set-up line follows who is across the table (a manager talk has no recruiter).
    counterpart.change(pt.flow_markdown, [counterpart], [flow], api_visibility="private")
    box.submit(on_say, [box, chat, thread], [chat, hints, box], api_name="practice_say")
    end_btn.click(on_end, [thread], [scorecard, box], api_name="practice_end").then(
        None,
        None,
        None,
        js="() => document.getElementById('practice-scorecard')?.scrollIntoView("
        "{behavior: 'smooth', block: 'start'})",
    )
    replay_btn.click(
        on_replay,
        [replay_turn, thread],
        [chat, hints, scorecard, box],
        api_name="practice_replay",
    )
    export_btn.click(on_export, [thread], [export_file], api_name="practice_export")
    plan_btn.click(on_plan, [thread], [plan_file], api_name="practice_plan")

    def restore(thread_id):
        """After a reload or a restart: the call as it stood, and its scorecard if it ended."""
        call = store.load(thread_id) if thread_id else None
        if call is None:  # nothing to bring back: the page as it is (a call started already stays)
            return (gr.skip(),) * 11
        card = pt.end(call) if call.ended else ""
        return *shown(call), card, *with_call(True), _box_for(call), pt.flow_of(call)

    return restore, [chat, hints, brief, scorecard, *call_controls, box, flow]


# Gradio recomputes per-endpoint usage statistics (a pandas frame over up to 10,000
# recorded events) after every event by default: O(events) work on each turn, growing for
# as long as the app runs. Once every 500 events over the last 2,000 is plenty.
GRADIO_TUNING = {"GRADIO_ANALYTICS_CACHE_FREQUENCY": "500", "GRADIO_ANALYTICS_MAX_EVENTS": "2000"}


def build_blocks(services: Services) -> gr.Blocks:
    import gradio as gr

    for key, value in GRADIO_TUNING.items():  # read when the queue is created, below
        os.environ.setdefault(key, value)
    from coach.ui import gradio_sessions  # with Gradio: imported when the page is built

    # A new session's state without a config for each of the page's ~200 components.
    gradio_sessions.install()

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        # A fixed secret per install: the stored thread id still decrypts after a restart.
        thread = gr.BrowserState(
            None, storage_key="coach-thread", secret=browser_secret(services.settings.home)
        )
        # The practice call has its own id: a new or deleted conversation leaves it alone.
        call_id = gr.BrowserState(
            None, storage_key="coach-practice-call", secret=browser_secret(services.settings.home)
        )
        gr.Markdown(f"# {TITLE}\nAnswering: {services.answerer}.", elem_id="who-answers")
        model_line = model_status.build(services.settings)
        with gr.Tabs():
            # elem_ids: each tab button's aria-controls names its panel.
            with gr.Tab("Coach", id="coach", elem_id="tab-coach"):
                chatbot, sources, list_conversations, past = _coach_tab(services, thread)
            with gr.Tab("Practice call", id="practice", elem_id="tab-practice"):
                restore_call, call_outputs = _practice_tab(services, call_id)
            with gr.Tab("Offers", id="offers", elem_id="tab-offers"):
                build_offers_tab(CONCURRENCY, services.settings)
            with gr.Tab("Evidence pack", id="evidence", elem_id="tab-evidence"):
                restore_evidence, evidence_outputs = build_evidence_tab(services.settings.home)

        def restore(thread_id: str | None):
            """A reload (or an app restart) brings the conversation back from the checkpointer."""
            # Nothing stored (a first visit): the page is left as it is, so a question asked
            # before this ran keeps its conversation; the first question makes the id.
            if not thread_id:
                return gr.skip(), gr.skip(), gr.skip()
            try:
                session = services.session
                shown = coach_tab.history_messages(session, thread_id)
                if not shown:
                    return gr.skip(), gr.skip(), gr.skip()
                return shown, coach_tab.conversation_panel(session, thread_id), thread_id
            except Exception as err:
                gr.Warning(str(err))
                return gr.skip(), gr.skip(), gr.skip()

        demo.load(restore, [thread], [chatbot, sources, thread], api_name=False).then(
            list_conversations, [thread], [past], api_name=False
        ).then(restore_call, [call_id], call_outputs, api_name=False)
        # The saved evidence pack, in its form (read from COACH_HOME, not kept in the page).
        demo.load(restore_evidence, None, evidence_outputs, api_name=False, queue=False)
        if model_line is not None:  # a check run from the terminal since launch shows up
            settings = services.settings
            demo.load(
                lambda: model_status.current_line(settings),
                None,
                model_line,
                api_visibility="private",
            )
    return demo


def _auth(settings: Settings, host: str, share: bool) -> tuple[str, str] | None:
    """Anything beyond loopback needs a login; a generated password is printed once."""
    if host in LOOPBACK and not share:
        return None
    if settings.auth is not None:
        user, _, password = settings.auth.get_secret_value().partition(":")
        if not user or not password:
            raise InputError("COACH_AUTH must look like user:password.")
        return user, password
    password = secrets.token_urlsafe(12)
    print(f"Exposed beyond this machine: log in as 'coach' with password {password}")
    return "coach", password


def launch(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    share: bool = False,
    block: bool = True,
    background: bool = True,
) -> tuple[gr.Blocks, Services, str]:
    """Serve first, then warm the coach up in the background."""
    services = Services(settings)
    demo = build_blocks(services)
    bind_host = host or settings.host
    bind_port = port if port is not None else settings.port
    demo.queue(default_concurrency_limit=CONCURRENCY)
    try:
        _, url, _ = demo.launch(
            server_name=bind_host,
            server_port=bind_port,
            share=share,
            auth=_auth(settings, bind_host, share),
            prevent_thread_lock=True,
            quiet=True,
            ssr_mode=False,
            theme=theme(),
            css_paths=[STYLE],
            js=PAGE_JS.read_text(encoding="utf-8"),
            # No footer links: Gradio's settings panel speaks to developers ("start your
            # Gradio app with launch(pwa=True)"); the page follows the system's dark mode.
            footer_links=[],
            max_file_size="1mb",
            # Gradio's own "is localhost reachable" probe gives up on the first HEAD of the
            # page that takes over 3 s, which a busy 2-core machine exceeds while rendering
            # the first page (CI failed so). Its startup request has already reached the
            # server over loopback by then, so the probe adds no safety; it is skipped.
            _frontend=False,
        )
    except OSError as exc:
        raise InputError(
            f"Port {bind_port} is already in use: stop the other app or choose another with --port."
        ) from exc
    services.start(background=background)
    print(f"coach is serving on {url}")
    if block:
        demo.block_thread()
    return demo, services, url


def serve(
    settings: Settings, host: str | None = None, port: int | None = None, share: bool = False
) -> None:
    limit_malloc_arenas()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    log.info("starting coach: %s", settings.describe())
    launch(settings, host=host, port=port, share=share, block=True)

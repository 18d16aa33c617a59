"""The Offers tab's Gradio layout: the one-offer form, the paste box, the report. Wiring only.

The logic is coach/ui/offers_tab.py. Each box has a line under it where its refusal is
shown (one sentence naming the box), so a bad value is fixed where it was typed; the
values typed are never written back, so they stay in their boxes.
"""

from __future__ import annotations

from typing import Any

from coach.config import Settings
from coach.offers.letter_text import LetterText
from coach.ui import offers_tab, plan_download
from coach.ui.evidence_tab import saved_bullets
from coach.ui.offer_form import COMPANY_KINDS, LABELS
from coach.ui.offers_tab import OTHER_LABELS, FormOffer, OfferCheck

# The form's boxes in FormOffer's order: (box, label, placeholder).
FORM_BOXES = [
    ("company", LABELS["company"], ""),
    ("role", LABELS["role"], "ML engineer"),
    ("level", LABELS["level"], "senior"),
    ("location", LABELS["location"], "Seattle"),
    ("base", LABELS["base"], "185k"),
    ("bonus_pct", LABELS["bonus_pct"], "15"),
    ("grant_value", f"{LABELS['grant_value']} (the whole grant)", "400k"),
    ("sign_on", LABELS["sign_on"], "20k"),
    ("shares", LABELS["shares"], "2,000"),
    ("price", LABELS["price"], "$87.50"),
    ("company_is", LABELS["company_is"], ""),
    ("vesting", LABELS["vesting"], "4 years, 1 year cliff, monthly"),
    ("cliff", LABELS["cliff"], "12 months, 1 year or none"),
]
# Rows of boxes as laid out, by name.
ROWS = [
    ["company", "role"],
    ["level", "location"],
    ["base", "bonus_pct", "sign_on"],
]
EQUITY_ROWS = [["grant_value", "shares", "price"], ["vesting", "cliff"]]


def _error_id(box: str) -> str:
    return f"offer-{box.replace('_', '-')}-error"


def _box(box: str, label: str, placeholder: str, **extra: Any) -> tuple[Any, Any]:
    """A box with the line under it where its refusal is shown."""
    import gradio as gr

    with gr.Column(min_width=140):
        component = gr.Textbox(
            label=label,
            placeholder=placeholder or None,
            elem_id=f"offer-{box.replace('_', '-')}",
            **extra,
        )
        error = gr.Markdown(visible=False, elem_id=_error_id(box), elem_classes=["field-error"])
    return component, error


def build_offers_tab(concurrency: int, settings: Settings | None = None) -> None:
    """The Offers tab's components and its events; call inside ``gr.Tab("Offers")``.

    ``settings``: where the evidence pack and the market tables are. The pack the counter
    scripts and the plan say is read at each click, so one saved on the Evidence pack tab
    is used at once."""
    home = settings.home if settings is not None else None
    import gradio as gr

    spec = {box: (label, hint) for box, label, hint in FORM_BOXES}
    boxes: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    with gr.Row():
        with gr.Column(scale=2):
            gr.Markdown("**One offer, by field**")
            for row in ROWS:
                with gr.Row():
                    for box in row:
                        boxes[box], errors[box] = _box(box, *spec[box])
            gr.Markdown(
                "**Equity**: the grant's value, *or* its shares × price per share; "
                "then how it vests.",
                elem_id="offer-equity-help",
            )
            with gr.Column(min_width=140):
                boxes["company_is"] = gr.Radio(
                    list(COMPANY_KINDS),
                    value="public",
                    label=LABELS["company_is"],
                    info="Private: give the last 409A, preferred or strike price; "
                    "the value is paper value.",
                    elem_id="offer-company-is",
                )
                errors["company_is"] = gr.Markdown(
                    visible=False, elem_id=_error_id("company_is"), elem_classes=["field-error"]
                )
            for row in EQUITY_ROWS:
                with gr.Row():
                    for box in row:
                        boxes[box], errors[box] = _box(box, *spec[box])
            with gr.Row():
                with gr.Column(scale=3):
                    boxes["pasted"], errors["pasted"] = _box(
                        "paste", OTHER_LABELS["pasted"], offers_tab.PLACEHOLDER, lines=6
                    )
                with gr.Column(scale=2, min_width=180):
                    # Read on this machine when dropped, then deleted from Gradio's temp
                    # dir: what is kept (in the page's state) is the text, not the file.
                    # No file_types filter: a file of another kind gets the reader's own
                    # sentence under the box, not Gradio's list of extensions.
                    upload = gr.File(
                        label=f"{OTHER_LABELS['letters']} ({offers_tab.LETTER_KINDS})",
                        file_count="multiple",
                        type="filepath",
                        elem_id="offer-letters",
                    )
                    letters_read = gr.Markdown(visible=False, elem_id="offer-letters-read")
                    errors["letters"] = gr.Markdown(
                        visible=False, elem_id=_error_id("letters"), elem_classes=["field-error"]
                    )
            # The letters read, as JSON in a hidden box: a gr.State would make every page
            # hold a heartbeat connection open for as long as it is open.
            letters = gr.JSON([], visible=False)
            with gr.Row():
                boxes["current"], errors["current"] = _box(
                    "current", f"{OTHER_LABELS['current']} (optional)", "150k"
                )
                boxes["floor"], errors["floor"] = _box(
                    "floor", f"{OTHER_LABELS['floor']} (optional)", ""
                )
            with gr.Row():
                check = gr.Button("Check offers", variant="primary", elem_id="offer-check")
                # The one-page plan (PDF) for the offers in the boxes: a button, then
                # the file to save (a link, reachable by keyboard like the button).
                plan_btn = gr.Button("Download my plan", elem_id="offer-plan")
            plan_file = gr.File(
                label="Your plan (PDF, one page)", visible=False, elem_id="offer-plan-file"
            )
        with gr.Column(scale=3):
            report = gr.Markdown(
                "*Your offer's score, verdict and counter appear here.*", elem_id="offer-report"
            )
            side_by_side = gr.Plot(label="Side by side", visible=False, elem_id="offer-compare")
            plots = [
                gr.Plot(
                    label=f"Offer {i + 1}: four years",
                    visible=False,
                    elem_id=f"offer-chart-{i + 1}",
                )
                for i in range(offers_tab.MAX_OFFERS)
            ]

    form_names = [box for box, _, _ in FORM_BOXES]
    inputs = [boxes[name] for name in (*form_names, "pasted", "current", "floor")]
    error_names = list(errors)

    def run(*values: Any) -> list[Any]:
        *fields, text, current_base, walk_away, uploaded = values
        result = offers_tab.safe_check(
            FormOffer(*fields),
            text,
            current_base,
            walk_away,
            _letters(uploaded),
            saved_bullets(home) if home is not None else [],
        )
        return _shown(result, error_names)

    def on_change(paths: list[str] | None, already: list[Any] | None) -> list[Any]:
        got = offers_tab.read_uploads(paths, _letters(already))
        return [
            [letter.model_dump(mode="json") for letter in got.letters],
            gr.update(value=got.status, visible=bool(got.status)),
            gr.update(value=f"⚠️ {got.error}" if got.error else "", visible=bool(got.error)),
        ]

    # A file added, removed or all cleared: the letters kept are those still in the box.
    upload.change(
        on_change, [upload, letters], [letters, letters_read, errors["letters"]], queue=False
    )

    def make_plan(*values: Any) -> Any:
        *fields, text, current_base, walk_away, uploaded = values
        path, problem = plan_download.safe_offers_plan(
            FormOffer(*fields), text, current_base, walk_away, _letters(uploaded), settings
        )
        if problem:
            gr.Warning(problem)
            return gr.update(value=None, visible=False)
        return gr.update(value=str(path), visible=True)

    plan_btn.click(
        make_plan,
        [*inputs, letters],
        [plan_file],
        api_name="offers_plan",
        concurrency_limit=concurrency,
    )

    check.click(
        run,
        [*inputs, letters],
        [report, side_by_side, *plots, *(errors[name] for name in error_names)],
        api_name="check_offers",
        concurrency_limit=concurrency,
    )


def _letters(kept: list[Any] | None) -> list[LetterText]:
    """The letters read before, back from the hidden box's JSON."""
    return [LetterText.model_validate(letter) for letter in kept or []]


def _shown(result: OfferCheck, error_names: list[str]) -> list[Any]:
    """The report, the charts and each box's refusal line (hidden when it has none)."""
    import gradio as gr

    charts = [
        gr.update(value=result.charts[i], visible=True)
        if i < len(result.charts)
        else gr.update(value=None, visible=False)
        for i in range(offers_tab.MAX_OFFERS)
    ]
    compare = gr.update(value=result.comparison_chart, visible=result.comparison_chart is not None)
    lines = [
        gr.update(value=f"⚠️ {result.field_errors[name]}", visible=True)
        if name in result.field_errors
        else gr.update(value="", visible=False)
        for name in error_names
    ]
    return [result.markdown, compare, *charts, *lines]

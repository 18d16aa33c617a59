"""The one-page negotiation plan: built from the tools' results, written as Markdown and
as a PDF that prints on one A4 or Letter page.

``coach.plan.build.build_plan(PlanRequest(...), settings)`` gives the ``Plan``
(``coach.plan.model``); ``coach.plan.markdown.plan_markdown(plan)`` and
``coach.plan.pdf.plan_pdf(plan)`` write it, ``coach.plan.pdf.write_plan(plan, path)`` by
the file's suffix. Nothing is imported here: `coach plan` loads the tools only when run.
"""

"""The one-page negotiation plan: built from the tools' results, written as Markdown and
as a PDF that prints on one A4 or Letter page.

``build_plan(PlanRequest(...), settings)`` gives the ``Plan``; ``plan_markdown(plan)``
and ``plan_pdf(plan)`` write it; ``write_plan(plan, path)`` picks by the file's suffix.
"""

from coach.plan.build import PlanRequest, build_plan
from coach.plan.markdown import plan_markdown
from coach.plan.model import Plan, Sourced
from coach.plan.pdf import plan_pdf, write_plan

__all__ = [
    "Plan",
    "PlanRequest",
    "Sourced",
    "build_plan",
    "plan_markdown",
    "plan_pdf",
    "write_plan",
]

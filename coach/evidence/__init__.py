"""The evidence pack: the user's own AI workflows, eval story and portability story.

The articles say the premium is paid for evidence, not for "I have AI experience". The
pack holds what the user told the coach about their work and the outcome bullets made
from it; the counter script, the one-page plan and the practice call read the bullets
(``EvidencePack.bullets``) so that no "[a workflow you built]" placeholder is left once a
pack exists.
"""

from coach.evidence.pack import EvalStory, EvidencePack, Workflow
from coach.evidence.store import delete_pack, load_pack, pack_path, save_pack, saved_bullets

__all__ = [
    "EvalStory",
    "EvidencePack",
    "Workflow",
    "delete_pack",
    "load_pack",
    "pack_path",
    "save_pack",
    "saved_bullets",
]

"""The implementation pages, by concept: answering, reports (and exports), the plan, the national overview."""

from .answering import answer, index
from .national import national, national_export
from .plan import plan, plan_action, round_open
from .reports import report, report_export

__all__ = ["answer", "index", "national", "national_export", "plan", "plan_action", "report", "report_export",
           "round_open"]

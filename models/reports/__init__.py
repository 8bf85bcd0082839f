"""Programme reports: the DfE return, outcomes and the one-page picture for a panel.

`build_programme_report` counts (in the database); `to_json`, `to_csv` and `to_image`
render. The CLI (`kith report`) and the API (`GET /v1/reports/programme`) share all of it.
"""

from models.reports.charts import to_image
from models.reports.definitions import DEFINITIONS
from models.reports.exports import to_csv, to_json
from models.reports.figures import Figure, ProgrammeReport
from models.reports.period import ReportPeriod, ReportPeriodError, parse_period
from models.reports.programme import build_programme_report

__all__ = [
    "DEFINITIONS",
    "Figure",
    "ProgrammeReport",
    "ReportPeriod",
    "ReportPeriodError",
    "build_programme_report",
    "parse_period",
    "to_csv",
    "to_image",
    "to_json",
]

"""The validation rules, one small check each, registered in documentation order.

Each check's docstring is the rule's description in ``docs/validation.md``. Checks yield
:class:`Issue` objects; the registry names the rule and sets the severity. A check marks an
issue ``unconfirmed`` when the framework fact it relies on is unconfirmed, which lowers an error
to a warning. A module holds the rules on one part of the report.
"""

# -- importing a module registers its rules: this order is the documentation's order --
# isort: off
from ita_extract.validate.rules import report as report
from ita_extract.validate.rules import scores as scores
from ita_extract.validate.rules import overall as overall
from ita_extract.validate.rules import indicators as indicators
from ita_extract.validate.rules import items as items
from ita_extract.validate.rules import recommendations as recommendations
from ita_extract.validate.rules import plan as plan

# isort: on
from ita_extract.validate.rules.scores import score_range_issue

__all__ = ["score_range_issue"]

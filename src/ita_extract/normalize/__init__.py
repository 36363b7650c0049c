"""Thai text normalisation: the one place that knows how Thai reports are written.

Import from the modules: :mod:`.thai` (text, digits, numbers), :mod:`.codes` (ITA item
codes and references) and :mod:`.dates` (Thai calendar).
"""

"""The one reading layer: sentences, periods, figures and what each figure states, read one way.

Answers, verification and both sides of the check import from here, so a figure
in a draft and the same figure in a source are cut, dated and qualified alike.
"""

"""The numbers that trade one error of the check for another, each with what it trades.

Raising a coverage cut-off turns wrong matches (a contradiction or support from the
wrong measure) into "not found"; lowering it does the reverse. None is fitted yet:
each was set by hand on `eval/claims.jsonl` and is named here so it is changed once.
"""

from __future__ import annotations

MIN_COVERAGE = 0.4
"""Weighted share of a claim's measure a source figure must cover to speak to it: higher misses
sources worded differently (more "not found"), lower lets a neighbouring measure answer."""
NEAR_COVERAGE = 0.3
"""Looser share for naming where else a claimed number appears, or a passage's figure for a
period: only shapes an explanation, never a verdict on its own."""
TOP_MARGIN = 0.05
"""Readings this close to the best one are as good, so any may support the claim: wider supports
more paraphrases and lets a near-miss measure support a claim."""
STATED_BONUS = 0.3
"""Preference for a source naming the claim's month for its figure over one whose month is
inferred: higher trusts a stated month over a closer wording of the measure."""
ELSEWHERE_WEIGHT = 0.3
"""Weight of a claim's words outside the figure's own clause, against 1 for those inside it:
higher lets a sentence's other clauses steer the match, lower lets one clause's words decide."""
RECENT_MONTHS = 6
"""How far before its document's date a "current" or undated figure may apply: longer lets an
undated figure support more claims about recent months, shorter leaves more of them not found."""
SECTION_REACH = 3000
"""How many characters before a passage its section's earlier text may reach: further finds what
"the force" did in more passages, and lets more unrelated words count towards a measure."""
LEVELS = (1.0, 0.75, 0.6, 0.5)
"""What a measure word counts for when found in a source figure's clause, sentence, neighbouring
sentence, or passage: flatter lets words far from the figure match it as well as near ones."""
AGREE_MARGIN = 0.15
"""When the best readings state the claimed number but say it otherwise ("over 18 percent"), a
reading this close that states it as claimed ("18 percent") supports it: wider trusts a looser
wording of the measure, narrower calls more such claims contradicted."""
DATE_COVERAGE = 0.55
"""Weighted share of a date-only claim's words a source sentence must say to speak to its date
(`date_check`): lower lets a sentence about another event support or contradict it, higher
leaves more dated claims not found. A date alone never decides."""
DATE_MARGIN = 0.1
"""A source sentence stating the claimed date, short of the best-speaking sentence by more than
this and missing the claim's rarest word the best one names, is about another event: the
neighbouring row of an audit table ("POCA ... 13/02/25" under "Insurance ... 12/02/25") does
not confirm "the Insurance audit starts on 13/02/25" (`date_check`). Narrower lets fewer
neighbouring rows confirm a date; it also sets more right dates against another event's."""
DIFFERENCE_HEDGE = 0.1
"""How far a hedged difference ("around 700 fewer", "some 270 more") may lie from the one its
source's two figures make (722, 273), as a share of it: wider supports rougher restatements and
lets a neighbouring pair of figures bear out a difference they do not make."""
ADMITTED_SPREAD = 0.2
"""How far past a source's bound ("more than 2,000") a figure claimed exactly may lie, as a share
of the bound, and still be the one it rounds (2,167; never the bound itself): wider lets a
rounded headline stand aside for more claims, narrower lets it contradict them."""
ADMITTED_POINTS = 2.5
"""The same for a percentage, in points: "just under 92%" stands for 91.2%, not for 76.8%."""
GRADE_COVERAGE = 0.6
"""Weighted share of a grade claim's area words a source grade's area must say to speak to it
(`grade_check`): lower lets a neighbouring area's grade ("preventing crime" for "investigating
crime") support or contradict it, higher leaves areas worded otherwise not found."""

"""Conferences (hội nghị) of a bloc and the secret-vote engine (issue 7).

A bloc's year-end conference (hội nghị tổng kết) with its agenda and delegates (đại biểu), and the polls held at it:
honouring votes (bình xét, suy tôn), yes/no/abstain votes per candidate and the election of next year's Khối
trưởng and Khối phó. Polls are a state machine with anonymity by construction (STYLE S14); the contract of the
voting engine is ``voting/README.md``.
"""

"""Pure-Python rules of the SEN mediation service: working days, statutory clocks, the tribunal
appeal deadline, the case state machine, SMART agreement checks and eligibility.

Nothing here imports Django or reads the clock: every "today" comes in as an argument, so the
rules can be tested with worked examples and reused by services, tasks, reports and the API.
"""

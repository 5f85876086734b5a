"""Reads for compliance, one module per concept:

- `scope`: which municipalities' reports a viewer may see;
- `evidence`: loading the evidence (courses', scheduling's and compliance's own records) and
  evaluating every person's status and progress on a day;
- `reports`: the municipal report, the national report and the fast figures for many municipalities;
- `trend`: the monthly trend (stored snapshots and computed months);
- `personal`: a person's own status.
"""

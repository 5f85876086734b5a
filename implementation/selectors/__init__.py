"""Reads for implementation, one module per concept:

- `scope`: which municipalities' plans and reports a viewer may see, and who may change them;
- `answering`: a respondent's open rounds and the questions for their group;
- `report`: a round's report (aggregates only, with suppression below five respondents);
- `national`: the national overview of every licensed municipality;
- `plan`: a municipality's plan with the aiming-point checklist filled from the platform's evidence.
"""

jz-rubric lint tests/bad/rubric-grades-not-descending.yaml

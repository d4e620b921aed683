jz-rubric lint tests/bad/rubric-bands-not-descending.yaml

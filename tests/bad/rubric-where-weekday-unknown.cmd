jz-rubric lint tests/bad/rubric-where-weekday-unknown.yaml

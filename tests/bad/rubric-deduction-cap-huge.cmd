jz-rubric lint tests/bad/rubric-deduction-cap-huge.yaml

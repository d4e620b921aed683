jz-rubric lint tests/bad/rubric-cr-only-line-ends.yaml

jz-rubric lint tests/bad/rubric-grade-min-16-digits.yaml
